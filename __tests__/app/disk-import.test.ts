/**
 * Importing a disk image in the Disks step (pve-manager www/manager6/qemu/HDEdit.js: the image
 * from a storage with `import` content, the size from the image): choose "Import a disk image",
 * pick an image, create; the create call carries `<storage>:0,import-from=<volid>`.
 */
import type { Widgets } from 'blessed';
import type { Step } from '../../lib/wizard/steps';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { fieldRow, fieldText, type FieldPath } from '../support/fields';
import { snapshotScreen } from '../support/harness';
import { loginApp, logInAsRoot } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t?.h.destroy());

const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];
const state = () => t.app.controller.state;
const valueOf = (path: FieldPath) => fieldText(t.h.lines(), path)[0];
const bottomOf = (path: FieldPath) => fieldText(t.h.lines(), path)[1];
const focusedRow = () => (t.h.screen.focused as Widgets.BoxElement | undefined)?.atop;

async function focus(key: string): Promise<void> {
  for (let i = 0; i < 40 && focusedRow() !== fieldRow(t.h.lines(), `disks.${key}`); i++)
    await t.h.press('tab');
  expect(focusedRow()).toBe(fieldRow(t.h.lines(), `disks.${key}`));
}

it('choose import, pick an image, create: the payload has import-from', async () => {
  t = loginApp(sim, { rows: 24, generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  for (const s of ORDER.slice(0, ORDER.indexOf('disks'))) {
    expect(state().step).toBe(s);
    await t.h.press('C-n');
  }
  await focus('source');
  await t.h.press('space', 'down', 'enter');
  expect(state().config.disks[0]!.source).toBe('import');
  // No image yet: Next names the field.
  await t.h.press('C-n');
  expect(state().step).toBe('disks');
  expect(bottomOf('disks.importFrom')).toContain('Choose a disk image to import');
  await focus('importFrom');
  await t.h.press('space', 'down', 'enter');
  expect(state().config.disks[0]!.importFrom).toBe(
    'local:import/debian-12-genericcloud-amd64.qcow2',
  );
  expect(valueOf('disks.importFrom')).toContain('qcow2');
  expect(valueOf('disks.size')).toContain('size from the image');
  await snapshotScreen(t.h, 'disks-import-80x24');
  for (const s of ORDER.slice(ORDER.indexOf('disks'), -1)) {
    expect(state().step).toBe(s);
    await t.h.press('C-n');
  }
  await t.h.press('C-n');
  const create = sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');
  expect(create.at(-1)?.params.scsi0).toBe(
    'ceph-pool:0,import-from=local:import/debian-12-genericcloud-amd64.qcow2,format=raw,' +
      'iothread=1,ssd=1,aio=io_uring',
  );
  expect(create.at(-1)?.status).toBe(200);
});
