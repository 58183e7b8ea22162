/**
 * The Node list's load at a glance, in the app against the simulator: General is drawn ready
 * (and its list opens at once) before any node's hour has answered; each hour arrives later into
 * its row and the chosen node's figures; a failed hour is a dash and leaves the step usable; a
 * cluster of thousands gets a bounded number of requests, a few at a time.
 */
import { NODE_LOADS_AT_ONCE } from '../../lib/controller';
import { WATCHED_NODES } from '../../lib/model/node-load';
import type { ProxmoxClient } from '../../services/client/client';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { fieldText } from '../support/fields';
import { snapshotScreen } from '../support/harness';
import { loginApp, logInAsRoot } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp> | undefined;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0, dataset: 'demo' });
});
afterAll(() => sim.close());
afterEach(() => {
  t?.h.destroy();
  t = undefined;
  sim.clearFaults();
});

/** Lets the event loop run (I/O included) until `done`, a turn at a time. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Holds every node hour until released, counting the calls and how many ran at once. */
function gatedHours() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const seen = { calls: 0, inFlight: 0, most: 0 };
  const wrap = (client: ProxmoxClient) => {
    const original = client.nodeLoadHistory.bind(client);
    client.nodeLoadHistory = async (node) => {
      seen.calls++;
      seen.most = Math.max(seen.most, ++seen.inFlight);
      try {
        await gate;
        return await original(node);
      } finally {
        seen.inFlight--;
      }
    };
  };
  return { wrap, seen, release: () => open() };
}

/** Log in as root without waiting for the app's work (the held hours would never let it end). */
async function logInWhileHeld(): Promise<void> {
  await t!.h.settle();
  await t!.h.type('root');
  await t!.h.press('tab');
  await t!.h.type('proxmox');
  await t!.h.pressWhileBusy('enter');
  await until(() => t!.app.controller.state.views.general?.status === 'ready');
  await t!.h.settle({ idle: false });
}

const hourRequests = (s: Simulator) =>
  s.requests.filter((r) => r.endpoint === 'GET /nodes/{node}/rrddata');
const nodeRow = () => fieldText(t!.h.lines(), 'general.node')[0] ?? '';

it('General is ready and its Node list opens before any hour has answered', async () => {
  const hours = gatedHours();
  t = loginApp(sim, { onApi: hours.wrap });
  await logInWhileHeld();
  expect(hourRequests(sim)).toEqual([]);
  // The online nodes' hours are asked for (once OS's prefetched list is in); meanwhile the row
  // says so.
  await until(() => hours.seen.calls === 2);
  // The closed field: the figures; its hint says the hour is on its way.
  expect(nodeRow()).toMatch(/pve1 +cpu \d+% {2}mem \d+% ▾/);
  expect(t.h.lines().join('\n')).toContain('hour: loading');
  await t.h.pressWhileBusy('space');
  const list = t.h.lines().join('\n');
  expect(list).toMatch(/pve2 +cpu [█░]{6} +\d+% {2}mem [█░]{6} +\d+% +…/);
  expect(list).toMatch(/pve3 +offline/);
  await t.h.pressWhileBusy('escape');
  hours.release();
  await t.h.settle();
  expect(hourRequests(sim).map((r) => [r.path, r.status])).toEqual([
    ['/nodes/pve1/rrddata?timeframe=hour', 200],
    ['/nodes/pve2/rrddata?timeframe=hour', 200],
  ]);
  // The hour is in the list's rows (drawn when it opens) and in words under the field.
  await t.h.pressWhileBusy('space');
  expect(t.h.lines().join('\n')).toMatch(
    /pve1 +cpu [█░]{6} +\d+% {2}mem [█░]{6} +\d+% {2}[▁▂▃▄▅▆▇█]{10}/,
  );
  await t.h.pressWhileBusy('escape');
  expect(t.h.lines().join('\n')).toMatch(/\d+ CPUs, [\d.]+ GiB; hour: mean/);
});

