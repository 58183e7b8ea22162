/** Changes to the configuration that carry derived values along. Pure. */
import type { ConfigSection, DiskSettings, VmConfig } from './config';
import { defaultDisk } from './config';
import { machineFollows } from './machine-version';
import { parseInteger } from './rules';
import {
  AARCH64_CD_SLOT,
  BUS_MAX_INDEX,
  BUS_SUPPORTS,
  CD_SLOT,
  OS_VERSIONS,
  VIRTIO_CD_SLOT,
  type DiskBus,
} from './options';
import {
  applyOsDefaults,
  markTouched,
  osDiskBus,
  touchedBy,
  virtioDriversDrive,
  virtioDriversOffered,
} from './os-defaults';

/**
 * Apply a patch to one section; derived fields follow: the OS version follows the OS type, the
 * OS defaults (`os-defaults.ts`) follow the OS version and architecture in every field not set
 * by a patch, minimum memory tracks memory until edited.
 */
export function updateSection<S extends Exclude<ConfigSection, 'disks'>>(
  config: VmConfig,
  section: S,
  patch: Partial<VmConfig[S]>,
): VmConfig {
  let next: VmConfig = { ...config, [section]: { ...config[section], ...patch } };
  next = markTouched(next, touchedBy(section, patch));
  if (section === 'os') {
    const p = patch as Partial<VmConfig['os']>;
    const versions = OS_VERSIONS[next.os.osType] ?? [];
    // A new type brings its first version, unless a version was given or still fits.
    if (
      p.osType !== undefined &&
      p.osVersion === undefined &&
      !versions.some((v) => v.value === next.os.osVersion)
    ) {
      next.os = { ...next.os, osVersion: versions[0]?.value ?? next.os.osVersion };
    }
    // The VirtIO drivers drive is for Windows only (OSPanel.js unchecks it).
    if (!virtioDriversOffered(next.os) && next.os.virtioDrivers)
      next = { ...next, os: { ...next.os, virtioDrivers: false } };
    const os = (c: VmConfig) => [c.os.osVersion, c.os.arch, virtioDriversDrive(c.os)].join();
    if (os(next) !== os(config)) next = withOsDefaults(next);
  }
  if (section === 'memory') {
    const memory = next.memory;
    const p = patch as Partial<VmConfig['memory']>;
    if (p.minMemory !== undefined && p.minMemoryEdited === undefined) {
      next.memory = { ...memory, minMemoryEdited: true };
    } else if (p.memory !== undefined && !memory.minMemoryEdited) {
      next.memory = { ...memory, minMemory: memory.memory };
    }
  }
  const system = machineFollows(
    { system: config.system, arch: config.os.arch },
    { system: next.system, arch: next.os.arch },
    section === 'system' ? (patch as Partial<VmConfig['system']>) : {},
  );
  return system === next.system ? next : { ...next, system };
}

/** The OS defaults in every untouched field, the first disk moved to the OS's bus. */
export function withOsDefaults(config: VmConfig): VmConfig {
  const next = applyOsDefaults(config);
  const bus = osDiskBus(next);
  return bus === undefined ? next : editDisk(next, 0, { bus });
}

/** A drive slot: `ide2` is `{ bus: 'ide', index: 2 }`. */
export interface DriveSlot {
  bus: DiskBus;
  index: number;
}

function slotTaken(
  disks: readonly DiskSettings[],
  bus: DiskBus,
  index: number,
  cds: readonly DriveSlot[],
): boolean {
  if (cds.some((cd) => cd.bus === bus && cd.index === index)) return true;
  return disks.some((d) => d.bus === bus && d.index === index);
}

/**
 * The CD/DVD drives' slots, which no disk may take: the install drive (always there, as in the
 * web UI's CDEdit.js: without media it is an empty drive) and, for Windows, the VirtIO drivers
 * drive on ide0 (OSPanel.js).
 */
export function cdSlots(config: VmConfig): DriveSlot[] {
  const slots: DriveSlot[] = [cdSlot(config.os)];
  if (virtioDriversDrive(config.os)) slots.push({ ...VIRTIO_CD_SLOT });
  return slots;
}

/** The install CD/DVD drive's slot: ide2, on aarch64 scsi2. */
export function cdSlot(os: Pick<VmConfig['os'], 'arch'>): DriveSlot {
  return os.arch === 'aarch64' ? { ...AARCH64_CD_SLOT } : { ...CD_SLOT };
}

/** The lowest free device index on `bus`, or undefined when the bus is full. */
export function nextFreeIndex(
  disks: readonly DiskSettings[],
  bus: DiskBus,
  cds: readonly DriveSlot[],
): number | undefined {
  for (let i = 0; i <= BUS_MAX_INDEX[bus]; i++) {
    if (!slotTaken(disks, bus, i, cds)) return i;
  }
  return undefined;
}

/** Add a disk on the next free SCSI slot (or the first bus with room). */
export function addDisk(config: VmConfig, storage: string): VmConfig {
  const cd = cdSlots(config);
  for (const bus of ['scsi', 'virtio', 'sata', 'ide'] as const) {
    const index = nextFreeIndex(config.disks, bus, cd);
    if (index !== undefined) {
      return { ...config, disks: [...config.disks, defaultDisk(bus, index, storage)] };
    }
  }
  return config;
}

export function removeDisk(config: VmConfig, position: number): VmConfig {
  return { ...config, disks: config.disks.filter((_, i) => i !== position) };
}

/**
 * Edit one disk. Changing the bus moves the disk to that bus's next free index and switches
 * off the options the new bus does not have.
 */
export function updateDisk(
  config: VmConfig,
  position: number,
  patch: Partial<DiskSettings>,
): VmConfig {
  // The first disk's bus is the OS defaults' until someone sets it.
  const marked = position === 0 ? markTouched(config, touchedBy('disks', patch)) : config;
  return editDisk(marked, position, patch);
}

function editDisk(config: VmConfig, position: number, patch: Partial<DiskSettings>): VmConfig {
  const disks = config.disks.map((disk, i) => {
    if (i !== position) return disk;
    const next = { ...disk, ...patch };
    if (patch.bus !== undefined && patch.bus !== disk.bus) {
      if (patch.index === undefined) {
        const others = config.disks.filter((_, j) => j !== position);
        next.index = nextFreeIndex(others, patch.bus, cdSlots(config)) ?? 0;
        next.indexText = undefined;
      }
      // Drive options still at the old bus's defaults take the new bus's.
      const [was, now] = [defaultDisk(disk.bus, 0, ''), defaultDisk(patch.bus, 0, '')];
      if (disk.iothread === was.iothread && patch.iothread === undefined)
        next.iothread = now.iothread;
      if (disk.ssd === was.ssd && patch.ssd === undefined) next.ssd = now.ssd;
    }
    const supports = BUS_SUPPORTS[next.bus];
    if (!supports.iothread) next.iothread = false;
    if (!supports.ssd) next.ssd = false;
    if (!supports.ro) next.readOnly = false;
    return next;
  });
  return { ...config, disks };
}

/**
 * The edit a typed device index makes: a whole number is the index; other text (empty, `a`,
 * `-1`) is kept as typed so nothing is lost and the schema blocks Next.
 */
export function diskIndexPatch(
  text: string,
): Pick<DiskSettings, 'indexText'> & Partial<DiskSettings> {
  const index = parseInteger(text);
  return index === undefined ? { indexText: text } : { index, indexText: undefined };
}

export function diskId(disk: Pick<DiskSettings, 'bus' | 'index'>): string {
  return `${disk.bus}${disk.index}`;
}
