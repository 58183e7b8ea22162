/**
 * The permission preflight on Confirm: what the create needs and the user lacks is listed as
 * problems to fix (with a jump to the field that needs it) before Create, not a 403 after it.
 */
import type { Widgets } from 'blessed';
import { LIMITED_USER } from '../../services/simulator/datasets';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { snapshotScreen } from '../support/harness';
import { fieldRow, type FieldPath } from '../support/fields';
import { loginApp, logInAsRoot, nextToConfirm } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeEach(async () => {
  // A fixed port: the address is in the snapshot.
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0, port: 48131 });
  t = loginApp(sim, { generalCheckDelayMs: 0 });
});
afterEach(async () => {
  t.h.destroy();
  await sim.close();
});

const step = () => t.app.controller.state.step;
const flat = () =>
  t.h
    .lines()
    .map((l) => l.replace(/[│┌┐└┘─]/g, ' ').trim())
    .join(' ')
    .replace(/\s+/g, ' ');
const row = (path: FieldPath) => fieldRow(t.h.lines(), path);
const focusedRow = () => (t.h.screen.focused as Widgets.BoxElement | undefined)?.atop;

async function logInAsLimited() {
  await t.h.settle();
  await t.h.type(`${LIMITED_USER.username}@${LIMITED_USER.realm}`);
  await t.h.press('tab');
  await t.h.type(LIMITED_USER.password);
  await t.h.press('enter');
}

async function toConfirm() {
  await nextToConfirm(t);
}

/** The problems list, opened: every entry's text. */
async function problems(): Promise<string> {
  await t.h.press('space');
  const listed = flat();
  await t.h.press('escape');
  return listed;
}

it('a limited user sees what the create needs and they lack; Create stays off', async () => {
  await logInAsLimited();
  await toConfirm();
  const vmid = t.app.controller.state.config.general.vmid;
  expect(t.h.text()).toContain('5 problems to fix before creating');
  expect(flat()).toContain('You lack privileges this create needs');
  await snapshotScreen(t.h, 'confirm-missing-privileges-80x24');
  // Create refuses and points at the list.
  await t.h.press('C-n');
  expect(step()).toBe('confirm');
  const listed = await problems();
  expect(listed).toContain(`General: VM ${vmid} needs VM.Allocate, VM.Config.CPU`);
  expect(listed).toContain(
    'System: the EFI disk needs Datastore.AllocateSpace on /storage/ceph-pool',
  );
  expect(listed).toContain('Disks: the drive scsi0 needs Datastore.AllocateSpace on');
  expect(listed).toContain('Network: the bridge vmbr9 needs SDN.Use on');
  expect(listed).toContain('General: High Availability needs Sys.Console on /');
  expect(sim.requests.some((r) => r.endpoint === 'POST /nodes/{node}/qemu')).toBe(false);
});

it('choosing a missing privilege jumps to the field that needs it', async () => {
  await logInAsLimited();
  await toConfirm();
  // The fourth entry: the bridge.
  await t.h.press('C-n', 'space', 'down', 'down', 'down', 'enter');
  expect(step()).toBe('network');
  expect(focusedRow()).toBe(row('network.bridge'));
});

it('with a pool, storages and a bridge the user may use, nothing is missing and the VM is created', async () => {
  await logInAsLimited();
  await t.h.settle();
  const { config } = t.app.controller.state;
  t.app.controller.dispatch({
    type: 'changed',
    config: {
      ...config,
      general: { ...config.general, pool: 'lab', ha: false },
      system: { ...config.system, efiStorage: 'local-lvm' },
      disks: config.disks.map((d) => ({ ...d, storage: 'local-lvm' })),
      network: { ...config.network, bridge: 'vmbr0' },
    },
  });
  await toConfirm();
  expect(t.h.text()).not.toContain('problems to fix');
  await t.h.press('C-n');
  expect(step()).toBe('done');
  expect(sim.state.vms.get(Number(t.app.controller.state.config.general.vmid))?.pool).toBe('lab');
});

it('root@pam lacks nothing', async () => {
  await logInAsRoot(t);
  await toConfirm();
  expect(t.h.text()).not.toContain('problems to fix');
  expect(
    sim.requests.filter((r) => r.endpoint === 'GET /access/permissions').length,
  ).toBeGreaterThan(0);
});
