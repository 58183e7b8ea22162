/**
 * The per-step "Advanced" checkbox (pve-manager www/manager6/qemu/CreateWizard.js: one
 * Advanced checkbox shows each panel's advanced fields) and the CPU step's advanced options
 * (ProcessorEdit.js, VMCPUFlagSelector.js): off hides the advanced fields with no holes left,
 * on shows them, the choice is remembered across runs, a hidden field with a problem opens
 * Advanced on Next, and the CPU flags reach the create call inside `cpu`.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Widgets } from 'blessed';
import { fileAdvancedChoice, memoryAdvancedChoice } from '../../lib/advanced-choice';
import { defaultConfig, type VmConfig } from '../../lib/model/config';
import type { Step } from '../../lib/wizard/steps';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { fieldRow, fieldText, type FieldPath } from '../support/fields';
import { snapshotScreen } from '../support/harness';
import { loginApp, logInAsRoot, type LoginAppOptions } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t?.h.destroy());

const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];
const state = () => t.app.controller.state;
const shown = (path: FieldPath) => fieldRow(t.h.lines(), path) >= 0;
const valueOf = (path: FieldPath) => fieldText(t.h.lines(), path)[0];
const bottomOf = (path: FieldPath) => fieldText(t.h.lines(), path)[1];
const focusedRow = () => (t.h.screen.focused as Widgets.BoxElement | undefined)?.atop;
const advancedRow = () => t.h.lines().findIndex((l) => l.includes('─ Advanced ─'));

async function reach(step: Step, options: LoginAppOptions = {}): Promise<void> {
  t = loginApp(sim, { generalCheckDelayMs: 0, ...options });
  await logInAsRoot(t);
  for (const s of ORDER.slice(0, ORDER.indexOf(step))) {
    expect(state().step).toBe(s);
    await t.h.press('C-n');
  }
  expect(state().step).toBe(step);
}

/** Tab to the Advanced checkbox (the last field before the buttons). */
async function focusAdvanced(): Promise<void> {
  for (let i = 0; i < 40 && focusedRow() !== advancedRow(); i++) await t.h.press('tab');
  expect(focusedRow()).toBe(advancedRow());
}

describe('the Advanced checkbox', () => {
  it('off: the advanced fields are left out, the fields after them move up; on: they show', async () => {
    const advanced = memoryAdvancedChoice();
    await reach('cpu', { rows: 40, advanced });
    expect(shown('cpu.type')).toBe(true);
    for (const key of ['vcpus', 'cpulimit', 'cpuunits', 'affinity', 'numa', 'flag:aes'])
      expect(shown(`cpu.${key}`)).toBe(false);
    // No hole: the checkbox comes right after the CPU type.
    expect(advancedRow()).toBe(fieldRow(t.h.lines(), 'cpu.type') + 3);
    await focusAdvanced();
    await t.h.press('space');
    expect(advanced.isOn('cpu')).toBe(true);
    expect(shown('cpu.vcpus')).toBe(true);
    expect(valueOf('cpu.cpuunits')).toContain('default (100)');
    expect(focusedRow()).toBe(advancedRow());
    // Off again: hidden, and Tab never stops in them.
    await t.h.press('space');
    expect(shown('cpu.vcpus')).toBe(false);
    for (let i = 0; i < 6; i++) {
      await t.h.press('tab');
      expect(focusedRow()).not.toBe(fieldRow(t.h.lines(), 'cpu.vcpus'));
    }
  });

  it('scrolls at 80x24 with every CPU option shown', async () => {
    await reach('cpu', { advanced: memoryAdvancedChoice({ cpu: true }) });
    await snapshotScreen(t.h, 'cpu-advanced-80x24');
    for (let i = 0; i < 9; i++) await t.h.press('tab');
    await snapshotScreen(t.h, 'cpu-advanced-flags-80x24');
  });

  it('is remembered per step across runs in the state file, keeping its other keys', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pvevm-state-')), 'pvevm', 'state.json');
    await reach('memory', { rows: 40, advanced: fileAdvancedChoice(path) });
    expect(shown('memory.shares')).toBe(false);
    await focusAdvanced();
    await t.h.press('space');
    expect(shown('memory.shares')).toBe(true);
    t.h.destroy();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ advanced: { memory: true } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, JSON.stringify({ other: { kept: 1 }, advanced: { memory: true } }));

    // The next run: Memory opens with its advanced fields, CPU without.
    await reach('cpu', { rows: 40, advanced: fileAdvancedChoice(path) });
    expect(shown('cpu.vcpus')).toBe(false);
    await t.h.press('C-n');
    expect(shown('memory.shares')).toBe(true);
    // Shares apply only with a minimum below the memory (MemoryEdit.js): greyed out here.
    expect(bottomOf('memory.shares')).toContain('only with ballooning and a minimum below Memory');
    await snapshotScreen(t.h, 'memory-advanced-80x40');
    await focusAdvanced();
    await t.h.press('space');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      other: { kept: 1 },
      advanced: { memory: false },
    });
  });

  it('a hidden advanced field with a problem: Next opens Advanced and focuses it', async () => {
    const config: VmConfig = defaultConfig();
    config.cpu.vcpus = '9';
    const advanced = memoryAdvancedChoice();
    await reach('disks', { rows: 40, advanced, config });
    await t.h.press('C-n');
    expect(state().step).toBe('cpu');
    expect(shown('cpu.vcpus')).toBe(false);
    await t.h.press('C-n');
    expect(state().step).toBe('cpu');
    expect(advanced.isOn('cpu')).toBe(true);
    expect(valueOf('cpu.vcpus')).toContain('9');
    expect(bottomOf('cpu.vcpus')).toContain('VCPUs must not exceed the total cores (2)');
    expect(focusedRow()).toBe(fieldRow(t.h.lines(), 'cpu.vcpus'));
    await snapshotScreen(t.h, 'cpu-advanced-problem-80x40');
  });
});

