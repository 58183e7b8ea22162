/**
 * Which answers other answers allow, each rule with its words: drive options per bus, the MTU
 * per network model, the minimum memory with ballooning, the EFI disk with UEFI firmware. Screens disable and hint with these;
 * the step schemas refuse with the same rules. Pure.
 */
import type { MemorySettings, NetworkSettings, SystemSettings } from './config';
import { BUS_SUPPORTS, type DiskBus, type ScsiController } from './options';
import { parseInteger } from './rules';

export type BusOption = 'iothread' | 'ssd' | 'ro';

/** Per drive option: the hint where the bus lacks it, and why a value for it is refused. */
export const BUS_OPTION_WORDS: Record<BusOption, { hint: string; problem: string }> = {
  iothread: {
    hint: 'SCSI and VirtIO Block only',
    problem: 'IO thread is only available on SCSI and VirtIO Block',
  },
  ssd: { hint: 'not on VirtIO Block', problem: 'SSD emulation is not available on VirtIO Block' },
  ro: {
    hint: 'SCSI and VirtIO Block only',
    problem: 'Read-only is only available on SCSI and VirtIO Block',
  },
};

/** The drive options `bus` lacks, each with the hint that says so. */
export function unavailableBusOptions(bus: DiskBus): Partial<Record<BusOption, string>> {
  const supports = BUS_SUPPORTS[bus];
  const off: Partial<Record<BusOption, string>> = {};
  if (!supports?.iothread) off.iothread = BUS_OPTION_WORDS.iothread.hint;
  if (!supports?.ssd) off.ssd = BUS_OPTION_WORDS.ssd.hint;
  if (!supports?.ro) off.ro = BUS_OPTION_WORDS.ro.hint;
  return off;
}

/** Why IO thread is off for a SCSI disk behind another controller than VirtIO SCSI single. */
export const IOTHREAD_NEEDS_SINGLE = 'SCSI: only with the VirtIO SCSI single controller (System)';

/**
 * Why IO thread has no effect for a disk on `bus` behind the SCSI controller `scsihw`, or
 * undefined where it takes effect: VirtIO Block, or SCSI with `virtio-scsi-single`
 * (qemu-server QemuServer.pm ignores it on other controllers; pve-manager HDEdit.js checks it
 * only there).
 */
export function iothreadUnavailable(bus: DiskBus, scsihw: ScsiController): string | undefined {
  const off = unavailableBusOptions(bus).iothread;
  if (off !== undefined) return off;
  return bus === 'scsi' && scsihw !== 'virtio-scsi-single' ? IOTHREAD_NEEDS_SINGLE : undefined;
}

export function iothreadApplies(bus: DiskBus, scsihw: ScsiController): boolean {
  return iothreadUnavailable(bus, scsihw) === undefined;
}

/** The disk gets an IO thread: it asks for one where one takes effect. */
export function iothreadUsed(
  disk: { bus: DiskBus; iothread: boolean },
  scsihw: ScsiController,
): boolean {
  return disk.iothread && iothreadApplies(disk.bus, scsihw);
}

export const MTU_HINT = '1 = bridge MTU, or 576-65520';
export const MTU_NEEDS_VIRTIO = 'MTU can only be set for VirtIO network devices';

/** Proxmox takes an MTU for VirtIO network devices only. */
export function mtuAllowed(network: Pick<NetworkSettings, 'model'>): boolean {
  return network.model === 'virtio';
}

/** The MTU field's hint for the chosen model. */
export function mtuHint(network: Pick<NetworkSettings, 'model'>): string {
  return mtuAllowed(network) ? MTU_HINT : 'VirtIO only';
}

/** The minimum memory is the balloon target: it means something only with ballooning. */
export function minMemoryApplies(memory: Pick<MemorySettings, 'ballooning'>): boolean {
  return memory.ballooning;
}

/** An EFI disk exists only with UEFI (OVMF) firmware. */
export function efiDiskAllowed(system: Pick<SystemSettings, 'bios'>): boolean {
  return system.bios === 'ovmf';
}

/** The VM gets an EFI disk (and so needs its storage): UEFI firmware with the disk on. */
export function efiDiskUsed(system: Pick<SystemSettings, 'bios' | 'efiDisk'>): boolean {
  return efiDiskAllowed(system) && system.efiDisk;
}

/**
 * Shares weigh the balloon: MemoryEdit.js enables them only with ballooning and a minimum
 * memory below the memory (and sends them only then).
 */
export function sharesApply(memory: Pick<MemorySettings, 'ballooning' | 'memory' | 'minMemory'>) {
  const min = parseInteger(memory.minMemory);
  const max = parseInteger(memory.memory);
  return memory.ballooning && (min === undefined || max === undefined || min < max);
}
