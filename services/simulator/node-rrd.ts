/**
 * A node's RRD statistics (`GET /nodes/{node}/rrddata`), made up but deterministic: a point a
 * minute for the hour (70 rows, as rrdcached keeps them), the CPU wandering around the node's
 * present load, the same whenever asked. As in Proxmox VE the answer comes from the cluster's RRD cache, not from the
 * node (the call is not proxied): an offline node answers too, its last minutes gaps (points
 * with a time only), and the newest point of any node is still a gap.
 */
import { SimError } from './errors';
import type { SimNode } from './state';

const STEP_S = 60;
const HOUR_ROWS = 70;
/** How long ago an offline node stopped reporting, in rows. */
const OFFLINE_GAP_ROWS = 25;

/** A number 0..1 from a name and an index (FNV-1a): the same cluster draws the same hour. */
function noise(name: string, i: number): number {
  let h = 0x811c9dc5;
  for (const c of `${name}#${i}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return (h >>> 0) / 0xffffffff;
}

export function nodeRrd(nodes: readonly SimNode[], name: string, nowMs: number): object[] {
  const node = nodes.find((n) => n.node === name);
  if (!node)
    throw new SimError(
      500,
      `RRD error: opening '/var/lib/rrdcached/db/pve-node-9.0/${name}': No such file or directory`,
    );
  const last = Math.floor(nowMs / 1000 / STEP_S) * STEP_S;
  const gaps = node.status === 'online' ? 1 : OFFLINE_GAP_ROWS;
  const points: object[] = [];
  for (let row = 0; row < HOUR_ROWS; row++) {
    const time = last - (HOUR_ROWS - 1 - row) * STEP_S;
    if (row >= HOUR_ROWS - gaps) {
      points.push({ time });
      continue;
    }
    // Drawn from the row, not the clock: the hour looks the same whenever it is asked for.
    const wave = Math.sin((row / 10) * Math.PI) * 0.08;
    const cpu = Math.min(1, Math.max(0, node.cpu + wave + (noise(name, row) - 0.5) * 0.1));
    const mem = Math.min(node.maxmem, node.mem * (0.97 + noise(name, -row - 1) * 0.06));
    points.push({
      time,
      cpu: Number(cpu.toFixed(4)),
      maxcpu: node.maxcpu,
      memused: Math.round(mem),
      memtotal: node.maxmem,
      iowait: Number((noise(name, row + 100) * 0.01).toFixed(4)),
      loadavg: Number((cpu * node.maxcpu).toFixed(2)),
    });
  }
  return points;
}
