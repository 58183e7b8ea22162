/**
 * Lists show what the web UI's selectors show: bridges with their comment and whether they are
 * active (www/manager6/form/BridgeSelector.js), storages with their type and free space
 * (StorageSelector.js: Type, Avail; at 100 columns the usage figure leaves no room for the type), pools sorted by name (PoolSelector.js: `sorters: poolid`),
 * offline nodes shown but not choosable (NodeSelector.js's online validator).
 */
import type { Step } from '../../lib/wizard/steps';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { loginApp, logInAsRoot } from '../support/login-app';
import { snapshotScreen } from '../support/harness';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t?.h.destroy());

const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network'];

async function reach(step: Step) {
  t = loginApp(sim, { rows: 30, cols: 100, generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  await t.h.press(...ORDER.slice(0, ORDER.indexOf(step)).map(() => 'C-n'));
  expect(t.app.controller.state.step).toBe(step);
}

/** The open list's rows (between its borders), trimmed of box lines. */
const rowsWith = (word: string) =>
  t.h
    .lines()
    .filter((l) => l.includes(word))
    .map((l) => l.replace(/[│▾]/g, ' ').replace(/\s+/g, ' ').trim());

it('bridges: name, comment, active', async () => {
  await reach('network');
  // No network device → device list → Add → Remove → Bridge, opened.
  await t.h.press('tab', 'tab', 'tab', 'tab', 'space');
  expect(rowsWith('vmbr0')).toContainEqual(expect.stringContaining('vmbr0 LAN active'));
  expect(rowsWith('Lab VLAN trunk')).toContainEqual(
    expect.stringContaining('vmbr9 Lab VLAN trunk active'),
  );
  await snapshotScreen(t.h, 'list-bridges-100x30');
});

it('storages: name, free space and usage (the type where a row has room for it)', async () => {
  await reach('disks');
  // Disk list → Add → Remove → Bus → Index → Storage, opened.
  await t.h.press('tab', 'tab', 'tab', 'tab', 'tab', 'space');
  expect(rowsWith('local-lvm')).toContainEqual(
    expect.stringMatching(/local-lvm [\d.]+ \w+ free \d+% → \d+%/),
  );
  const rows = rowsWith('ceph-pool');
  expect(rows).toContainEqual(expect.stringMatching(/ceph-pool [\d.]+ \w+ free \d+% → \d+%/));
  await snapshotScreen(t.h, 'list-storages-100x30');
});

it('pools: sorted by name, with their comments', async () => {
  await reach('general');
  const pools = () => t.h.lines().join('\n');
  // Node → VM ID → Name → Pool, opened.
  await t.h.press('tab', 'tab', 'tab', 'space');
  const text = pools();
  expect(text).toContain('Lab and tests');
  const at = (word: string) => text.indexOf(word);
  expect(at(' lab ')).toBeLessThan(at(' lab/ci'));
  expect(at(' lab/ci')).toBeLessThan(at(' prod '));
});

it('nodes: an offline node is listed, marked offline, and cannot be chosen', async () => {
  await reach('general');
  await t.h.press('space');
  expect(rowsWith('pve3')).toContainEqual(expect.stringContaining('pve3 offline'));
  await t.h.press('end', 'enter');
  expect(t.app.controller.state.config.general.node).not.toBe('pve3');
});
