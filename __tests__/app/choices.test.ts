/**
 * Explicit choices and VM ID races through the whole app against the simulator: a preset's
 * storage the node lacks stays visible with the problem at its field; General's Next respects
 * the live VM ID check; a VM ID taken between Confirm and the create call is said plainly,
 * points at the field, offers the next free one, and the retry sends that one.
 */
import type { Widgets } from 'blessed';
import type { Settings } from '../../lib/settings';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import type { Step } from '../../lib/wizard/steps';
import { snapshotScreen } from '../support/harness';
import { fieldLabel, fieldRow, fieldText, type FieldPath } from '../support/fields';
import { loginApp, logInAsRoot } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeEach(async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0 });
});
afterEach(async () => {
  t?.h.destroy();
  await sim.close();
});

const state = () => t.app.controller.state;
const step = () => state().step;
const text = () => t.h.text();
const flat = () => text().replace(/[│┌┐└┘─\s]+/g, ' ');
const row = (path: FieldPath) => fieldRow(t.h.lines(), path);
const valueOf = (path: FieldPath) => fieldText(t.h.lines(), path)[0];
/** The text in the bottom border of the field at `path` (its own cell in two columns). */
function bottomOf(path: FieldPath): string {
  const lines = t.h.lines();
  const top = lines[row(path)]!;
  const start = top.lastIndexOf('┌', top.indexOf(`─ ${fieldLabel(path)} ─`));
  const end = top.indexOf('┐', start);
  return (lines[row(path) + 2] ?? '').slice(start, end + 1).replace(/^[└─\s]+|[─┘\s]+$/g, '');
}
const focusedRow = () => (t.h.screen.focused as Widgets.BoxElement | undefined)?.atop;
const createCalls = () => sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');

async function walkTo(target: Step): Promise<void> {
  const order: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];
  for (let i = 0; i < order.length && step() !== target; i++) await t.h.press('C-n');
  expect(step()).toBe(target);
}

describe('a preset’s explicit choice the node lacks', () => {
  const PRESET: Settings['preset'] = {
    name: 'typo',
    spec: { disks: [{ storage: 'local-lvmm', size: 16 }], network: { bridge: 'vmbr7' } },
  };

  it('stays on its field with the problem, blocks Next, and goes once another is chosen', async () => {
    t = loginApp(sim, {
      cols: 120,
      rows: 40,
      settings: { preset: PRESET },
      generalCheckDelayMs: 0,
    });
    await logInAsRoot(t);
    await walkTo('disks');
    expect(valueOf('disks.storage')).toMatch(/local-lvmm +not on this node/);
    expect(bottomOf('disks.storage')).toMatch(/^storage 'local-lvmm' does not exist on node pve1/);
    // Never silently replaced: the configuration still says what the preset asked for.
    expect(state().config.disks[0]!.storage).toBe('local-lvmm');
    await snapshotScreen(t.h, 'disks-explicit-storage-missing-95x40');
    await t.h.press('C-n');
    expect(step()).toBe('disks');
    expect(focusedRow()).toBe(row('disks.storage'));
    // F1 has the whole message.
    await t.h.press('f1');
    expect(flat()).toContain(
      "storage 'local-lvmm' does not exist on node pve1 (available: local-lvm, ceph-pool)",
    );
    await t.h.press('escape');
    // Choosing an existing storage clears it.
    await t.h.press('space');
    await t.h.type('local-lvm');
    await t.h.press('enter');
    expect(state().config.disks[0]!.storage).toBe('local-lvm');
    expect(bottomOf('disks.storage')).not.toContain('does not exist');
    await walkTo('network');
    expect(valueOf('network.bridge')).toMatch(/vmbr7 +not on this node/);
    expect(bottomOf('network.bridge')).toContain("bridge 'vmbr7' does not exist on node pve1");
    await t.h.press('C-n');
    expect(step()).toBe('network');
    expect(createCalls()).toHaveLength(0);
  });

  it('a value left open falls back to the default with a notice, as before', async () => {
    t = loginApp(sim, {
      settings: { defaults: { bridge: 'vmbr5' } },
      generalCheckDelayMs: 0,
    });
    await logInAsRoot(t);
    await walkTo('network');
    expect(valueOf('network.bridge')).toMatch(/vmbr0/);
    expect(text()).toContain('No vmbr5 on pve1: using vmbr0');
    await t.h.press('C-n');
    expect(step()).toBe('confirm');
  });
});

