/** A node's hour of load for the General step's Node list: its CPU a minute, or why not. */
import type { ProxmoxApi } from '../../services/proxmox-api';
import { hourOfCpu, type NodeLoad } from '../model/node-load';
import { messageOf } from './message-of';

export function nodeLoadLoader(api: () => ProxmoxApi): (node: string) => Promise<NodeLoad> {
  return (node) =>
    Promise.resolve()
      .then(() => api().nodeLoadHistory(node))
      .then(hourOfCpu, (err: unknown) => ({ status: 'failed', reason: messageOf(err) }));
}
