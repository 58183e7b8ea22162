/**
 * The defaults the guest OS (and the node's architecture) recommends, as the web UI's
 * `www/manager6/qemu/OSDefaults.js` holds them and `SystemEdit.js` (`setDefaults`: machine,
 * firmware, TPM for win11) applies them: disk bus, NIC model, SCSI controller, and for some
 * versions machine and firmware. Applied by `updateSection` to every field the user (or a spec,
 * a preset, the config file) has not set: those are in `os.touched`. Pure.
 */
import type { VmConfig } from './config';
import { defaultConfig } from './config';
import type { Arch } from './iso-choice';
import {
  BIOS_TYPES,
  DISK_BUSES,
  labelOf,
  MACHINE_TYPES,
  NIC_MODELS,
  OS_VERSIONS,
  SCSI_CONTROLLERS,
  type BiosType,
  type DiskBus,
  type MachineType,
  type NicModel,
  type ScsiController,
} from './options';

export interface OsDefaults {
  busType: DiskBus;
  networkCard: NicModel;
  scsihw: ScsiController;
  machine?: MachineType;
  bios?: BiosType;
  /** SystemEdit.js adds a TPM v2.0 for win11. */
  tpm?: boolean;
}

/** OSDefaults.js `generic`, per architecture. */
const GENERIC: Record<Arch, OsDefaults> = {
  x86_64: { busType: 'ide', networkCard: 'e1000', scsihw: 'virtio-scsi-single' },
  // aarch64 has no IDE, and OVMF can't boot from SATA; its only machine is the default, `virt`
  // (Architecture.js `defaultMachines`, `allowedMachines`).
  aarch64: {
    busType: 'scsi',
    networkCard: 'e1000',
    scsihw: 'virtio-scsi-single',
    bios: 'ovmf',
    machine: 'default',
  },
};

/** OSDefaults.js `addOS` entries over `generic` (x86_64, and aarch64 where given). */
const BY_VERSION: Record<string, { x86_64: Partial<OsDefaults>; aarch64?: Partial<OsDefaults> }> = {
  l26: {
    x86_64: { busType: 'scsi', networkCard: 'virtio' },
    aarch64: { networkCard: 'virtio' },
  },
  // scsihw '' in OSDefaults.js: the server's default controller.
  w2k: { x86_64: { networkCard: 'rtl8139', scsihw: 'default' } },
  wxp: { x86_64: { networkCard: 'rtl8139', scsihw: 'default' } },
  win11: { x86_64: { machine: 'q35', bios: 'ovmf', tpm: true } },
};

/**
 * `PVE.qemu.OSDefaults.getDefaults(ostype, arch)`: a version without an entry for `arch` falls
 * back to its x86_64 entry (as the web UI's does); an unknown version is `generic`.
 */
export function osDefaults(osVersion: string, arch: Arch = 'x86_64'): OsDefaults {
  const entry = BY_VERSION[osVersion];
  if (!entry) return GENERIC[arch];
  if (arch === 'aarch64' && entry.aarch64) return { ...GENERIC.aarch64, ...entry.aarch64 };
  return { ...GENERIC.x86_64, ...entry.x86_64 };
}

/** The VirtIO drivers drive is offered for Windows only (pve-manager OSPanel.js). */
export function virtioDriversOffered(os: Pick<VmConfig['os'], 'osType'>): boolean {
  return os.osType === 'windows';
}

/** The VM gets the VirtIO drivers CD/DVD drive on ide0. */
export function virtioDriversDrive(os: Pick<VmConfig['os'], 'osType' | 'virtioDrivers'>): boolean {
  return virtioDriversOffered(os) && os.virtioDrivers;
}

/**
 * The defaults for the configuration's OS: with the VirtIO drivers drive the web UI switches to
 * a SCSI disk and a VirtIO NIC (OSPanel.js `onSecondCDChange`).
 */
export function configOsDefaults(os: VmConfig['os']): OsDefaults {
  const d = osDefaults(os.osVersion, os.arch);
  return virtioDriversDrive(os) ? { ...d, busType: 'scsi', networkCard: 'virtio' } : d;
}

/** The fields the OS defaults set while untouched, by their path. */
export const OS_DEFAULT_FIELDS = [
  'system.machine',
  'system.bios',
  'system.scsihw',
  'system.tpm',
  'disks.bus',
  'network.model',
] as const;
export type OsDefaultField = (typeof OS_DEFAULT_FIELDS)[number];

