/**
 * The System step's advanced machine options, pressed through the wizard: the machine version
 * list read from the node (pve-manager www/manager6/qemu/MachineEdit.js: "Latest" first, then
 * the chosen type's versions as the server lists them; a new type resets the version), the
 * vIOMMU (Intel only for q35), and what the create call carries (MachineEdit.js `onGetValues`).
 */
import { memoryAdvancedChoice } from '../../lib/advanced-choice';
import type { Step } from '../../lib/wizard/steps';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { fieldRow, fieldText, type FieldPath } from '../support/fields';
import { snapshotScreen } from '../support/harness';
import { loginApp, logInAsRoot, type LoginAppOptions } from '../support/login-app';
import type { Widgets } from 'blessed';

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

const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];
const state = () => t.app.controller.state;
const valueOf = (path: FieldPath) => fieldText(t.h.lines(), path)[0];
const bottomOf = (path: FieldPath) => fieldText(t.h.lines(), path)[1];
const focusedRow = () => (t.h.screen.focused as Widgets.BoxElement | undefined)?.atop;

async function reachSystem(options: LoginAppOptions = {}): Promise<void> {
  t = loginApp(sim, {
    generalCheckDelayMs: 0,
    rows: 50,
    advanced: memoryAdvancedChoice({ system: true }),
    ...options,
  });
  await logInAsRoot(t);
  await t.h.press('C-n');
  await t.h.press('C-n');
  expect(state().step).toBe('system');
}

async function focus(path: FieldPath): Promise<void> {
  for (let i = 0; i < 40 && focusedRow() !== fieldRow(t.h.lines(), path); i++)
    await t.h.press('tab');
  expect(focusedRow()).toBe(fieldRow(t.h.lines(), path));
}

describe('System: machine version and vIOMMU', () => {
  it('choose a pinned q35 version and Intel vIOMMU; the create call carries both', async () => {
    await reachSystem();
    expect(valueOf('system.machine')).toContain('q35');
    expect(valueOf('system.machineVersion')).toContain('Latest');
    await focus('system.machineVersion');
    // Latest, 9.0, 8.2 … (the simulator of 8.3 runs QEMU 9.0): two down is 8.2.
    await t.h.press('space');
    await snapshotScreen(t.h, 'system-machine-versions-80x50');
    await t.h.press('down', 'down', 'enter');
    expect(state().config.system.machineVersion).toBe('pc-q35-8.2');
    expect(valueOf('system.machineVersion')).toContain('8.2');
    await focus('system.viommu');
    await t.h.press('space', 'down', 'enter');
    expect(state().config.system.viommu).toBe('intel');
    await snapshotScreen(t.h, 'system-advanced-80x50');
    for (const s of ORDER.slice(ORDER.indexOf('system'), -1)) {
      expect(state().step).toBe(s);
      await t.h.press('C-n');
    }
    await t.h.press('C-n');
    const create = sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');
    expect(create.at(-1)?.params.machine).toBe('pc-q35-8.2,viommu=intel');
    expect(create.at(-1)?.status).toBe(200);
  });

  it('a new machine type resets the version to Latest; the list follows the type', async () => {
    await reachSystem();
    await focus('system.machineVersion');
    await t.h.press('space', 'down', 'enter');
    expect(state().config.system.machineVersion).toBe('pc-q35-9.0');
    await focus('system.machine');
    await t.h.press('space', 'up', 'enter');
    expect(state().config.system.machine).toBe('default');
    expect(state().config.system.machineVersion).toBe('');
    expect(valueOf('system.machineVersion')).toContain('Latest');
    await focus('system.machineVersion');
    await t.h.press('space', 'down', 'enter');
    expect(state().config.system.machineVersion).toBe('pc-i440fx-9.0');
  });

  it('a failing machine list leaves Latest with the reason; Next still works', async () => {
    sim.fault('GET /nodes/{node}/capabilities/qemu/machines', {
      status: 500,
      message: 'could not load supported machine versions - no such file',
    });
    await reachSystem();
    expect(valueOf('system.machineVersion')).toContain('Latest');
    expect(bottomOf('system.machineVersion')).toContain("Could not read the node's machine");
    await t.h.press('C-n');
    expect(state().step).toBe('disks');
  });
});
