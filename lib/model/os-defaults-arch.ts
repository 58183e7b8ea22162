/**
 * What an aarch64 node allows, as pve-manager's `www/manager6/qemu/Architecture.js` lists it
 * (`kvmOSTypes`, `allowedMachines`, `allowedFirmware`, `allowedScsiHw`, `allowedBusses`), with
 * the words the step schemas refuse in. x86_64 allows every choice. Pure.
 */
import type { Arch } from './iso-choice';

type ArchField = 'osType' | 'machine' | 'bios' | 'scsihw' | 'bus';

const AARCH64_ALLOWED: Record<ArchField, { values: readonly string[]; problem: string }> = {
  osType: { values: ['linux', 'other'], problem: 'An aarch64 node runs Linux or Other guests' },
  machine: {
    values: ['default'],
    problem: 'An aarch64 node has one machine type: the default (virt)',
  },
  bios: { values: ['ovmf'], problem: 'An aarch64 node boots with OVMF (UEFI) only' },
  scsihw: {
    values: ['virtio-scsi-pci', 'virtio-scsi-single'],
    problem: 'An aarch64 node has VirtIO SCSI controllers only',
  },
  bus: { values: ['sata', 'scsi', 'virtio'], problem: 'An aarch64 node has no IDE bus' },
};

/** Why `value` of `field` is not available on `arch`, or undefined when it is. */
export function archProblem(
  arch: Arch | undefined,
  field: ArchField,
  value: string,
): string | undefined {
  if (arch !== 'aarch64') return undefined;
  const rule = AARCH64_ALLOWED[field];
  return rule.values.includes(value) ? undefined : rule.problem;
}

/** Whether `value` of `field` is offered on `arch` (the screens' option lists). */
export function archAllows(arch: Arch | undefined, field: ArchField, value: string): boolean {
  return archProblem(arch, field, value) === undefined;
}
