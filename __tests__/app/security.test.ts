/** --insecure is never silent: a warning stands under the header of every screen. */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { INSECURE_WARNING } from '../../lib/strings';
import { FORM_STEPS } from '../../lib/wizard/steps';
import { snapshotScreen } from '../support/harness';
import { loginApp, logInAsRoot } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp> | undefined;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0, port: 48118 });
});
afterAll(() => sim.close());
afterEach(() => t?.h.destroy());

it('--insecure: the warning is on the login screen, every step and the result', async () => {
  t = loginApp(sim, { generalCheckDelayMs: 0, settings: { tls: { insecure: true } } });
  await t.h.settle();
  const warningRow = () => t!.h.lines()[1];
  expect(warningRow()).toContain(INSECURE_WARNING);
  await snapshotScreen(t.h, 'login-insecure-80x24');
  await logInAsRoot(t);
  const seen = new Set<string>();
  for (let i = 0; i < 9 && t.app.controller.state.step !== 'done'; i++) {
    seen.add(t.app.controller.state.step);
    expect(warningRow()).toContain(INSECURE_WARNING);
    await t.h.press('C-n');
  }
  expect([...seen]).toEqual([...FORM_STEPS]);
  expect(t.app.controller.state.step).toBe('done');
  expect(warningRow()).toContain(INSECURE_WARNING);
  await t.h.press('f1');
  expect(warningRow()).toContain(INSECURE_WARNING);
});

it('without --insecure there is no warning row', async () => {
  t = loginApp(sim, { generalCheckDelayMs: 0 });
  await t.h.settle();
  expect(t.h.lines()[1]!.trim()).toBe('');
});