describe('CPU flags', () => {
  it('+/-/default per flag, written in the web UI order into `cpu`, accepted by the server', async () => {
    await reach('cpu', { rows: 60, advanced: memoryAdvancedChoice({ cpu: true }) });
    /** Open the flag's list and move from the current choice (Default, On, Off). */
    const pick = async (flag: string, ...moves: string[]) => {
      for (let i = 0; i < 40 && focusedRow() !== fieldRow(t.h.lines(), `cpu.flag:${flag}`); i++)
        await t.h.press('tab');
      await t.h.press('space', ...moves, 'enter');
    };
    await pick('aes', 'down');
    await pick('pcid', 'down', 'down');
    await pick('md-clear', 'down');
    expect(state().config.cpu.flags).toBe('+md-clear;-pcid;+aes');
    expect(valueOf('cpu.flags')).toContain('+md-clear;-pcid;+aes');
    expect(valueOf('cpu.flag:pcid')).toContain('Off (-)');
    // Back to Default leaves the flag out; On again puts it back in its place.
    await pick('md-clear', 'up');
    expect(state().config.cpu.flags).toBe('-pcid;+aes');
    await pick('md-clear', 'down');
    expect(state().config.cpu.flags).toBe('+md-clear;-pcid;+aes');
    // nested-virt needs 9.1 (the simulator runs 8.3).
    expect(bottomOf('cpu.flag:nested-virt')).toContain('needs Proxmox VE 9.1 (server: 8.3)');
    for (const s of ORDER.slice(ORDER.indexOf('cpu'), -1)) {
      expect(state().step).toBe(s);
      await t.h.press('C-n');
    }
    await t.h.press('C-n');
    const create = sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');
    expect(create.at(-1)?.params.cpu).toMatch(/^[\w-]+,flags=\+md-clear;-pcid;\+aes$/);
    expect(create.at(-1)?.status).toBe(200);
  });
});

describe('Disks: read-only and bandwidth limits (HDEdit.js)', () => {
  /** Tab to a disk field (the editor's fields are keyed inside the disk). */
  const focus = async (key: string) => {
    for (let i = 0; i < 60 && focusedRow() !== fieldRow(t.h.lines(), `disks.${key}`); i++)
      await t.h.press('tab');
    expect(focusedRow()).toBe(fieldRow(t.h.lines(), `disks.${key}`));
  };

  it('behind Advanced; set, checked at the field, and sent inside the disk', async () => {
    const advanced = memoryAdvancedChoice();
    await reach('disks', { rows: 80, advanced });
    expect(shown('disks.readOnly')).toBe(false);
    expect(shown('disks.mbpsRd')).toBe(false);
    await focusAdvanced();
    await t.h.press('space');
    expect(advanced.isOn('disks')).toBe(true);
    expect(shown('disks.readOnly')).toBe(true);
    expect(valueOf('disks.mbpsRd')).toContain('unlimited');
    expect(valueOf('disks.mbpsRdMax')).toContain('default');
    await focus('readOnly');
    await t.h.press('space');
    await focus('mbpsRdMax');
    await t.h.type('200');
    await t.h.press('tab');
    expect(bottomOf('disks.mbpsRdMax')).toContain('needs a Read limit (MB/s)');
    await focus('mbpsRd');
    await t.h.type('100');
    await focus('iopsWr');
    await t.h.type('500');
    await t.h.press('tab');
    expect(state().config.disks[0]).toMatchObject({
      readOnly: true,
      mbpsRd: '100',
      mbpsRdMax: '200',
      iopsWr: '500',
    });
    for (const s of ORDER.slice(ORDER.indexOf('disks'), -1)) {
      expect(state().step).toBe(s);
      await t.h.press('C-n');
    }
    await t.h.press('C-n');
    const create = sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');
    expect(create.at(-1)?.params.scsi0).toBe(
      'ceph-pool:32,format=raw,iothread=1,ssd=1,ro=1,aio=io_uring,mbps_rd=100,mbps_rd_max=200,iops_wr=500',
    );
    expect(create.at(-1)?.status).toBe(200);
  });

  it('scrolls at 80x24 with every disk option shown', async () => {
    await reach('disks', { advanced: memoryAdvancedChoice({ disks: true }) });
    for (let i = 0; i < 15; i++) await t.h.press('tab');
    await snapshotScreen(t.h, 'disks-advanced-80x24');
    for (let i = 0; i < 6; i++) await t.h.press('tab');
    await snapshotScreen(t.h, 'disks-advanced-limits-80x24');
  });
});
