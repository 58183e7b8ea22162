/**
 * Golden create calls for the System step's advanced machine options, sent to the simulator of
 * each server version: q35 with a pinned version and Intel vIOMMU (pve-manager
 * www/manager6/qemu/MachineEdit.js `onGetValues`), and a VM on the aarch64 node pve2 with a
 * pinned virt version (Architecture.js `defaultMachines`). The machine list is read through the
 * client as the System loader reads it (qemu-server src/PVE/API2/Qemu/Machine.pm).
 */
import { updateSection } from '../../lib/model/derive';
import { createParams } from '../../lib/model/payload';
import { createVm } from '../../services/create-vm';
import { ROOT_USER } from '../../services/simulator/datasets';
import type { PveVersion } from '../../services/simulator/state';
import { validConfig } from '../support/configs';
import { simulator, type SimSetup } from '../support/simulator';

function q35Pinned(vmid: number) {
  const c = updateSection(validConfig(), 'system', {
    machine: 'q35',
    machineVersion: 'pc-q35-8.2',
    viommu: 'intel',
  });
  c.general.vmid = String(vmid);
  c.general.ha = false;
  return c;
}

function aarch64(vmid: number) {
  const c = updateSection(validConfig(), 'os', { arch: 'aarch64' });
  c.general.vmid = String(vmid);
  c.general.node = 'pve2';
  c.general.ha = false;
  c.os.iso = 'cephfs:iso/nixos-minimal-25.11.9418.c7f47036d3df-aarch64-linux.iso';
  return updateSection(c, 'system', { machineVersion: 'virt-8.2', viommu: 'virtio' });
}

const options = { haManagedParam: true, allowKsmParam: true };

describe('golden: the machine parameter', () => {
  test('q35 + pinned version + Intel vIOMMU', () => {
    const p = createParams(q35Pinned(150), options);
    expect(p.machine).toBe('pc-q35-8.2,viommu=intel');
  });

  test('an aarch64 node: virt version, VirtIO vIOMMU, OVMF, SCSI CD', () => {
    expect(createParams(aarch64(151), options)).toEqual({
      vmid: 151,
      ostype: 'l26',
      scsi2: 'cephfs:iso/nixos-minimal-25.11.9418.c7f47036d3df-aarch64-linux.iso,media=cdrom',
      machine: 'virt-8.2,viommu=virtio',
      bios: 'ovmf',
      efidisk0: 'ceph-pool:1,efitype=4m,pre-enrolled-keys=0',
      scsihw: 'virtio-scsi-single',
      agent: 1,
      scsi0: 'ceph-pool:32,format=raw,iothread=1,ssd=1,aio=io_uring',
      cores: 2,
      sockets: 1,
      cpu: 'host',
      memory: '2048',
      net0: 'virtio,bridge=vmbr9,firewall=1',
    });
  });
});

describe.each<PveVersion>(['8.3', '9.1'])('the simulator of %s', (version) => {
  let s: SimSetup;
  beforeAll(async () => {
    s = await simulator({ version });
  });
  afterAll(() => s.sim.close());

  async function loggedIn() {
    const api = s.client();
    await api.login({
      username: ROOT_USER.username,
      realm: ROOT_USER.realm,
      password: ROOT_USER.password,
    });
    return api;
  }

  async function create(node: string, vmid: number, params: Record<string, string | number>) {
    const api = await loggedIn();
    const result = await createVm(api, {
      node,
      vmid,
      params,
      ha: 'none',
      start: false,
      clock: s.clock,
    });
    s.clock.advance(600_000);
    await api.findVm(vmid);
    return { result, config: s.sim.state.vms.get(vmid)?.config };
  }

  const opts = { haManagedParam: version === '9.1', allowKsmParam: version === '9.1' };

  test('lists the node architecture’s machine versions, newest first', async () => {
    const api = await loggedIn();
    const x86 = await api.machineVersions('pve1');
    expect(x86[0]).toEqual({
      id: version === '8.3' ? 'pc-i440fx-9.0' : 'pc-i440fx-10.1',
      type: 'i440fx',
      version: version === '8.3' ? '9.0' : '10.1',
    });
    expect(x86.some((m) => m.id === 'pc-q35-8.2')).toBe(true);
    const arm = await api.machineVersions('pve2');
    expect(arm.every((m) => m.type === 'virt')).toBe(true);
    expect(arm.some((m) => m.id === 'virt-8.2')).toBe(true);
  });

  test('accepts q35 + pinned version + Intel vIOMMU', async () => {
    const { result, config } = await create('pve1', 160, createParams(q35Pinned(160), opts));
    expect(result.kind).toBe('created');
    expect(config?.machine).toBe('pc-q35-8.2,viommu=intel');
  });

  test('accepts the aarch64 VM with a pinned virt version', async () => {
    const { result, config } = await create('pve2', 161, createParams(aarch64(161), opts));
    expect(result.kind).toBe('created');
    expect(config?.machine).toBe('virt-8.2,viommu=virtio');
  });

  test('refuses Intel vIOMMU with i440fx in the create task', async () => {
    const p = { ...createParams(q35Pinned(162), opts), machine: 'pc,viommu=intel' };
    const { result, config } = await create('pve1', 162, p);
    expect(result.kind).toBe('failed');
    expect(JSON.stringify(result)).toContain(
      'to use Intel vIOMMU please set the machine type to q35',
    );
    expect(config).toBeUndefined();
  });
});
