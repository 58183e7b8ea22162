import { startSimulator, type Simulator } from '../../services/simulator/server';
import type { Step } from '../../lib/wizard/steps';
import { fieldText, type FieldPath } from '../support/fields';
import { loginApp, logInAsRoot } from '../support/login-app';
import { snapshotScreen, type SnapshotOptions } from '../support/harness';

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

const snap = (id: string, options?: SnapshotOptions) => snapshotScreen(t.h, id, options);

const valueOf = (path: FieldPath) => fieldText(t.h.lines(), path)[0];
const bottomOf = (path: FieldPath) => fieldText(t.h.lines(), path)[1];
/** The disk list is the Disks step's own select, not a descriptor: found by its label. */
const diskList = () => t.h.lines()[t.h.lines().findIndex((l) => l.includes('─ Disk ─')) + 1];
const config = () => t.app.controller.state.config;
/** The Network step's device list (its own select, found by its label). */
const nicList = () =>
  t.h.lines()[t.h.lines().findIndex((l) => l.includes('─ Network device ─')) + 1];

const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];

async function reach(step: Step, rows = 24) {
  t = loginApp(sim, { rows, generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  for (const s of ORDER.slice(0, ORDER.indexOf(step))) {
    expect(t.app.controller.state.step).toBe(s);
    await t.h.press('C-n');
  }
  expect(t.app.controller.state.step).toBe(step);
}

describe('System', () => {
  it('defaults: q35, OVMF with an EFI disk on ceph-pool, VirtIO SCSI single, agent on, no TPM', async () => {
    await reach('system', 40);
    expect(valueOf('system.machine')).toContain('q35');
    expect(valueOf('system.bios')).toContain('OVMF (UEFI)');
    expect(valueOf('system.efiStorage')).toContain('ceph-pool');
    expect(valueOf('system.scsihw')).toContain('VirtIO SCSI single');
    await snap('system-default-80x40');
  });

  it('SeaBIOS turns the EFI disk off; TPM turns its storage on', async () => {
    await reach('system');
    await t.h.press('tab', 'tab', 'space', 'up', 'enter');
    expect(config().system.bios).toBe('seabios');
    // The EFI fields are disabled now, so Tab goes from the firmware to the SCSI controller,
    // the agent and the TPM; the EFI choices are kept for when OVMF comes back.
    await t.h.press('tab', 'tab', 'tab', 'space');
    expect(config().system.tpm).toBe(true);
    expect(config().system).toMatchObject({ efiDisk: true, efiStorage: 'ceph-pool' });
  });
});

describe('Disks', () => {
  it('one SCSI disk by default with its summary', async () => {
    await reach('disks');
    expect(diskList()).toContain('scsi0  ceph-pool  32 GiB');
    expect(diskList()).toContain('iothread ssd io_uring');
    await snap('disks-default-80x24', { light: true });
  });

  it('adds disks on the next free SCSI index, edits one, removes one, and allows none', async () => {
    await reach('disks', 40);
    await t.h.press('tab', 'enter', 'enter');
    expect(config().disks.map((d) => `${d.bus}${d.index}`)).toEqual(['scsi0', 'scsi1', 'scsi2']);
    await t.h.press('tab', 'tab', 'tab', 'tab', 'tab');
    await t.h.press('C-u');
    await t.h.type('100');
    expect(config().disks[2]!.size).toBe('100');
    await snap('disks-three-80x40');
    await t.h.press(
      'S-tab',
      'S-tab',
      'S-tab',
      'S-tab',
      'S-tab',
      'right',
      'enter',
      'enter',
      'enter',
    );
    expect(config().disks).toEqual([]);
    expect(t.h.text()).toContain('No disks: the VM gets none');
  });

  it('a bus change picks a free index and disables what the bus lacks', async () => {
    await reach('disks', 50);
    await t.h.press('tab', 'tab', 'tab', 'space');
    await t.h.type('VirtIO');
    await t.h.press('enter');
    expect(config().disks[0]).toMatchObject({
      bus: 'virtio',
      index: 0,
      ssd: false,
      iothread: true,
    });
    expect(bottomOf('disks.ssd')).toContain('not on VirtIO Block');
    // The index's range follows the bus, in the hint and in the live check.
    expect(bottomOf('disks.index')).toContain('0-15');
    await t.h.press('tab', 'C-u');
    await t.h.type('20');
    expect(bottomOf('disks.index')).toContain('Device index is out of range for this bus (0-15)');
  });

  it('IO thread follows the SCSI controller (HDEdit.js): off and why, back on with single', async () => {
    await reach('system', 50);
    // Graphic card -> Machine -> Firmware -> EFI disk -> its storage -> keys -> SCSI controller.
    await t.h.press('tab', 'tab', 'tab', 'tab', 'tab', 'tab', 'space');
    await t.h.type('VirtIO SCSI');
    await t.h.press('enter');
    expect(config().system.scsihw).toBe('virtio-scsi-pci');
    await t.h.press('C-n');
    expect(valueOf('disks.iothread')).toContain('[ ]');
    expect(bottomOf('disks.iothread')).toContain('only with the VirtIO SCSI single controller');
    expect(diskList()).not.toContain('iothread');
    await snap('disks-iothread-off-80x50');
    await t.h.press('C-p', 'tab', 'tab', 'tab', 'tab', 'tab', 'tab', 'space', 'down', 'enter');
    expect(config().system.scsihw).toBe('virtio-scsi-single');
    await t.h.press('C-n');
    expect(valueOf('disks.iothread')).toContain('[x]');
    expect(diskList()).toContain('iothread');
  });

  it('refuses ide2 while the CD drive uses it, with the message at the index', async () => {
    await reach('disks');
    await t.h.press('tab', 'tab', 'tab', 'space');
    await t.h.type('IDE');
    await t.h.press('enter', 'tab', 'C-u');
    await t.h.type('2');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('disks');
    expect(bottomOf('disks.index')).toContain('ide2 is taken by the CD/DVD drive');
  });
});

describe('CPU and Memory', () => {
  it('CPU: 1 socket × 2 cores, type host, total shown', async () => {
    await reach('cpu');
    expect(valueOf('cpu.total')).toContain('2 vCPUs (1 socket x 2 cores)');
    expect(valueOf('cpu.type')).toContain('host');
    await snap('cpu-default-80x24');
    await t.h.press('tab', 'C-u');
    await t.h.type('4');
    expect(valueOf('cpu.total')).toContain('4 vCPUs');
  });

  it('Memory: minimum follows memory until edited; ballooning off; KSM needs 9.1', async () => {
    await reach('memory');
    expect(bottomOf('memory.allowKsm')).toContain('needs Proxmox VE 9.1 (server: 8.3)');
    await snap('memory-default-80x24');
    await t.h.press('C-u');
    await t.h.type('4096');
    expect(valueOf('memory.minMemory')).toContain('4096');
    await t.h.press('tab', 'C-u');
    await t.h.type('1024');
    await t.h.press('S-tab', 'C-u');
    await t.h.type('8192');
    expect(config().memory).toMatchObject({ memory: '8192', minMemory: '1024' });
    await t.h.press('tab', 'tab', 'space');
    expect(config().memory.ballooning).toBe(false);
  });
});

describe('Network', () => {
  it('defaults to VirtIO on vmbr9 with the firewall', async () => {
    await reach('network');
    expect(valueOf('network.bridge')).toContain('vmbr9');
    expect(valueOf('network.model')).toContain('VirtIO (paravirtualized)');
    await snap('network-default-80x24');
  });

  it('invalid VLAN, MAC and MTU get messages at their fields', async () => {
    await reach('network');
    // No network device, the device list, Add, Remove, Bridge, then VLAN.
    await t.h.press('tab', 'tab', 'tab', 'tab', 'tab');
    await t.h.type('5000');
    expect(bottomOf('network.vlan')).toContain(
      'VLAN tag must be a whole number between 1 and 4094',
    );
    await t.h.press('tab', 'tab');
    await t.h.type('01:00:00:00:00:01');
    expect(bottomOf('network.mac')).toContain('MAC address must be a unicast address');
    await t.h.press('tab', 'tab', 'tab');
    await t.h.type('500');
    expect(bottomOf('network.mtu')).toContain('MTU must be 1 (use the bridge MTU) or between 576');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('network');
  });

  it('adds a second device, edits it apart from net0, and removes both (then none)', async () => {
    await reach('network', 40);
    // No network device → the list → Add device.
    await t.h.press('tab', 'tab', 'enter');
    expect(config().network.extraNics).toHaveLength(1);
    expect(nicList()).toContain('net1  vmbr9  VirtIO (paravirtualized)');
    // Add → Remove → Bridge → VLAN Tag of net1, the new device.
    await t.h.press('tab', 'tab', 'tab');
    await t.h.type('20');
    expect(config().network.extraNics[0]!.vlan).toBe('20');
    expect(config().network.vlan).toBe('');
    expect(valueOf('network.vlan')).toContain('20');
    await snap('network-two-80x40');
    // Back on the list, net0 is chosen: the editor shows net0's empty VLAN.
    await t.h.press('S-tab', 'S-tab', 'S-tab', 'S-tab', 'space', 'up', 'enter');
    expect(nicList()).toContain('net0  vmbr9');
    expect(valueOf('network.vlan')).not.toContain('20');
    // Remove net0: net1 moves up and keeps its VLAN.
    await t.h.press('tab', 'tab', 'enter');
    expect(config().network).toMatchObject({ vlan: '20', extraNics: [], noNetwork: false });
    expect(nicList()).toContain('net0  vmbr9  VirtIO (paravirtualized)');
    // Removing the last one is no network device; Add brings it back.
    await t.h.press('enter');
    expect(config().network.noNetwork).toBe(true);
    expect(t.h.text()).toContain('The VM gets no network device');
    // Remove is off now; the focus went to Add.
    await t.h.press('enter');
    expect(config().network.noNetwork).toBe(false);
    expect(config().network.vlan).toBe('20');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('confirm');
  });

  it('a problem of a device not in the editor shows at the list, named', async () => {
    await reach('network', 40);
    await t.h.press('tab', 'tab', 'enter', 'tab', 'tab', 'tab');
    await t.h.type('9999');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('network');
    // Next shows net1, whose VLAN is wrong; with net0 chosen the list says it.
    expect(nicList()).toContain('net1');
    await t.h.press('S-tab', 'S-tab', 'S-tab', 'S-tab', 'space', 'up', 'enter');
    expect(nicList()).toContain('net0');
    expect(t.h.text()).toContain('net1: VLAN tag must be a whole number between 1 and 4094');
  });

  it('no network device disables the rest', async () => {
    await reach('network');
    await t.h.press('space');
    expect(config().network.noNetwork).toBe(true);
    expect(t.h.text()).toContain('The VM gets no network device');
    await snap('network-none-80x24');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('confirm');
  });
});

it('Ctrl-N on every step with the defaults reaches Confirm', async () => {
  await reach('confirm');
});
