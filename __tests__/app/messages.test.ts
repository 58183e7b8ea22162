/**
 * Nothing cut is lost: a field's message that its border has to cut is shown whole in the status
 * area (which grows, the form scrolling to keep the field in view) and repeated by F1; the step's
 * notice keeps its own row beside it.
 */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import type { Step } from '../../lib/wizard/steps';
import { fieldRow, type FieldPath } from '../support/fields';
import { loginApp, logInAsRoot } from '../support/login-app';
import { snapshotScreen } from '../support/harness';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => {
  t?.h.destroy();
  sim.clearFaults();
});

const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network'];
const MAC = 'MAC address must be a unicast address like BC:24:11:12:34:56 (or empty for auto)';
const QUEUES = 'Multiqueue must be a whole number between 1 and 64';

async function network(cols: number, rows: number) {
  t = loginApp(sim, { cols, rows, generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  await t.h.press(...ORDER.slice(0, -1).map(() => 'C-n'));
  expect(t.app.controller.state.step).toBe('network');
}

/** Tab pressed n times (No network device, the device list, Add, Remove, then the device's fields). */
const tabs = (n: number) => Array.from({ length: n }, () => 'tab');
const lines = () => t.h.lines();
const row = (path: FieldPath) => fieldRow(lines(), path);
/** The screen's words without box lines, so wrapped sentences read whole. */
const flat = () =>
  lines()
    .map((l) => l.replace(/[│┌┐└┘─]/g, ' ').trim())
    .join(' ')
    .replace(/\s+/g, ' ');

function expectFrame(rows: number) {
  expect(lines()[0]).toMatch(/^ pvevm {3}\S/);
  expect(lines()[rows - 1]).toMatch(/^ Tab\/Down next field/);
}

describe.each([
  [80, 24],
  [100, 30],
])('at %i×%i', (cols, rows) => {
  it('a bad MAC address: its whole message is on screen, and in F1', async () => {
    await network(cols, rows);
    await t.h.press(...tabs(7));
    await t.h.type('01:00:00:00:00:01');
    // The schema's message is longer than a row: the status area wraps it, whole.
    expect(flat()).toContain(MAC);
    const border = lines()[row('network.mac') + 2]!;
    if (border.includes(MAC)) {
      // The border had the room: the status area does not repeat it.
      expect(lines().filter((l) => l.includes(MAC))).toHaveLength(1);
    } else {
      expect(border).toContain('MAC address must be a unicast address lik');
      expect(flat()).toContain(`Error in MAC address: ${MAC}`);
    }
    expectFrame(rows);
    await snapshotScreen(t.h, `message-mac-${cols}x${rows}`);
    await t.h.press('f1');
    expect(flat()).toContain(`Error in MAC address: ${MAC}`);
    expect(flat()).toContain('Tab/Down Next field');
    await t.h.press('escape');
    expect(flat()).not.toContain('Tab/Down Next field');
  });

  it('a bad multiqueue count in a scrolled form: whole on screen, the field in view, in F1', async () => {
    await network(cols, rows);
    await t.h.press(...tabs(12));
    await t.h.type('99');
    expect(row('network.queues')).toBeGreaterThan(0);
    expect(lines().some((l) => l.includes(QUEUES))).toBe(true);
    expect(lines()[row('network.queues') + 1]).toContain('99');
    expectFrame(rows);
    await snapshotScreen(t.h, `message-multiqueue-${cols}x${rows}`);
    await t.h.press('f1');
    expect(flat()).toContain(`Error in Multiqueue: ${QUEUES}`);
  });
});

it('the step’s notice and the field’s message share the area, each whole', async () => {
  const broken = 'bridge configuration could not be read from /etc/network/interfaces';
  sim.fault('GET /nodes/{node}/network', { status: 500, message: broken });
  await network(100, 30);
  const notice = `Error: ${broken} (Reload or Ctrl-R tries again)`;
  expect(flat()).toContain(notice);
  await t.h.press(...tabs(7));
  await t.h.type('01:00:00:00:00:01');
  // The field's message above, the notice on the status row it always has.
  const at = lines().findIndex((l) => l.includes('Error in MAC address: '));
  expect(at).toBeGreaterThan(row('network.mac') + 2);
  expect(flat()).toContain(`Error in MAC address: ${MAC}`);
  expect(flat()).toContain(notice);
  expect(
    lines()
      .slice(at + 2, 29)
      .join(' '),
  ).toContain('Error: bridge configuration');
  expectFrame(30);
  await snapshotScreen(t.h, 'message-and-notice-100x30');
  // Moving on to a field whose message fits gives the rows back.
  await t.h.press('tab');
  expect(flat()).not.toContain('Error in MAC address');
  expect(flat()).toContain(notice);
});
