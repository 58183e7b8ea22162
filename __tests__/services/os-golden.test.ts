/**
 * Golden create calls for what the guest OS and the node decide, sent to the simulator of each
 * server version: a Windows 11 VM made by its OS type only plus the VirtIO drivers ISO (pve-manager
 * OSDefaults.js, SystemEdit.js, OSPanel.js, CreateWizard.js `calculateBootOrder`) and one without
 * installation media (CDEdit.js: an empty drive).
 */
import { updateSection } from '../../lib/model/derive';
import { createParams } from '../../lib/model/payload';
import { createVm } from '../../services/create-vm';
import { ROOT_USER } from '../../services/simulator/datasets';
import type { PveVersion } from '../../services/simulator/state';
import { validConfig } from '../support/configs';
import { simulator, type SimSetup } from '../support/simulator';

const VIRTIO_ISO = 'local:iso/virtio-win-0.1.266.iso';

function windows11(vmid: number) {
  let c = validConfig();
  c.general.vmid = String(vmid);
  c.general.ha = false;
  c = updateSection(c, 'os', { osType: 'windows', osVersion: 'win11' });
  return updateSection(c, 'os', { virtioDrivers: true, virtioIso: VIRTIO_ISO });
}

describe('golden: Windows 11 with the VirtIO drivers ISO', () => {
  test('the create parameters', () => {
    const p = createParams(windows11(120), { haManagedParam: true, allowKsmParam: true });
    expect(p).toEqual({
      vmid: 120,
      ostype: 'win11',
      ide2: 'cephfs:iso/nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso,media=cdrom',
      ide0: `${VIRTIO_ISO},media=cdrom`,
      machine: 'q35',
      bios: 'ovmf',
      efidisk0: 'ceph-pool:1,efitype=4m,pre-enrolled-keys=0',
      scsihw: 'virtio-scsi-single',
      agent: 1,
      tpmstate0: 'ceph-pool:1,version=v2.0',
      // With the drivers the web UI takes a SCSI disk and a VirtIO NIC (OSPanel.js).
      scsi0: 'ceph-pool:32,format=raw,iothread=1,ssd=1,aio=io_uring',
      cores: 2,
      sockets: 1,
      cpu: 'host',
      memory: '2048',
      net0: 'virtio,bridge=vmbr9,firewall=1',
      boot: 'order=scsi0;ide2;ide0;net0',
    });
  });

  test('without the drivers: IDE disk, E1000, no boot order (the server decides)', () => {
    const c = updateSection(windows11(121), 'os', { virtioDrivers: false });
    const p = createParams(c, { haManagedParam: true, allowKsmParam: true });
    expect(p.ide0).toBe('ceph-pool:32,format=raw,ssd=1,aio=io_uring');
    expect(p.net0).toBe('e1000,bridge=vmbr9,firewall=1');
    expect(p.boot).toBeUndefined();
  });
});

function aarch64(vmid: number) {
  const c = updateSection(validConfig(), 'os', { arch: 'aarch64' });
  c.general.vmid = String(vmid);
  c.general.ha = false;
  c.os.iso = 'cephfs:iso/nixos-minimal-25.11.9418.c7f47036d3df-aarch64-linux.iso';
  return c;
}

describe('golden: a Linux VM on an aarch64 node', () => {
  // OSDefaults.js `aarch64` (SCSI, OVMF; l26: VirtIO), Architecture.js (CD on scsi2, the only
  // machine is the default, virt).
  test('the create parameters', () => {
    expect(createParams(aarch64(140), { haManagedParam: true, allowKsmParam: true })).toEqual({
      vmid: 140,
      ostype: 'l26',
      scsi2: 'cephfs:iso/nixos-minimal-25.11.9418.c7f47036d3df-aarch64-linux.iso,media=cdrom',
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

describe.each<PveVersion>(['8.3', '9.1'])('the simulator of %s accepts', (version) => {
  let s: SimSetup;
  beforeAll(async () => {
    s = await simulator({ version });
  });
  afterAll(() => s.sim.close());

  async function create(vmid: number, params: Record<string, string | number>) {
    const api = s.client();
    await api.login({
      username: ROOT_USER.username,
      realm: ROOT_USER.realm,
      password: ROOT_USER.password,
    });
    const result = await createVm(api, {
      node: 'pve1',
      vmid,
      params,
      ha: 'none',
      start: false,
      clock: s.clock,
    });
    s.clock.advance(600_000);
    await api.findVm(vmid);
    expect(result.kind).toBe('created');
    return s.sim.state.vms.get(vmid)!.config;
  }

  const options = { haManagedParam: version === '9.1', allowKsmParam: version === '9.1' };

  test('Windows 11 with the VirtIO drivers ISO', async () => {
    const config = await create(130, createParams(windows11(130), options));
    expect(config.ide0).toContain('virtio-win-0.1.266.iso');
    expect(config.boot).toBe('order=scsi0;ide2;ide0;net0');
    expect(config.tpmstate0).toContain('version=v2.0');
  });

  test('a Linux VM on an aarch64 node', async () => {
    const config = await create(132, createParams(aarch64(132), options));
    expect(config.scsi2).toContain('aarch64-linux.iso');
    expect(config.machine).toBeUndefined();
  });

  test('no installation media: an empty CD drive', async () => {
    const c = updateSection(validConfig(), 'os', { media: 'none' });
    c.general.vmid = '131';
    c.general.ha = false;
    const config = await create(131, createParams(c, options));
    expect(config.ide2).toMatch(/^none,media=cdrom/);
  });
});
