/** What a created VM takes, against the room the loaded data says the node and storages have. */
import { defaultConfig, defaultDisk, type VmConfig } from '../../lib/model/config';
import { createdPicture, disksPerStorage, gib } from '../../lib/wizard/created-picture';
import type { StepData } from '../../lib/wizard/step-data';
import type { NodeInfo, StorageInfo } from '../../services/proxmox-api';

const GIB = 1024 ** 3;

function config(): VmConfig {
  const c = defaultConfig();
  c.general.node = 'pve1';
  c.disks = [
    { ...defaultDisk('scsi', 0, 'local-lvm'), size: '32' },
    { ...defaultDisk('scsi', 1, 'ceph'), size: '100' },
    { ...defaultDisk('scsi', 2, 'local-lvm'), size: '8' },
  ];
  c.memory.memory = '4096';
  c.cpu.cores = '2';
  c.cpu.sockets = '2';
  return c;
}

const storage = (name: string, total?: number): StorageInfo => ({
  storage: name,
  type: 'lvmthin',
  content: ['images'],
  enabled: true,
  active: true,
  shared: false,
  ...(total === undefined ? {} : { total }),
});
const node: NodeInfo = { node: 'pve1', status: 'online', maxcpu: 16, maxmem: 64 * GIB };

const loaded: Partial<StepData> = {
  general: { nodes: [node], pools: [], tags: [], tagColors: new Map() },
  disks: { storages: [storage('local-lvm', 400 * GIB), storage('ceph', 2048 * GIB)] },
};

it('sums the disks per storage, in the order of the disks', () => {
  expect(disksPerStorage(config(), loaded)).toEqual([
    { storage: 'local-lvm', gib: 40, disks: 2, unsized: 0 },
    { storage: 'ceph', gib: 100, disks: 1, unsized: 0 },
  ]);
});

it('each figure against the room of its storage or node', () => {
  expect(createdPicture(config(), loaded)).toEqual([
    { label: 'local-lvm', value: 40, max: 400, figure: '40 of 400 GiB' },
    { label: 'ceph', value: 100, max: 2048, figure: '100 of 2048 GiB' },
    { label: 'Memory', value: 4, max: 64, figure: '4 of 64 GiB' },
    { label: 'Cores', value: 4, max: 16, figure: '4 of 16 CPUs' },
  ]);
});

it('without the room (nothing loaded, a storage without a size): the figure alone, no bar', () => {
  expect(createdPicture(config(), {})).toEqual([
    { label: 'local-lvm', value: 40, max: 0, figure: '40 GiB' },
    { label: 'ceph', value: 100, max: 0, figure: '100 GiB' },
    { label: 'Memory', value: 4, max: 0, figure: '4 GiB' },
    { label: 'Cores', value: 4, max: 0, figure: '4 CPUs' },
  ]);
  const partial = { ...loaded, disks: { storages: [storage('local-lvm')] } };
  expect(createdPicture(config(), partial)[0]).toMatchObject({ max: 0, figure: '40 GiB' });
});

it('an imported disk counts its image size; an image not listed says there is more', () => {
  const c = config();
  c.disks = [
    { ...defaultDisk('scsi', 0, 'local-lvm'), source: 'import', importFrom: 'nfs:import/a.qcow2' },
    { ...defaultDisk('scsi', 1, 'local-lvm'), source: 'import', importFrom: 'nfs:import/b.raw' },
  ];
  const withImages = {
    ...loaded,
    disks: {
      storages: [storage('local-lvm', 400 * GIB)],
      importImages: [{ volid: 'nfs:import/a.qcow2', format: 'qcow2', size: 10 * GIB }],
    },
  };
  expect(disksPerStorage(c, withImages)).toEqual([
    { storage: 'local-lvm', gib: 10, disks: 2, unsized: 1 },
  ]);
  expect(createdPicture(c, withImages)[0]!.figure).toBe('10+? of 400 GiB');
});

it('writes GiB whole or with one decimal', () => {
  expect(gib(2)).toBe('2');
  expect(gib(0.5)).toBe('0.5');
  expect(gib(1.26)).toBe('1.3');
});
