/**
 * The machine version and vIOMMU of the System step, as pve-manager's
 * `www/manager6/qemu/MachineEdit.js` offers and writes them, and as qemu-server checks them
 * (`src/PVE/QemuServer/Machine.pm` `assert_valid_machine_property`). Pure.
 */
import type { MachineVersion } from '../../services/proxmox-api';
import type { Arch } from './iso-choice';
import type { MachineType } from './options';

export type { MachineVersion };

/** "Latest": no version pinned (MachineEdit.js's `latest` entry, listed first). */
export const LATEST_MACHINE = '';

/** Architecture.js `defaultMachines`: what the default machine type is called. */
const DEFAULT_MACHINE: Record<Arch, string> = { x86_64: 'pc', aarch64: 'virt' };

/**
 * The versions' type for a machine choice (MachineEdit.js `setVersionFilter`): q35, else the
 * architecture's default machine (`pc` is listed as `i440fx`).
 */
export function versionType(machine: MachineType, arch: Arch): string {
  if (machine === 'q35') return 'q35';
  return arch === 'aarch64' ? 'virt' : 'i440fx';
}

/** The versions offered for a machine choice: those of its type, in the server's order. */
export function versionsFor(
  list: readonly MachineVersion[],
  machine: MachineType,
  arch: Arch,
): MachineVersion[] {
  const type = versionType(machine, arch);
  return list.filter((m) => m.type === type);
}

/** A pinned version's id fits the machine choice (`pc-q35-…` for q35, `pc-…`/`virt-…` else). */
export function versionFits(id: string, machine: MachineType, arch: Arch): boolean {
  if (id === LATEST_MACHINE) return true;
  const type = versionType(machine, arch);
  if (type === 'q35') return /^pc-q35-\d/.test(id);
  if (type === 'virt') return /^virt-\d/.test(id);
  return /^pc(-i440fx)?-\d/.test(id);
}

export const VIOMMU_TYPES = [
  { value: 'default', label: 'Default (None)' },
  { value: 'intel', label: 'Intel (AMD Compatible)' },
  { value: 'virtio', label: 'VirtIO' },
] as const;
export type Viommu = (typeof VIOMMU_TYPES)[number]['value'];

/** MachineEdit.js: q35 offers Intel and VirtIO, i440fx (and virt) VirtIO only. */
export function viommuChoices(machine: MachineType): (typeof VIOMMU_TYPES)[number][] {
  return VIOMMU_TYPES.filter((v) => v.value !== 'intel' || machine === 'q35');
}

/** Machine.pm: "to use Intel vIOMMU please set the machine type to q35". */
export function viommuProblem(viommu: Viommu, machine: MachineType): string | undefined {
  return viommu === 'intel' && machine !== 'q35'
    ? 'Intel vIOMMU needs the machine type q35'
    : undefined;
}

/**
 * The `machine` parameter (MachineEdit.js `onGetValues`): a pinned version replaces the type
 * (`pc-q35-9.0`); a vIOMMU with the default type names the architecture's default (`pc`,
 * `virt`); the vIOMMU is a property (`q35,viommu=intel`). Undefined: leave `machine` out.
 */
export function machineParam(
  s: { machine: MachineType; machineVersion: string; viommu: Viommu },
  arch: Arch,
): string | undefined {
  let type: string | undefined = s.machine === 'q35' ? 'q35' : undefined;
  if (s.machineVersion !== LATEST_MACHINE) type = s.machineVersion;
  if (s.viommu === 'default') return type;
  return `${type ?? DEFAULT_MACHINE[arch]},viommu=${s.viommu}`;
}

/**
 * After a change: choosing another machine type resets the version to Latest (MachineEdit.js
 * `onMachineChange` for non-Windows guests); a type or architecture that follows from something
 * else (the OS defaults, the node) resets it only when it no longer fits. An Intel vIOMMU the type
 * no longer offers is dropped. A version or vIOMMU set by the same change stays (the schema
 * names what does not fit).
 */
export function machineFollows<
  S extends { machine: MachineType; machineVersion: string; viommu: Viommu },
>(before: { system: S; arch: Arch }, after: { system: S; arch: Arch }, patch: Partial<S>): S {
  let s = after.system;
  const chosen = patch.machine !== undefined && patch.machine !== before.system.machine;
  const moved = after.arch !== before.arch || s.machine !== before.system.machine;
  const stale = moved && !versionFits(s.machineVersion, s.machine, after.arch);
  if (
    patch.machineVersion === undefined &&
    s.machineVersion !== LATEST_MACHINE &&
    (chosen || stale)
  )
    s = { ...s, machineVersion: LATEST_MACHINE };
  if (patch.viommu === undefined && viommuProblem(s.viommu, s.machine) !== undefined)
    s = { ...s, viommu: 'default' };
  return s;
}
