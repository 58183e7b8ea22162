/** `demo`: a small realistic cluster of three nodes (one offline) with Ceph and NixOS images. */
import type { ClusterState } from '../state';
import { BASE_TIME, bridgesFor, DAY, node, storage, vm, type Common } from './parts';

const DEMO_ISOS = [
  'nixos-minimal-24.05.2411.706eef542dec-x86_64-linux.iso',
  'nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso',
  'nixos-minimal-24.11.712431.cbd8ec4de446-x86_64-linux.iso',
  'nixos-minimal-24.11.719113.50ab793786d9-x86_64-linux.iso',
  'nixos-minimal-24.11.711934.4005c3ff7505-aarch64-linux.iso',
  'nixos-minimal-25.05.810175.b2a3852bd078-x86_64-linux.iso',
  'nixos-minimal-25.05.20250525.7c43f08-x86_64-linux.iso',
  'nixos-minimal-25.11.9418.c7f47036d3df-aarch64-linux.iso',
  'nixos-minimal-25.11.2518.5900a0a8850c-x86_64-linux.iso',
  'nixos-minimal-24.11pre669741.c374d94f1536-x86_64-linux.iso',
  'latest-nixos-minimal-x86_64-linux.iso',
  'nixos-gnome-24.11.713818.59e618d90c06-x86_64-linux.iso',
  'debian-12.8.0-amd64-netinst.iso',
  'ubuntu-24.04.1-live-server-amd64.iso',
  'alpine-virt-3.21.0-x86_64.iso',
  'Rocky-9.5-x86_64-minimal.iso',
];

export function demo(common: Common): ClusterState {
  // pve2 is an ARM server: its VMs get the aarch64 defaults and ISO.
  const nodes = [
    node('pve1', 0),
    { ...node('pve2', 1), arch: 'aarch64' as const },
    node('pve3', 2, 'offline'),
  ];
  const all = nodes.map((n) => n.node);
  return {
    ...common,
    nodes,
    storages: [
      storage('local', 'dir', ['iso', 'vztmpl', 'backup', 'import'], all, 0.1, 0.25),
      storage('local-lvm', 'lvmthin', ['images', 'rootdir'], all, 0.5, 0.3),
      storage('cephfs', 'cephfs', ['iso', 'vztmpl', 'backup', 'snippets'], all, 4, 0.35),
      storage('ceph-pool', 'rbd', ['images', 'rootdir'], all, 12, 0.42),
    ],
    isos: [
      ...DEMO_ISOS.map((file, i) => ({
        storage: 'cephfs',
        file,
        size: (700 + i * 37) * 1024 ** 2,
        ctime: BASE_TIME + i * DAY,
      })),
      { storage: 'local', file: 'virtio-win-0.1.266.iso', size: 710 * 1024 ** 2, ctime: BASE_TIME },
    ],
    // Disk images to import (content `import`): the disk list offers qcow2, vmdk and raw.
    imports: [
      ['debian-12-genericcloud-amd64.qcow2', 'qcow2', 2],
      ['nixos-25.05-x86_64.qcow2', 'qcow2', 3],
      ['legacy-app.vmdk', 'vmdk', 8],
      ['appliance.raw', 'raw', 4],
      ['appliance.ova', 'ova', 5],
    ].map(([file, format, gib], i) => ({
      storage: 'local',
      file: file as string,
      format: format as string,
      size: (gib as number) * 1024 ** 3,
      ctime: BASE_TIME + i * DAY,
    })),
    pools: [
      { poolid: 'prod', comment: 'Production' },
      { poolid: 'lab', comment: 'Lab and tests' },
      { poolid: 'lab/ci' },
    ],
    tags: ['db', 'k8s', 'nixos', 'prod', 'web'],
    // nixos is not in the map: the web UI colours it by its name, as pvevm does.
    tagStyle: 'shape=full,color-map=prod:c62828:ffffff;db:1565c0;web:2e7d32:ffffff;k8s:ffd54f',
    bridges: bridgesFor(nodes),
    vms: new Map([
      vm(100, 'pve1', 'gateway', 'prod'),
      vm(101, 'pve1', 'db-1', 'db;prod'),
      vm(102, 'pve2', 'web-1', 'web'),
      vm(105, 'pve2', 'ci-runner'),
    ]),
  };
}