describe('VM IDs', () => {
  it('General: a VM ID the field marks in use blocks Next, with the message at the field', async () => {
    t = loginApp(sim, { cols: 95, rows: 30, generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    expect(step()).toBe('general');
    await t.h.press('tab');
    await t.h.press('C-u');
    await t.h.type('101');
    expect(bottomOf('general.vmid')).toBe('VM ID 101 is already in use');
    await t.h.press('tab', 'C-n');
    expect(step()).toBe('general');
    expect(focusedRow()).toBe(row('general.vmid'));
    expect(bottomOf('general.vmid')).toBe('VM ID 101 is already in use');
    await t.h.press('C-u');
    await t.h.type('150');
    await t.h.press('C-n');
    expect(step()).toBe('os');
  });

  it('General: Next right after typing waits for the VM ID check instead of skipping it', async () => {
    // The check would run a minute after the last key: Next runs it at once.
    t = loginApp(sim, { cols: 95, rows: 30, generalCheckDelayMs: 60_000 });
    await logInAsRoot(t);
    await t.h.press('tab', 'C-u');
    await t.h.pressWhileBusy('1', '0', '1');
    await t.h.press('C-n');
    expect(step()).toBe('general');
    expect(bottomOf('general.vmid')).toBe('VM ID 101 is already in use');
    await t.h.press('C-u');
    await t.h.pressWhileBusy('1', '5', '0');
    await t.h.press('C-n');
    expect(step()).toBe('os');
  });

  it('taken between Confirm and the create call: said plainly, the next free ID one key away, one create', async () => {
    t = loginApp(sim, { cols: 100, rows: 30, generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    await walkTo('confirm');
    const taken = Number(state().config.general.vmid);
    sim.state.vms.set(taken, { vmid: taken, node: 'pve2', config: {}, status: 'stopped' });
    await t.h.press('C-n');
    expect(step()).toBe('confirm');
    expect(flat()).toContain(
      `VM ID ${taken} was taken by another client (it is a VM on pve2 now): nothing was created.`,
    );
    expect(flat()).toContain(`Press F4 to use the next free VM ID, ${taken + 1}`);
    await snapshotScreen(t.h, 'confirm-vmid-taken-95x30');
    // Nothing says no VM exists, nor that it failed for another reason.
    expect(flat()).not.toMatch(/no VM exists|was taken meanwhile|taken by someone else/);
    // Create stays refused while the ID is the taken one: the same call is never sent again.
    await t.h.press('C-n');
    expect(step()).toBe('confirm');
    expect(createCalls()).toHaveLength(1);
    await t.h.press('f4');
    expect(state().config.general.vmid).toBe(String(taken + 1));
    expect(flat()).toContain(`Create VM tries again with VM ID ${taken + 1}`);
    await t.h.press('C-n');
    expect(step()).toBe('done');
    expect(createCalls().map((r) => [r.params.vmid, r.status])).toEqual([
      [String(taken), 500],
      [String(taken + 1), 200],
    ]);
    expect(sim.state.vms.get(taken + 1)).toBeDefined();
  });

  it('the taken VM ID problem jumps to the VM ID field, which says it is in use', async () => {
    t = loginApp(sim, { cols: 100, rows: 30, generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    await walkTo('confirm');
    const taken = Number(state().config.general.vmid);
    sim.state.vms.set(taken, { vmid: taken, node: 'pve2', config: {}, status: 'stopped' });
    await t.h.press('C-n');
    // The problem list: the next free ID first, then the VM ID field.
    await t.h.press('space');
    expect(flat()).toMatch(
      new RegExp(
        `Use the next free VM ID, ${taken + 1} \\(F4\\) .*General: VM ID ${taken} was taken`,
      ),
    );
    await t.h.press('down', 'enter');
    expect(step()).toBe('general');
    expect(focusedRow()).toBe(row('general.vmid'));
    expect(bottomOf('general.vmid')).toBe(`VM ID ${taken} is already in use`);
    await t.h.press('C-n');
    expect(step()).toBe('general');
  });
});
