/**
 * What a storage holds now and after this VM: the bytes every volume of the wizard puts on each
 * storage (its disks, the EFI disk, the TPM state), and the storage's use before and after. The
 * rule "does not fit" lives here once: the Disks step's size hint and the storage selects'
 * figures both ask it. Pure.
 */
import type { ImportImage, StorageInfo } from '../../services/proxmox-api';
import { efiDiskUsed } from './availability';
import type { VmConfig } from './config';
import { parseDecimal } from './rules';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/**
 * The EFI vars the wizard's `efitype=4m` disk copies (qemu-server OVMF.pm `create_efidisk`:
 * OVMF_VARS_4M.fd or its `.ms` twin, 540,672 bytes), allocated in KiB by `vdisk_alloc`.
 */
export const EFI_VARS_BYTES = 528 * KiB;
/** LVM allocates whole extents (4 MiB by default): an EFI disk there takes one. */
const LVM_EXTENT_BYTES = 4 * MiB;
/** qemu-server Drive.pm `TPMSTATE_DISK_SIZE`. */
export const TPM_STATE_BYTES = 4 * MiB;
/**
 * From here a storage is nearly full: the web UI's usage bars turn to their warning colour at
 * 0.9 (StatusView.js and GuestStatusView.js `warningThreshold`).
 */
export const NEARLY_FULL = 0.9;

type Storage = Pick<StorageInfo, 'storage' | 'type' | 'total' | 'used' | 'avail'> &
  Partial<Pick<StorageInfo, 'active'>>;

/**
 * Whether the storage's figures mean anything: the API leaves them out, or sends 0 for an
 * inactive storage (pve-storage `storage_info`); a total of 0 holds nothing to measure.
 */
const measured = (s: Storage) => s.active !== false && s.total !== 0;

/** The bytes an EFI disk takes on a storage of `type` (LVM rounds up to an extent). */
export function efiDiskBytes(type: string | undefined): number {
  return type === 'lvm' || type === 'lvmthin' ? LVM_EXTENT_BYTES : EFI_VARS_BYTES;
}

/** A disk's bytes: its typed size in GiB, or an imported image's size; 0 when unknown. */
export function diskBytes(
  disk: VmConfig['disks'][number],
  importImages: readonly ImportImage[] = [],
): number {
  if (disk.source === 'import')
    return importImages.find((i) => i.volid === disk.importFrom)?.size ?? 0;
  const gib = parseDecimal(disk.size);
  return gib !== undefined && gib > 0 ? gib * GiB : 0;
}

/**
 * The bytes this VM puts on each storage: every disk, the EFI disk (while it is used) and the
 * TPM state, summed per storage (two disks on one storage add up).
 */
export function storageDemand(
  config: VmConfig,
  storages: readonly Storage[] = [],
  importImages: readonly ImportImage[] = [],
): Map<string, number> {
  const demand = new Map<string, number>();
  const add = (storage: string, bytes: number) =>
    storage && bytes > 0 && demand.set(storage, (demand.get(storage) ?? 0) + bytes);
  for (const d of config.disks) add(d.storage, diskBytes(d, importImages));
  const s = config.system;
  if (efiDiskUsed(s))
    add(s.efiStorage, efiDiskBytes(storages.find((x) => x.storage === s.efiStorage)?.type));
  if (s.tpm) add(s.tpmStorage, TPM_STATE_BYTES);
  return demand;
}

/** A short key of the demand (equal keys: equal figures), to rebuild options only on a change. */
export function demandKey(demand: ReadonlyMap<string, number>): string {
  return [...demand].map(([s, b]) => `${s}=${b}`).join(' ');
}

/**
 * The storage's free bytes: `avail`, else what `used` leaves of `total`; undefined when unknown
 * (left out, or an inactive storage's zeros).
 */
export function freeBytes(s: Storage | undefined): number | undefined {
  if (!s || !measured(s)) return undefined;
  if (s.avail !== undefined) return s.avail;
  return s.total !== undefined && s.used !== undefined ? Math.max(s.total - s.used, 0) : undefined;
}

/** The one rule: `bytes` do not fit in the storage's free space (unknown space: they may). */
export function doesNotFit(s: Storage | undefined, bytes: number): boolean {
  const free = freeBytes(s);
  return free !== undefined && bytes > free;
}

export type UsageLevel = 'ok' | 'nearly-full' | 'overfill';

/** A storage's use: fractions of its total, now and with this VM's volumes on it. */
export type StorageUsage =
  | { known: false }
  | { known: true; total: number; now: number; after: number; added: number; level: UsageLevel };

/**
 * The storage's use now and after `added` bytes. Unknown (a dash) when the server gave no
 * total or used (an inactive or unreadable storage) or a total of 0. Overfill is
 * `doesNotFit`; nearly full is at least `NEARLY_FULL` after.
 */
export function storageUsage(s: Storage | undefined, added = 0): StorageUsage {
  const total = s?.total;
  const used =
    s?.used ?? (total !== undefined && s?.avail !== undefined ? total - s.avail : undefined);
  if (!s || !measured(s) || total === undefined || used === undefined || !(total > 0))
    return { known: false };
  const now = used / total;
  const after = (used + added) / total;
  const level: UsageLevel = doesNotFit(s, added)
    ? 'overfill'
    : after >= NEARLY_FULL
      ? 'nearly-full'
      : 'ok';
  return { known: true, total, now, after, added, level };
}

/** A volume of this VM on a storage of its own choosing: a disk (by position), EFI or TPM. */
export type Volume = { disk: number } | 'efi' | 'tpm';

/** The configuration with `volume` on `storage`: what choosing that storage would make. */
export function withVolumeOn(config: VmConfig, volume: Volume, storage: string): VmConfig {
  if (volume === 'efi') return { ...config, system: { ...config.system, efiStorage: storage } };
  if (volume === 'tpm') return { ...config, system: { ...config.system, tpmStorage: storage } };
  const disks = config.disks.map((d, i) => (i === volume.disk ? { ...d, storage } : d));
  return { ...config, disks };
}
