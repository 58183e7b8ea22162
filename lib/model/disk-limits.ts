/**
 * A disk's bandwidth limits as the web UI's Bandwidth tab offers them (pve-manager
 * www/manager6/qemu/HDEdit.js `bwColumn1/2`): MB/s as numbers from 1 (decimals allowed), ops/s
 * as whole numbers from 10; empty: unlimited (a burst: the default). qemu-server
 * (src/PVE/QemuServer/Drive.pm) takes `mbps*` as numbers, `iops*` as integers. Pure.
 */
import { parseDecimal, parseInteger } from './rules';

export type LimitKey =
  'mbpsRd' | 'mbpsRdMax' | 'mbpsWr' | 'mbpsWrMax' | 'iopsRd' | 'iopsRdMax' | 'iopsWr' | 'iopsWrMax';

export interface DiskLimit {
  key: LimitKey;
  /** The disk option's name. */
  param: string;
  /** HDEdit.js's label. */
  label: string;
  unit: 'mbps' | 'iops';
  /** The limit a burst belongs to; none for a limit. */
  limitOf?: LimitKey;
}

const limit = (key: LimitKey, param: string, label: string, limitOf?: LimitKey): DiskLimit => ({
  key,
  param,
  label,
  unit: param.startsWith('mbps') ? 'mbps' : 'iops',
  limitOf,
});

/** In the order the web UI writes them into the disk (HDEdit.js `onGetValues`). */
export const DISK_LIMITS: readonly DiskLimit[] = [
  limit('mbpsRd', 'mbps_rd', 'Read limit (MB/s)'),
  limit('mbpsRdMax', 'mbps_rd_max', 'Read max burst (MB)', 'mbpsRd'),
  limit('mbpsWr', 'mbps_wr', 'Write limit (MB/s)'),
  limit('mbpsWrMax', 'mbps_wr_max', 'Write max burst (MB)', 'mbpsWr'),
  limit('iopsRd', 'iops_rd', 'Read limit (ops/s)'),
  limit('iopsRdMax', 'iops_rd_max', 'Read max burst (ops)', 'iopsRd'),
  limit('iopsWr', 'iops_wr', 'Write limit (ops/s)'),
  limit('iopsWrMax', 'iops_wr_max', 'Write max burst (ops)', 'iopsWr'),
];

/** Every limit empty: unlimited (the values a new disk starts with). */
export function noLimits(): Record<LimitKey, string> {
  return Object.fromEntries(DISK_LIMITS.map((l) => [l.key, ''])) as Record<LimitKey, string>;
}

/** The number a limit's text holds, or undefined when it is not one of its kind. */
function limitValue(l: DiskLimit, text: string): number | undefined {
  const n = l.unit === 'mbps' ? parseDecimal(text) : parseInteger(text);
  return n !== undefined && n >= (l.unit === 'mbps' ? 1 : 10) ? n : undefined;
}

/** Why a limit's text is refused, or undefined. */
export function limitProblem(l: DiskLimit, disk: Record<LimitKey, string>): string | undefined {
  const text = disk[l.key].trim();
  if (text === '') return undefined;
  const n = limitValue(l, text);
  if (n === undefined) {
    const kind = l.unit === 'mbps' ? 'a number of at least 1' : 'a whole number of at least 10';
    return `${l.label} must be ${kind} (empty: ${l.limitOf ? 'default' : 'unlimited'})`;
  }
  if (!l.limitOf) return undefined;
  // QEMU util/throttle.c `throttle_is_valid`: a burst needs its limit and is not below it.
  const of = DISK_LIMITS.find((x) => x.key === l.limitOf)!;
  const base = disk[of.key].trim();
  if (base === '') return `${l.label} needs a ${of.label}: QEMU refuses a burst alone`;
  const avg = limitValue(of, base);
  if (avg !== undefined && n < avg) return `${l.label} must be at least the ${of.label}, ${base}`;
  return undefined;
}

/** `mbps_rd=100,…` for the limits that are set, in the web UI's order. */
export function limitParts(disk: Record<LimitKey, string>): string[] {
  return DISK_LIMITS.filter((l) => disk[l.key].trim() !== '').map(
    (l) => `${l.param}=${Number(disk[l.key].trim())}`,
  );
}

/** The limits that are set, for a summary: `mbps_rd=100 iops_wr=500`. */
export function limitsSummary(disk: Record<LimitKey, string>): string {
  return DISK_LIMITS.filter((l) => disk[l.key].trim() !== '')
    .map((l) => `${l.param}=${disk[l.key].trim()}`)
    .join(' ');
}
