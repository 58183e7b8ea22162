/**
 * The storages' usage at their selects: the ISO storage's use now, and on Disks what this VM
 * adds ("42% → 42%"), red with words when a typed size would overfill the storage — from the
 * data already loaded, without a request, and without rebuilding lists a digit does not change.
 */
import type { Widgets } from 'blessed';
import type { Step } from '../../lib/wizard/steps';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { SelectField } from '../../widgets/select-field';
import { createTheme } from '../../widgets/theme';
import { fieldRow, fieldText, type FieldPath } from '../support/fields';
import { snapshotScreen } from '../support/harness';
import { loginApp, logInAsRoot } from '../support/login-app';
import { fgAt } from '../support/widgets';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => {
  jest.restoreAllMocks();
  t?.h.destroy();
});

const state = () => t.app.controller.state;
const valueOf = (path: FieldPath) => fieldText(t.h.lines(), path)[0];
const bottomOf = (path: FieldPath) => fieldText(t.h.lines(), path)[1];
const focusedRow = () => (t.h.screen.focused as Widgets.BoxElement | undefined)?.atop;

async function focus(path: FieldPath): Promise<void> {
  for (let i = 0; i < 40 && focusedRow() !== fieldRow(t.h.lines(), path); i++)
    await t.h.press('tab');
  expect(focusedRow()).toBe(fieldRow(t.h.lines(), path));
}

async function goTo(step: Step): Promise<void> {
  for (let i = 0; i < 8 && state().step !== step; i++) await t.h.press('C-n');
  expect(state().step).toBe(step);
}

/** The palette colour of the first cell of `text` in the value row of `path`. */
function colourOf(path: FieldPath, text: string): number {
  const row = fieldRow(t.h.lines(), path) + 1;
  const x = t.h.lines()[row]!.indexOf(text);
  expect(x).toBeGreaterThan(0);
  return fgAt(t.h, x, row);
}

/** The error role's colour as this terminal's theme paints it (256 colours, background unknown). */
const ERROR_FG = Number(/\{(\d+)-fg\}/.exec(createTheme().paint('error', 'x'))![1]);

it('the ISO storage shows its use now; a disk storage now → after', async () => {
  t = loginApp(sim, { rows: 24, generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  await goTo('os');
  // cephfs: 4 TiB, 35% used; the VM does not fill it.
  expect(valueOf('os.isoStorage')).toMatch(/cephfs .*\] +35% /);
  expect(valueOf('os.isoStorage')).not.toContain('→');
  expect(bottomOf('os.isoStorage')).toContain('35% used of 4.0 TiB');
  await goTo('disks');
  // ceph-pool: 12 TiB, 42% used; the 32 GiB disk and the EFI disk add little.
  expect(valueOf('disks.storage')).toMatch(/ceph-pool .*free .*\] +42% → +42% /);
  expect(bottomOf('disks.storage')).toContain('42% now, 42% with this VM (of 12.0 TiB)');
  // Each option says what that storage would hold with the disk on it: local-lvm (512 GiB,
  // 30% used) would take the 32 GiB disk.
  await focus('disks.storage');
  await t.h.press('space');
  const rows = t.h.lines().join('\n');
  expect(rows).toMatch(/local-lvm .*\] +30% → +36% /);
  expect(rows).toMatch(/x ceph-pool .*\] +42% → +42% /);
  await t.h.press('escape');
});

it('a size that overfills the storage turns its figure red with words; nothing typed is lost, nothing requested', async () => {
  t = loginApp(sim, { rows: 24, generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  await goTo('disks');
  await focus('disks.size');
  const requests = sim.requests.length;
  const built: string[] = [];
  const setOptions = SelectField.prototype.setOptions;
  jest.spyOn(SelectField.prototype, 'setOptions').mockImplementation(function (
    this: SelectField,
    ...args
  ) {
    built.push(this.label);
    return setOptions.apply(this, args);
  });
  await t.h.press('backspace', 'backspace');
  let typed = '';
  for (const digit of '8000') {
    await t.h.type(digit);
    typed += digit;
    expect(state().config.disks[0]!.size).toBe(typed);
  }
  // 8000 GiB on 12 TiB with 42% used: 107% after, past the 7.0 TiB free.
  expect(valueOf('disks.storage')).toMatch(/\[█+▒+\] +42% → 107% /);
  expect(colourOf('disks.storage', '107%')).toBe(ERROR_FG);
  expect(bottomOf('disks.storage')).toContain('does not fit: this VM needs 7.8 TiB, 7.0 TiB free');
  expect(bottomOf('disks.size')).toContain('more than the 7.0 TiB free on ceph-pool');
  await snapshotScreen(t.h, 'storage-overfill-80x24', { light: true });
  // The data was there: no request; no list but the storages' and the disk list was rebuilt.
  expect(sim.requests.slice(requests)).toEqual([]);
  expect(new Set(built)).toEqual(new Set(['Disk', 'Storage']));
  expect(built.filter((l) => l === 'Storage').length).toBeLessThanOrEqual(6);
  // A change that puts nothing more on a storage rebuilds no storage list.
  built.length = 0;
  await focus('disks.discard');
  await t.h.press('space');
  expect(state().config.disks[0]!.discard).toBe(true);
  expect(built).not.toContain('Storage');
  // Back under the free space: the figure leaves the error role.
  await focus('disks.size');
  await t.h.press('backspace', 'backspace', 'backspace');
  expect(state().config.disks[0]!.size).toBe('8');
  expect(valueOf('disks.storage')).toMatch(/42% → +42% /);
  expect(colourOf('disks.storage', '42% →')).not.toBe(ERROR_FG);
});

it('an inactive storage (the API sends zeros) shows a dash and "usage unknown", and no "does not fit"', async () => {
  const nfs = {
    storage: 'nfs-vms',
    type: 'nfs',
    content: ['images'],
    shared: true,
    total: 2 ** 40,
    used: 2 ** 39,
    active: false,
    nodes: sim.state.nodes.map((n) => n.node),
  };
  sim.state.storages.push(nfs);
  try {
    t = loginApp(sim, { rows: 24, generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    await goTo('disks');
    await focus('disks.storage');
    await t.h.press('space');
    // The open list: nfs-vms with its type and a dash for its figure.
    expect(t.h.lines().join('\n')).toMatch(/nfs-vms +nfs +— /);
    await t.h.press('end', 'enter');
    expect(state().config.disks[0]!.storage).toBe('nfs-vms');
    expect(valueOf('disks.storage')).toMatch(/nfs-vms +nfs +— /);
    expect(bottomOf('disks.storage')).toContain('usage unknown');
    await focus('disks.size');
    await t.h.type('000');
    expect(state().config.disks[0]!.size).toBe('32000');
    expect(bottomOf('disks.size')).toContain('1-131072');
  } finally {
    sim.state.storages.splice(sim.state.storages.indexOf(nfs), 1);
  }
});
