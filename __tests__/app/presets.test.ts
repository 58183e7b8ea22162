import { startSimulator, type Simulator } from '../../services/simulator/server';
import type { Settings } from '../../lib/settings';
import type { Step } from '../../lib/wizard/steps';
import { fieldText, type FieldPath } from '../support/fields';
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

const valueOf = (path: FieldPath) => fieldText(t.h.lines(), path)[0];
const step = () => t.app.controller.state.step;

/** Storages and bridges of the simulator's demo cluster, none of them the built-in defaults. */
const LARGE: Settings['preset'] = {
  name: 'large',
  spec: {
    cpu: { cores: 4, type: 'x86-64-v2-AES' },
    memory: { memory: 8192 },
    network: { bridge: 'vmbr0' },
    disks: [{ size: 64 }, { size: 200, storage: 'ceph-pool' }],
  },
};
const SITE: Settings['defaults'] = { diskStorage: 'local-lvm', bridge: 'vmbr9' };

const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];

/** Ctrl-N from the current step to `until`, calling `onStep` on each step on the way. */
async function walk(until: Step, onStep: (s: Step) => Promise<void> | void = () => undefined) {
  for (const s of ORDER.slice(ORDER.indexOf(step()), ORDER.indexOf(until))) {
    expect(step()).toBe(s);
    await onStep(s);
    await t.h.press('C-n');
  }
  expect(step()).toBe(until);
}

describe('presets', () => {
  it('the preset is named once, under the header, before logging in and after', async () => {
    t = loginApp(sim, { cols: 160, settings: { defaults: SITE, preset: LARGE } });
    await t.h.settle();
    const named = () => t!.h.lines().filter((l) => /preset large/i.test(l));
    expect(named()).toEqual([t.h.lines()[1]]);
    await logInAsRoot(t);
    expect(step()).toBe('general');
    expect(named()).toEqual([t.h.lines()[1]]);
    expect(t.h.lines()[1]).toMatch(/ preset large {2}root@pam on 127\.0\.0\.1 $/);
  });

  it('at 80 columns the preset stays in view on every step, under the header', async () => {
    t = loginApp(sim, { settings: { defaults: SITE, preset: LARGE }, generalCheckDelayMs: 0 });
    await t.h.settle();
    expect(t.h.lines()[1]).toMatch(/ preset large $/);
    await logInAsRoot(t);
    for (let i = 0; i < 7; i++) {
      expect(t.h.lines()[1]).toMatch(/ preset large {2}root@pam on 127\.0\.0\.1 $/);
      await t.h.press('C-n');
    }
    expect(step()).toBe('confirm');
    expect(t.h.lines()[1]).toMatch(/ preset large {2}root@pam on 127\.0\.0\.1 $/);
  });

  it('a preset’s values over the site defaults are on the steps and in the create call', async () => {
    t = loginApp(sim, { settings: { defaults: SITE, preset: LARGE }, generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    const seen: Partial<Record<Step, string[]>> = {};
    await walk('confirm', async (s) => {
      if (s === 'disks') {
        // The Disk list shows every disk.
        await t.h.press('space');
        seen.disks = t.h.lines().filter((l) => /scsi\d/.test(l));
        await t.h.press('escape');
      }
      if (s === 'cpu') seen.cpu = [valueOf('cpu.cores'), valueOf('cpu.type')];
      if (s === 'memory') seen.memory = [valueOf('memory.memory'), valueOf('memory.minMemory')];
      if (s === 'network') seen.network = [valueOf('network.bridge')];
    });
    expect(seen.disks).toEqual([
      expect.stringMatching(/scsi0 +local-lvm +64 GiB/),
      expect.stringMatching(/scsi1 +ceph-pool +200 GiB/),
    ]);
    expect(seen.cpu).toEqual([
      expect.stringContaining('4'),
      expect.stringContaining('x86-64-v2-AES'),
    ]);
    expect(seen.memory).toEqual([expect.stringContaining('8192'), expect.stringContaining('8192')]);
    expect(seen.network).toEqual([expect.stringContaining('vmbr0')]);
    await t.h.press('C-n');
    expect(step()).toBe('done');
    const creates = sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');
    expect(creates).toHaveLength(1);
    const params = creates[0]!.params;
    expect(params).toMatchObject({
      cores: '4',
      cpu: 'x86-64-v2-AES',
      memory: '8192',
      efidisk0: expect.stringMatching(/^local-lvm:/),
      net0: expect.stringContaining('bridge=vmbr0'),
      scsi0: expect.stringMatching(/^local-lvm:64,/),
      scsi1: expect.stringMatching(/^ceph-pool:200,/),
    });
    // The minimum follows the memory, so there is no separate balloon target.
    expect(params.balloon).toBeUndefined();
  });

  it('"create another" starts from the preset again, not from the built-in defaults', async () => {
    t = loginApp(sim, { settings: { defaults: SITE, preset: LARGE }, generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    await walk('memory');
    await t.h.press('C-u');
    await t.h.type('1024');
    await walk('confirm');
    await t.h.press('C-n');
    expect(step()).toBe('done');
    await t.h.press('C-n');
    expect(step()).toBe('general');
    await walk('memory');
    expect(valueOf('memory.memory')).toContain('8192');
    expect(t.app.controller.state.config.cpu.type).toBe('x86-64-v2-AES');
  });

  it('without a preset, the site defaults are the starting values and no preset is named', async () => {
    t = loginApp(sim, { cols: 160, settings: { defaults: SITE }, generalCheckDelayMs: 0 });
    await t.h.settle();
    expect(t.h.text()).not.toMatch(/preset/i);
    await logInAsRoot(t);
    expect(t.h.lines()[1]).toMatch(/^ +root@pam on 127\.0\.0\.1 $/);
    await walk('disks');
    expect(t.h.text()).toMatch(/scsi0 +local-lvm +32 GiB/);
  });
});
