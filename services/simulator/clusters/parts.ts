/** Building blocks of the datasets: nodes, storages, VMs and bridges with plausible figures. */
import type { ClusterState, SimNode, SimStorage, SimVm } from '../state';

/** What every dataset shares: version, realms, accounts, ACL, no tasks or HA yet. */
export type Common = Omit<
  ClusterState,
  'nodes' | 'storages' | 'isos' | 'pools' | 'tags' | 'bridges' | 'vms'
>;

export const GiB = 1024 ** 3;
export const TiB = 1024 ** 4;
export const DAY = 86400;
export const BASE_TIME = 1735689600; // 2025-01-01, so ctimes are stable

export function node(name: string, i: number, status: SimNode['status'] = 'online'): SimNode {
  return {
    node: name,
    status,
    cpu: status === 'online' ? ((i * 7) % 40) / 100 + 0.02 : 0,
    maxcpu: 32,
    mem: status === 'online' ? (40 + ((i * 11) % 50)) * GiB : 0,
    maxmem: 256 * GiB,
    arch: 'x86_64',
  };
}

export function storage(
  id: string,
  type: string,
  content: string[],
  nodes: string[],
  totalTiB: number,
  usedFraction: number,
): SimStorage {
  const total = totalTiB * TiB;
  return {
    storage: id,
    type,
    content,
    shared: type !== 'dir' && type !== 'lvmthin',
    total,
    used: Math.round(total * usedFraction),
    nodes,
  };
}

export function bridgesFor(nodes: SimNode[]): ClusterState['bridges'] {
  return Object.fromEntries(
    nodes.map((n) => [
      n.node,
      [
        { iface: 'vmbr0', type: 'bridge', active: 1, comments: 'LAN' },
        { iface: 'vmbr9', type: 'bridge', active: 1, comments: 'Lab VLAN trunk' },
      ],
    ]),
  );
}

export function vm(vmid: number, nodeName: string, name: string, tags = ''): [number, SimVm] {
  return [
    vmid,
    {
      vmid,
      node: nodeName,
      status: 'running',
      config: { name, memory: '2048', cores: 2, ...(tags ? { tags } : {}) },
    },
  ];
}
