/**
 * A node's load at a glance (the General step's Node list): the hour of CPU load read from the
 * node's RRD points, and which nodes are worth asking about. Pure.
 */
import type { NodeInfo, NodeLoadPoint } from '../../services/proxmox-api';
import { byCodePoint } from './order';

/** What is known of a node's hour: asked for, failed (and why), or the CPU a minute. */
export type NodeLoad =
  | { status: 'loading' }
  | { status: 'failed'; reason: string }
  | {
      status: 'loaded';
      /** Fraction 0..1 of all CPUs a minute, oldest first; `null` where RRD has a gap. */
      cpu: (number | null)[];
    };

/**
 * Nodes whose hour is asked for: the first ones of the list, a screenful (the open list shows
 * nine rows), in order. Each is a request and an answer to handle while the user types: a few
 * dozen at once cost the first keys on General their echo (the bench's 3,000-node cluster).
 */
export const WATCHED_NODES = 9;

/**
 * The hour's CPU from RRD points in any order: a point without a CPU figure is a gap; gaps at
 * the end (the newest minute is usually not written yet) are dropped, gaps between are kept.
 */
export function hourOfCpu(points: readonly NodeLoadPoint[]): NodeLoad {
  const cpu = [...points]
    .sort((a, b) => a.time - b.time)
    .map((p) => (p.cpu === undefined ? null : Math.min(Math.max(p.cpu, 0), 1)));
  while (cpu.length > 0 && cpu[cpu.length - 1] === null) cpu.pop();
  return { status: 'loaded', cpu };
}

/** Online nodes in the list's order (by name, as NodeSelector.js). */
function onlineInOrder(nodes: readonly NodeInfo[]): string[] {
  return nodes
    .filter((n) => n.status === 'online')
    .map((n) => n.node)
    .sort(byCodePoint);
}

/**
 * The nodes whose hour is worth asking for: online ones only (an offline node has no present
 * hour), the first {@link WATCHED_NODES} of the list and the chosen one — never thousands.
 */
export function watchedNodes(nodes: readonly NodeInfo[], chosen: string): string[] {
  const first = onlineInOrder(nodes).slice(0, WATCHED_NODES);
  const chosenOnline = nodes.some((n) => n.node === chosen && n.status === 'online');
  return chosenOnline && !first.includes(chosen) ? [...first, chosen] : first;
}
