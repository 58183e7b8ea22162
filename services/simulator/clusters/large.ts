/**
 * `large`: 100 nodes, 10 000 ISO images, 500 pools, 2000 tags, 5000 VMs (benchmarks). Each
 * count can be set (`pvevm-sim --isos 100000 …`) for the benchmarks' scale suite.
 */
import type { ClusterState, SimIso } from '../state';
import { BASE_TIME, bridgesFor, node, storage, vm, type Common } from './parts';

export interface LargeSizes {
  nodes: number;
  isos: number;
  pools: number;
  tags: number;
  vms: number;
}

export const LARGE_SIZES: LargeSizes = {
  nodes: 100,
  isos: 10000,
  pools: 500,
  tags: 2000,
  vms: 5000,
};

/** `n` as text of at least `width` digits, wider when the count needs it (`image-00012`). */
const numbered = (n: number, count: number, width: number) =>
  String(n).padStart(Math.max(width, String(count - 1).length), '0');

export function large(common: Common, wanted: Partial<LargeSizes> = {}): ClusterState {
  const size = { ...LARGE_SIZES, ...wanted };
  const nodes = Array.from({ length: size.nodes }, (_, i) =>
    node(`node${numbered(i + 1, size.nodes + 1, 3)}`, i, i % 17 === 16 ? 'offline' : 'online'),
  );
  const all = nodes.map((n) => n.node);
  const isos: SimIso[] = Array.from({ length: size.isos }, (_, i) => ({
    storage: 'cephfs',
    file:
      i % 10 === 0
        ? `nixos-minimal-${22 + (i % 4)}.${i % 2 ? '11' : '05'}.${1000 + i}.${(0xabc000 + i).toString(16)}ab12-x86_64-linux.iso`
        : `image-${numbered(i, size.isos, 5)}.iso`,
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
    pools: Array.from({ length: size.pools }, (_, i) => ({
      poolid: `pool-${numbered(i, size.pools, 3)}`,
      comment: `Pool ${i}`,
    })),
    tags: Array.from({ length: size.tags }, (_, i) => `tag-${numbered(i, size.tags, 4)}`),
    bridges: bridgesFor(nodes),
    vms: new Map(
      Array.from({ length: size.vms }, (_, i) =>
        vm(100 + i, all[i % all.length]!, `vm-${100 + i}`),
      ),
    ),
  };
}