it('a failing hour is a dash and a reason; the step stays usable', async () => {
  sim.fault('GET /nodes/{node}/rrddata', { status: 500, message: 'RRD error: cache busy' });
  t = loginApp(sim);
  await logInAsRoot(t);
  await t.h.settle();
  expect(nodeRow()).toMatch(/cpu \d+% {2}mem \d+% ▾/);
  expect(t.h.lines().join('\n')).toContain('hour: not read (RRD error: cache busy)');
  expect(t.app.controller.state.views.general?.status).toBe('ready');
  await t.h.press('space');
  expect(t.h.lines().join('\n')).toMatch(/pve2 +cpu .* +— /);
  await t.h.press('escape', 'C-n');
  expect(t.app.controller.state.step).toBe('os');
});

it('the chosen node at 80x24 and 120x40, on dark and light', async () => {
  t = loginApp(sim);
  await logInAsRoot(t);
  await t.h.press('space');
  await snapshotScreen(t.h, 'node-load-list-80x24', { light: true });
  await t.h.press('escape');
  await t.h.resize(120, 40);
  await snapshotScreen(t.h, 'node-load-120x40', { light: true });
});

it('on the Linux console without UTF-8, the pictures are text: meters and ticks in ASCII', async () => {
  t = loginApp(sim, { cols: 120, rows: 40, term: 'linux', env: { LANG: 'C', LC_ALL: 'C' } });
  await logInAsRoot(t);
  const screen = t.h.lines().join('\n');
  // In a column of 58 the ASCII meters do not fit beside the name: the figures alone.
  expect(t.h.lines().find((l) => l.includes('| pve1 '))).toMatch(/pve1 +cpu \d+% {2}mem \d+% v/);
  await t.h.press('space');
  expect(t.h.lines().join('\n')).toMatch(/pve2 +cpu \d+% {2}mem \d+% +\|/);
  await t.h.press('escape');
  expect(screen).toMatch(/pve1: CPU \d+% of 32; mem \d+% of 256 GiB; hour: mean \d+%, peak \d+%/);
  expect(screen).toMatch(/CPU {12}\[#*-*\] +\d+%/);
  expect(screen).toMatch(/Memory {9}\[#*-*\] +\d+%/);
  expect(screen).toMatch(/CPU, last hour [_.=^-]+ +mean \d+%, peak \d+%/);
  expect(screen).not.toMatch(/[█░▁▂▃▄▅▆▇]/);
});

describe('a cluster of 3,000 nodes', () => {
  let big: Simulator;
  beforeAll(async () => {
    big = await startSimulator({
      authDelayMs: 0,
      dataset: 'large',
      sizes: { nodes: 3000, isos: 10, pools: 10, tags: 10, vms: 10 },
    });
  });
  afterAll(() => big.close());

  it(`asks for a screenful of hours and the chosen node, ${NODE_LOADS_AT_ONCE} at a time`, async () => {
    const hours = gatedHours();
    t = loginApp(big, { onApi: hours.wrap });
    await logInWhileHeld();
    await until(() => hours.seen.calls === NODE_LOADS_AT_ONCE);
    await t.h.settle({ idle: false });
    expect(hours.seen.calls).toBe(NODE_LOADS_AT_ONCE);
    hours.release();
    await t.h.settle();
    expect(hours.seen.most).toBe(NODE_LOADS_AT_ONCE);
    expect(hourRequests(big)).toHaveLength(WATCHED_NODES);
    // A node far down the list, once chosen, is asked about too (and only it).
    await t.h.press('space');
    await t.h.type('node2999');
    await t.h.press('enter');
    expect(t.app.controller.state.config.general.node).toBe('node2999');
    expect(
      hourRequests(big)
        .map((r) => r.path)
        .slice(WATCHED_NODES),
    ).toEqual(['/nodes/node2999/rrddata?timeframe=hour']);
    expect(nodeRow()).toMatch(/node2999 +cpu \d+% {2}mem \d+% ▾/);
    expect(t.h.lines().join('\n')).toMatch(/hour: mean \d+%, peak \d+%/);
    // Nodes nobody asked about show no hour (not a load that never ends).
    await t.h.press('space');
    await t.h.type('node1');
    const rows = t.h.lines().filter((l) => /│ +node1\d{3} .*%/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatch(/% {11,}│/);
  });
});
