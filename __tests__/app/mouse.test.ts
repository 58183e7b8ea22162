import { startSimulator, type Simulator } from '../../services/simulator/server';
import { fieldRow } from '../support/fields';
import { loginApp, logInAsRoot } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t.h.destroy());

/** A left click at column x, row y (0-based) as an xterm sends it (SGR mouse mode). */
function click(x: number, y: number): string[] {
  return [`\x1b[<0;${x + 1};${y + 1}M`, `\x1b[<0;${x + 1};${y + 1}m`];
}

it('clicking a visited step in the breadcrumb jumps there; clicking a field focuses it', async () => {
  // Wide enough for the whole breadcrumb beside who is logged in where.
  t = loginApp(sim, { cols: 100, generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  await t.h.press('C-n', 'C-n', 'C-n');
  expect(t.app.controller.state.step).toBe('disks');
  const header = t.h.lines()[0]!;
  await t.h.press(...click(header.indexOf('OS'), 0));
  expect(t.app.controller.state.step).toBe('os');
  await t.h.press(...click(header.indexOf('Network'), 0));
  expect(t.app.controller.state.step).toBe('os');
  // A click on a field focuses it.
  const row = fieldRow(t.h.lines(), 'os.osType');
  await t.h.press(...click(10, row + 1));
  await t.h.press('space', 'down', 'enter');
  expect(t.app.controller.state.config.os.osType).toBe('windows');
});
