import { defaultConfig, defaultDisk } from '../../lib/model/config';
import {
  cpuParams,
  diskParams,
  generalParams,
  memoryParams,
  networkParams,
  osParams,
  systemParams,
} from '../../lib/model/payload';
import apiSchema from '../../services/simulator/api-schema.json';
import { validateParams, type EndpointSchema } from '../../services/simulator/validate';
import { validConfig } from '../support/configs';

const schemas = apiSchema as unknown as Record<string, Record<string, EndpointSchema>>;

function accepted(version: '8.3' | '9.1', params: Record<string, string | number>) {
  const strings = Object.fromEntries(
    Object.entries({ node: 'pve1', vmid: 100, ...params }).map(([k, v]) => [k, String(v)]),
  );
  return validateParams(schemas[version]!['POST /nodes/{node}/qemu']!, strings);
}

describe('create parameters per step (golden)', () => {
  const c = validConfig();

  it('General', () => {
    expect(generalParams(c.general)).toEqual({ vmid: 100 });
    const g = {
      ...c.general,
      name: 'web-01',
      pool: 'prod',
      tags: ['db', 'prod'],
      onboot: true,
      startupOrder: '2',
      startupDelay: '30',
      shutdownTimeout: '',
    };
    expect(generalParams(g)).toEqual({
      vmid: 100,
      name: 'web-01',
      pool: 'prod',
      tags: 'db;prod',
      onboot: 1,
      startup: 'order=2,up=30',
    });
  });

  it('OS', () => {
    expect(osParams(c.os)).toEqual({ ostype: 'l26', ide2: `${c.os.iso},media=cdrom` });
    expect(osParams({ ...c.os, media: 'cdrom' })).toEqual({
      ostype: 'l26',
      ide2: 'cdrom,media=cdrom',
    });
    // pve-manager www/manager6/qemu/CDEdit.js: no media is an empty drive.
    expect(osParams({ ...c.os, media: 'none', osVersion: 'win11' })).toEqual({
      ostype: 'win11',
      ide2: 'none,media=cdrom',
    });
  });

  it('System', () => {
    expect(systemParams(c.system)).toEqual({
      machine: 'q35',
      bios: 'ovmf',
      efidisk0: 'ceph-pool:1,efitype=4m,pre-enrolled-keys=0',
      scsihw: 'virtio-scsi-single',
      agent: 1,
    });
    expect(
      systemParams({
        ...c.system,
        vga: 'serial0',
        machine: 'default',
        bios: 'seabios',
        scsihw: 'default',
        agent: false,
        tpm: true,
        tpmStorage: 'local-lvm',
      }),
    ).toEqual({ vga: 'serial0', tpmstate0: 'local-lvm:1,version=v2.0' });
  });

  it('Disks', () => {
    expect(diskParams(c.disks, c.system.scsihw)).toEqual({
      scsi0: 'ceph-pool:32,format=raw,iothread=1,ssd=1,aio=io_uring',
    });
    const custom = {
      ...defaultDisk('virtio', 1, 'local-lvm'),
      size: '0.5',
      cache: 'writeback' as const,
      discard: true,
      backup: false,
      skipReplication: true,
      aio: 'native' as const,
    };
    expect(
      diskParams([custom, { ...defaultDisk('sata', 0, 'ceph-pool'), ssd: false }], 'lsi'),
    ).toEqual({
      virtio1:
        'local-lvm:0.5,format=raw,cache=writeback,discard=on,iothread=1,backup=0,replicate=0,aio=native',
      sata0: 'ceph-pool:32,format=raw,aio=io_uring',
    });
  });

  it('CPU and Memory', () => {
    expect(cpuParams(c.cpu)).toEqual({ cores: 2, sockets: 1, cpu: 'host' });
    expect(memoryParams(c.memory, false)).toEqual({ memory: '2048' });
    expect(memoryParams({ ...c.memory, minMemory: '1024', minMemoryEdited: true }, false)).toEqual({
      memory: '2048',
      balloon: 1024,
    });
    expect(memoryParams({ ...c.memory, ballooning: false }, false)).toEqual({
      memory: '2048',
      balloon: 0,
    });
    expect(memoryParams({ ...c.memory, allowKsm: false }, false)).toEqual({ memory: '2048' });
    expect(memoryParams({ ...c.memory, allowKsm: false }, true)).toEqual({
      memory: '2048',
      'allow-ksm': 0,
    });
  });

  it('Network', () => {
    expect(networkParams(c.network)).toEqual({ net0: 'virtio,bridge=vmbr9,firewall=1' });
    expect(
      networkParams({
        ...c.network,
        vlan: '20',
        mac: 'bc:24:11:12:34:56',
        firewall: false,
        disconnected: true,
        mtu: '1',
        rate: '12.5',
        queues: '4',
      }),
    ).toEqual({
      net0: 'virtio=BC:24:11:12:34:56,bridge=vmbr9,tag=20,link_down=1,mtu=1,rate=12.5,queues=4',
    });
    expect(networkParams({ ...c.network, noNetwork: true })).toEqual({});
  });
});

