/**
 * What a created VM takes, as the Done screen draws it: the disks per storage, the memory and the
 * cores, each against what the node or storage had when its step loaded (no request of its
 * own). Every figure is text in its row; the bar is the share. Pure.
 */
import type { VmConfig } from '../model/config';
import type { StepData } from './step-data';

export interface PictureRow {
  label: string;
  /** What the VM takes, and the room it was taken from (0 when unknown: no bar). */
  value: number;
  max: number;
  /** The figure as text: `32 of 450 GiB`, or `32 GiB` when the room is unknown. */
  figure: string;
}

type Loaded = Partial<Pick<StepData, 'general' | 'disks'>>;

const GIB = 1024 ** 3;

/** A number of GiB as people write it: whole, or with one decimal (`0.5`). */
export function gib(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

interface StorageUse {
  storage: string;
  gib: number;
  disks: number;
  /** Disks whose size is unknown (an import whose image is not listed). */
  unsized: number;
}

/** The disks' sizes per storage, in the order the disks are. */
export function disksPerStorage(config: VmConfig, loaded: Loaded): StorageUse[] {
  const out: StorageUse[] = [];
  for (const disk of config.disks) {
    let use = out.find((u) => u.storage === disk.storage);
    if (!use) out.push((use = { storage: disk.storage, gib: 0, disks: 0, unsized: 0 }));
    use.disks += 1;
    const size =
      disk.source === 'import'
        ? (loaded.disks?.importImages?.find((i) => i.volid === disk.importFrom)?.size ?? NaN) / GIB
        : Number(disk.size);
    if (Number.isFinite(size)) use.gib += size;
    else use.unsized += 1;
  }
  return out;
}

function row(label: string, value: number, max: number | undefined, unit: string): PictureRow {
  const known = max !== undefined && Number.isFinite(max) && max > 0;
  return {
    label,
    value,
    max: known ? max : 0,
    figure: known ? `${gib(value)} of ${gib(max)} ${unit}` : `${gib(value)} ${unit}`,
  };
}

export function createdPicture(config: VmConfig, loaded: Loaded): PictureRow[] {
  const node = loaded.general?.nodes.find((n) => n.node === config.general.node);
  const storages = loaded.disks?.storages ?? [];
  const rows = disksPerStorage(config, loaded).map((use) => {
    const total = storages.find((s) => s.storage === use.storage)?.total;
    const r = row(use.storage, use.gib, total === undefined ? undefined : total / GIB, 'GiB');
    // Imported disks whose image size is unknown: the figure says there is more.
    return use.unsized > 0 ? { ...r, figure: r.figure.replace(' ', '+? ') } : r;
  });
  const memory = Number(config.memory.memory) / 1024;
  rows.push(
    row('Memory', memory, node?.maxmem === undefined ? undefined : node.maxmem / GIB, 'GiB'),
  );
  const cores = Number(config.cpu.cores) * Number(config.cpu.sockets);
  rows.push(row('Cores', cores, node?.maxcpu, 'CPUs'));
  return rows;
}
