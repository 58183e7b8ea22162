/**
 * Choice lists of the Create VM dialog: API value and the label the Proxmox web UI shows
 * (pve-api.md sections 4.2–4.7). Pure data, shared by screens, schemas and the payload builder.
 */
export interface Choice<V extends string = string> {
  readonly value: V;
  readonly label: string;
}

const valuesOf = <V extends string>(choices: readonly Choice<V>[]): V[] =>
  choices.map((c) => c.value);

export const OS_TYPES = [
  { value: 'linux', label: 'Linux' },
  { value: 'windows', label: 'Microsoft Windows' },
  { value: 'solaris', label: 'Solaris Kernel' },
  { value: 'other', label: 'Other' },
] as const satisfies readonly Choice[];
export type OsType = (typeof OS_TYPES)[number]['value'];

/** Versions per guest OS type; the value is the API's `ostype`. */
export const OS_VERSIONS: Record<OsType, readonly Choice[]> = {
  linux: [
    { value: 'l26', label: '6.x - 2.6 Kernel' },
    { value: 'l24', label: '2.4 Kernel' },
  ],
  windows: [
    { value: 'win11', label: '11/2022/2025' },
    { value: 'win10', label: '10/2016/2019' },
    { value: 'win8', label: '8.x/2012/2012r2' },
    { value: 'win7', label: '7/2008r2' },
    { value: 'w2k8', label: 'Vista/2008' },
    { value: 'wxp', label: 'XP/2003' },
    { value: 'w2k', label: '2000' },
  ],
  solaris: [{ value: 'solaris', label: '-' }],
  other: [{ value: 'other', label: '-' }],
};

export const MEDIA_KINDS = [
  { value: 'iso', label: 'Use CD/DVD disc image file (ISO)' },
  { value: 'cdrom', label: 'Use physical CD/DVD drive' },
  { value: 'none', label: 'Do not use any media' },
] as const satisfies readonly Choice[];
export type MediaKind = (typeof MEDIA_KINDS)[number]['value'];

/** `default` means "omit the parameter" (the server's default). */
export const VGA_TYPES = [
  { value: 'default', label: 'Default' },
  { value: 'std', label: 'Standard VGA' },
  { value: 'vmware', label: 'VMware compatible' },
  { value: 'qxl', label: 'SPICE' },
  { value: 'qxl2', label: 'SPICE dual monitor' },
  { value: 'qxl3', label: 'SPICE three monitors' },
  { value: 'qxl4', label: 'SPICE four monitors' },
  { value: 'serial0', label: 'Serial terminal 0' },
  { value: 'serial1', label: 'Serial terminal 1' },
  { value: 'serial2', label: 'Serial terminal 2' },
  { value: 'serial3', label: 'Serial terminal 3' },
  { value: 'virtio', label: 'VirtIO-GPU' },
  { value: 'virtio-gl', label: 'VirGL GPU' },
  { value: 'none', label: 'none' },
] as const satisfies readonly Choice[];
export type VgaType = (typeof VGA_TYPES)[number]['value'];

/** "Default (i440fx)" omits `machine`; the literal `i440fx` is not a valid value. */
export const MACHINE_TYPES = [
  { value: 'default', label: 'Default (i440fx)' },
  { value: 'q35', label: 'q35' },
] as const satisfies readonly Choice[];
export type MachineType = (typeof MACHINE_TYPES)[number]['value'];

export const BIOS_TYPES = [
  { value: 'seabios', label: 'Default (SeaBIOS)' },
  { value: 'ovmf', label: 'OVMF (UEFI)' },
] as const satisfies readonly Choice[];
export type BiosType = (typeof BIOS_TYPES)[number]['value'];

export const SCSI_CONTROLLERS = [
  { value: 'default', label: 'Default (LSI 53C895A)' },
  { value: 'lsi', label: 'LSI 53C895A' },
  { value: 'lsi53c810', label: 'LSI 53C810' },
  { value: 'megasas', label: 'MegaRAID SAS 8708EM2' },
  { value: 'virtio-scsi-pci', label: 'VirtIO SCSI' },
  { value: 'virtio-scsi-single', label: 'VirtIO SCSI single' },
  { value: 'pvscsi', label: 'VMware PVSCSI' },
] as const satisfies readonly Choice[];
export type ScsiController = (typeof SCSI_CONTROLLERS)[number]['value'];

export const TPM_VERSIONS = [
  { value: 'v2.0', label: 'v2.0' },
  { value: 'v1.2', label: 'v1.2' },
] as const satisfies readonly Choice[];
export type TpmVersion = (typeof TPM_VERSIONS)[number]['value'];