/** The paths of `section` a patch sets that the OS defaults would otherwise set. */
export function touchedBy(section: string, patch: object): OsDefaultField[] {
  return OS_DEFAULT_FIELDS.filter((path) => {
    const [s, key] = path.split('.') as [string, string];
    return s === section && Object.hasOwn(patch, key);
  });
}

/** Add `paths` to the configuration's touched list. */
export function markTouched(config: VmConfig, paths: readonly string[]): VmConfig {
  const fresh = paths.filter((p) => !config.os.touched.includes(p));
  if (fresh.length === 0) return config;
  // In the table's order, however the fields were set (a spec reads back equal).
  const order = (p: string) => (OS_DEFAULT_FIELDS as readonly string[]).indexOf(p);
  const touched = [...config.os.touched, ...fresh].sort((a, b) => order(a) - order(b));
  return { ...config, os: { ...config.os, touched } };
}

/**
 * Every untouched field as the OS version and architecture recommend; a field they say nothing
 * about goes back to the built-in default (a TPM added for Windows 11 goes again with Linux).
 */
export function applyOsDefaults(config: VmConfig): VmConfig {
  const d = configOsDefaults(config.os);
  const base = defaultConfig().system;
  const free = (path: OsDefaultField) => !config.os.touched.includes(path);
  const system = { ...config.system };
  if (free('system.machine')) system.machine = d.machine ?? base.machine;
  if (free('system.bios')) system.bios = d.bios ?? base.bios;
  if (free('system.scsihw')) system.scsihw = d.scsihw;
  if (free('system.tpm')) system.tpm = d.tpm ?? base.tpm;
  if (system.tpm && !config.system.tpm) system.tpmVersion = 'v2.0';
  const network = free('network.model')
    ? { ...config.network, model: d.networkCard }
    : config.network;
  return { ...config, system, network };
}

/** The bus the first disk should move to (its bus untouched and another), else undefined. */
export function osDiskBus(config: VmConfig): DiskBus | undefined {
  const first = config.disks[0];
  if (!first || config.os.touched.includes('disks.bus')) return undefined;
  const { busType } = configOsDefaults(config.os);
  return first.bus === busType ? undefined : busType;
}

const TYPE_NAMES: Record<string, string> = {
  linux: 'Linux',
  windows: 'Windows',
  solaris: 'Solaris',
  other: 'Other',
};

/**
 * What the OS defaults set now that differs from the built-in defaults, in words for the status
 * line ("Windows 11/2022/2025: TPM v2.0 added, disk bus IDE, NIC Intel E1000"), or
 * undefined when nothing does.
 */
export function osDefaultsNote(config: VmConfig): string | undefined {
  const base = defaultConfig();
  const free = (path: OsDefaultField) => !config.os.touched.includes(path);
  const { system, network } = config;
  const parts: string[] = [];
  if (free('system.machine') && system.machine !== base.system.machine)
    parts.push(
      `machine ${config.os.arch === 'aarch64' && system.machine === 'default' ? 'virt' : labelOf(MACHINE_TYPES, system.machine)}`,
    );
  if (free('system.bios') && system.bios !== base.system.bios)
    parts.push(`firmware ${labelOf(BIOS_TYPES, system.bios)}`);
  if (free('system.tpm') && system.tpm && !base.system.tpm)
    parts.push(`TPM ${system.tpmVersion} added`);
  if (free('system.scsihw') && system.scsihw !== base.system.scsihw)
    parts.push(`SCSI controller ${labelOf(SCSI_CONTROLLERS, system.scsihw)}`);
  const bus = config.disks[0]?.bus;
  if (free('disks.bus') && bus && bus !== base.disks[0]?.bus)
    parts.push(`disk bus ${labelOf(DISK_BUSES, bus)}`);
  if (free('network.model') && network.model !== base.network.model)
    parts.push(`NIC ${labelOf(NIC_MODELS, network.model)}`);
  if (parts.length === 0) return undefined;
  const version = OS_VERSIONS[config.os.osType]?.find((v) => v.value === config.os.osVersion);
  const type = TYPE_NAMES[config.os.osType] ?? config.os.osType;
  const name = version && version.label !== '-' ? `${type} ${version.label}` : type;
  return `${name}: ${parts.join(', ')}`;
}
