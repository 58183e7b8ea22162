/** `empty`: one node, two storages, no images, pools, tags or VMs. */
import type { ClusterState } from '../state';
import { node, storage, type Common } from './parts';

export function empty(common: Common): ClusterState {
  const nodes = [node('pve', 0)];
  return {
    ...common,
    clusterName: '',
    nodes,
    storages: [
      storage('local', 'dir', ['iso', 'vztmpl', 'backup'], ['pve'], 0.1, 0.2),
      storage('local-lvm', 'lvmthin', ['images', 'rootdir'], ['pve'], 0.4, 0.1),
    ],
    isos: [],
    pools: [],
    tags: [],
    bridges: { pve: [{ iface: 'vmbr0', type: 'bridge', active: 1 }] },
    vms: new Map(),
  };
}
