/** `large`: 100 nodes, 10 000 ISO images, 500 pools, 2000 tags, 5000 VMs (benchmarks). */
import type { ClusterState, SimIso } from '../state';
import { BASE_TIME, bridgesFor, node, storage, vm, type Common } from './parts';

export function large(common: Common): ClusterState {
  const nodes = Array.from({ length: 100 }, (_, i) =>
    node(`node${String(i + 1).padStart(3, '0')}`, i, i % 17 === 16 ? 'offline' : 'online'),
  );
  const all = nodes.map((n) => n.node);
  const isos: SimIso[] = Array.from({ length: 10000 }, (_, i) => ({
    storage: 'cephfs',
    file:
      i % 10 === 0
        ? `nixos-minimal-${22 + (i % 4)}.${i % 2 ? '11' : '05'}.${1000 + i}.${(0xabc000 + i).toString(16)}ab12-x86_64-linux.iso`
        : `image-${String(i).padStart(5, '0')}.iso`,
    size: (500 + (i % 3000)) * 1024 ** 2,
    ctime: BASE_TIME + i * 60,
  }));
  return {
    ...common,
    nodes,
    storages: [
      storage('local', 'dir', ['iso', 'vztmpl', 'backup'], all, 0.1, 0.3),
      storage('cephfs', 'cephfs', ['iso', 'vztmpl', 'backup'], all, 50, 0.4),
      storage('ceph-pool', 'rbd', ['images', 'rootdir'], all, 500, 0.6),
    ],
    isos,
    pools: Array.from({ length: 500 }, (_, i) => ({
      poolid: `pool-${String(i).padStart(3, '0')}`,
      comment: `Pool ${i}`,
    })),
    tags: Array.from({ length: 2000 }, (_, i) => `tag-${String(i).padStart(4, '0')}`),
    bridges: bridgesFor(nodes),
    vms: new Map(
      Array.from({ length: 5000 }, (_, i) => vm(100 + i, all[i % all.length]!, `vm-${100 + i}`)),
    ),
  };
}