export const DISK_BUSES = [
  { value: 'ide', label: 'IDE' },
  { value: 'sata', label: 'SATA' },
  { value: 'scsi', label: 'SCSI' },
  { value: 'virtio', label: 'VirtIO Block' },
] as const satisfies readonly Choice[];
export type DiskBus = (typeof DISK_BUSES)[number]['value'];

/** Highest device index per bus (inclusive). */
export const BUS_MAX_INDEX: Record<DiskBus, number> = { ide: 3, sata: 5, scsi: 30, virtio: 15 };

/**
 * Which drive options each bus accepts (pve-api.md 4.4; `ro`: qemu-server Drive.pm's SCSI and
 * VirtIO formats, pve-manager HDEdit.js).
 */
export const BUS_SUPPORTS: Record<DiskBus, { iothread: boolean; ssd: boolean; ro: boolean }> = {
  ide: { iothread: false, ssd: true, ro: false },
  sata: { iothread: false, ssd: true, ro: false },
  scsi: { iothread: true, ssd: true, ro: true },
  virtio: { iothread: true, ssd: false, ro: true },
};

/** The install CD always sits on ide2 (x86_64). */
export const CD_SLOT = { bus: 'ide', index: 2 } as const satisfies { bus: DiskBus; index: number };
/** On aarch64 (no IDE) the CD sits on scsi2 (pve-manager Architecture.js `defaultCDDrive`). */
export const AARCH64_CD_SLOT = { bus: 'scsi', index: 2 } as const satisfies {
  bus: DiskBus;
  index: number;
};
/** The VirtIO drivers CD for Windows sits on ide0 (pve-manager OSPanel.js). */
export const VIRTIO_CD_SLOT = { bus: 'ide', index: 0 } as const satisfies {
  bus: DiskBus;
  index: number;
};

export const CACHE_MODES = [
  { value: 'default', label: 'Default (No cache)' },
  { value: 'directsync', label: 'Direct sync' },
  { value: 'writethrough', label: 'Write through' },
  { value: 'writeback', label: 'Write back' },
  { value: 'unsafe', label: 'Write back (unsafe)' },
  { value: 'none', label: 'No cache' },
] as const satisfies readonly Choice[];
export type CacheMode = (typeof CACHE_MODES)[number]['value'];

export const AIO_MODES = [
  { value: 'io_uring', label: 'io_uring' },
  { value: 'native', label: 'native' },
  { value: 'threads', label: 'threads' },
] as const satisfies readonly Choice[];
export type AioMode = (typeof AIO_MODES)[number]['value'];

export const NIC_MODELS = [
  { value: 'e1000', label: 'Intel E1000' },
  { value: 'e1000e', label: 'Intel E1000E' },
  { value: 'virtio', label: 'VirtIO (paravirtualized)' },
  { value: 'rtl8139', label: 'Realtek RTL8139' },
  { value: 'vmxnet3', label: 'VMware vmxnet3' },
] as const satisfies readonly Choice[];
export type NicModel = (typeof NIC_MODELS)[number]['value'];

/** Built-in x86_64 CPU models, used when the node's capability list is unavailable. */
export const BUILTIN_CPU_TYPES: readonly string[] = [
  'host',
  'kvm64',
  'kvm32',
  'qemu64',
  'qemu32',
  'max',
  'x86-64-v2',
  'x86-64-v2-AES',
  'x86-64-v3',
  'x86-64-v4',
  'Haswell',
  'Skylake-Server',
  'Icelake-Server',
  'SapphireRapids',
  'EPYC',
  'EPYC-Rome',
  'EPYC-Milan',
  'EPYC-Genoa',
  'Opteron_G5',
  'core2duo',
];

export const choiceValues = {
  osTypes: valuesOf(OS_TYPES),
  media: valuesOf(MEDIA_KINDS),
  vga: valuesOf(VGA_TYPES),
  machine: valuesOf(MACHINE_TYPES),
  bios: valuesOf(BIOS_TYPES),
  scsihw: valuesOf(SCSI_CONTROLLERS),
  tpmVersions: valuesOf(TPM_VERSIONS),
  buses: valuesOf(DISK_BUSES),
  cache: valuesOf(CACHE_MODES),
  aio: valuesOf(AIO_MODES),
  nicModels: valuesOf(NIC_MODELS),
};

export function labelOf(choices: readonly Choice[], value: string): string {
  return choices.find((c) => c.value === value)?.label ?? value;
}