describe("every slice is accepted by the simulator's schema validation", () => {
  it.each(['8.3', '9.1'] as const)('PVE %s: all defaults and a customised VM', (version) => {
    const c = validConfig();
    const all = (cfg: typeof c, ksm: boolean) => ({
      ...generalParams(cfg.general),
      ...osParams(cfg.os),
      ...systemParams(cfg.system),
      ...diskParams(cfg.disks, cfg.system.scsihw),
      ...cpuParams(cfg.cpu),
      ...memoryParams(cfg.memory, ksm),
      ...networkParams(cfg.network),
    });
    expect(accepted(version, all(c, version === '9.1'))).toEqual({});
    const custom = defaultConfig();
    Object.assign(custom.general, {
      node: 'pve1',
      vmid: '4242',
      name: 'a.b-c',
      pool: 'lab',
      tags: ['x', 'y_z'],
      onboot: true,
      startupOrder: '1',
      shutdownTimeout: '90',
    });
    Object.assign(custom.os, { media: 'cdrom', osType: 'windows', osVersion: 'win11' });
    Object.assign(custom.system, { vga: 'qxl2', tpm: true, preEnrolledKeys: true });
    custom.disks = [
      defaultDisk('scsi', 0, 'ceph-pool'),
      { ...defaultDisk('virtio', 0, 'local-lvm'), cache: 'directsync' },
      { ...defaultDisk('ide', 0, 'ceph-pool'), size: '1.5', iothread: false },
    ];
    Object.assign(custom.cpu, { cores: '8', sockets: '2', type: 'x86-64-v2-AES' });
    Object.assign(custom.memory, {
      memory: '8192',
      minMemory: '2048',
      minMemoryEdited: true,
      allowKsm: false,
    });
    Object.assign(custom.network, {
      model: 'e1000',
      vlan: '4094',
      mac: 'BC:24:11:AA:BB:CC',
      rate: '100',
      queues: '8',
    });
    expect(accepted(version, all(custom, version === '9.1'))).toEqual({});
  });
});

describe('the whole create call (golden)', () => {
  const { createParams, paramLines } = jest.requireActual(
    '../../lib/model/payload',
  ) as typeof import('../../lib/model/payload');

  it('all defaults', () => {
    const params = createParams(validConfig(), { haManagedParam: false, allowKsmParam: false });
    expect(paramLines(params)).toEqual([
      'agent=1',
      'bios=ovmf',
      'cores=2',
      'cpu=host',
      'efidisk0=ceph-pool:1,efitype=4m,pre-enrolled-keys=0',
      'ide2=cephfs:iso/nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso,media=cdrom',
      'machine=q35',
      'memory=2048',
      'net0=virtio,bridge=vmbr9,firewall=1',
      'ostype=l26',
      'scsi0=ceph-pool:32,format=raw,iothread=1,ssd=1,aio=io_uring',
      'scsihw=virtio-scsi-single',
      'sockets=1',
      'vmid=100',
    ]);
  });

  it('a fully customised VM on 9.1 (HA with the create call, start, KSM off)', () => {
    const c = validConfig();
    Object.assign(c.general, {
      name: 'db-1',
      pool: 'prod',
      tags: ['db', 'prod'],
      onboot: true,
      startupOrder: '3',
      startupDelay: '30',
      shutdownTimeout: '120',
    });
    Object.assign(c.system, { vga: 'std', bios: 'seabios', tpm: true });
    c.disks.push({
      ...defaultDisk('virtio', 0, 'local-lvm'),
      size: '200',
      cache: 'none',
      discard: true,
    });
    Object.assign(c.cpu, { cores: '4', sockets: '2', type: 'x86-64-v2-AES' });
    Object.assign(c.memory, {
      memory: '8192',
      minMemory: '4096',
      minMemoryEdited: true,
      allowKsm: false,
    });
    Object.assign(c.network, { vlan: '30', mac: 'bc:24:11:00:00:01', mtu: '1', queues: '4' });
    c.confirm.startAfterCreate = true;
    const params = createParams(c, { haManagedParam: true, allowKsmParam: true });
    expect(params).toEqual({
      vmid: 100,
      name: 'db-1',
      pool: 'prod',
      tags: 'db;prod',
      onboot: 1,
      startup: 'order=3,up=30,down=120',
      ostype: 'l26',
      ide2: 'cephfs:iso/nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso,media=cdrom',
      vga: 'std',
      machine: 'q35',
      scsihw: 'virtio-scsi-single',
      agent: 1,
      tpmstate0: 'ceph-pool:1,version=v2.0',
      scsi0: 'ceph-pool:32,format=raw,iothread=1,ssd=1,aio=io_uring',
      virtio0: 'local-lvm:200,format=raw,cache=none,discard=on,iothread=1,aio=io_uring',
      cores: 4,
      sockets: 2,
      cpu: 'x86-64-v2-AES',
      memory: '8192',
      balloon: 4096,
      'allow-ksm': 0,
      net0: 'virtio=BC:24:11:00:00:01,bridge=vmbr9,tag=30,firewall=1,mtu=1,queues=4',
      'ha-managed': 1,
    });
    expect(accepted('9.1', params)).toEqual({});
  });
});
