/** The Confirm step's summary of the whole configuration, grouped by step. Pure. */
import { efiDiskAllowed, iothreadUsed, sharesApply, unavailableBusOptions } from './availability';
import type { DiskSettings, NicSettings, VmConfig } from './config';
import { diskId } from './derive';
import { limitsSummary } from './disk-limits';
import { startupParam } from './general';
import { serialConsoleNote } from './follow-ups';
import { usedNics } from './nics';
import { VIOMMU_TYPES } from './machine-version';
import { virtioDriversDrive } from './os-defaults';
import {
  AIO_MODES,
  BIOS_TYPES,
  CACHE_MODES,
  labelOf,
  MACHINE_TYPES,
  MEDIA_KINDS,
  NIC_MODELS,
  OS_TYPES,
  OS_VERSIONS,
  SCSI_CONTROLLERS,
  VGA_TYPES,
  type ScsiController,
} from './options';

export interface SummaryGroup {
  title: string;
  rows: [string, string][];
}

const yes = (b: boolean, on = 'yes', off = 'no') => (b ? on : off);

type Row = [string, string];

/** The tags' row (Confirm draws it in the tags' colours). */
export const TAGS_LABEL = 'Tags';

function generalRows(g: VmConfig['general']): Row[] {
  return [
    ['Node', g.node],
    ['VM ID', g.vmid],
    ['Name', g.name || '(none)'],
    ['Resource pool', g.pool || '(none)'],
    [TAGS_LABEL, g.tags.join(', ') || '(none)'],
    ['High Availability', yes(g.ha, 'add to HA', 'no')],
    ['Start at boot', yes(g.onboot)],
    ['Startup', startupParam(g) ?? '(default)'],
  ];
}

function osRows(o: VmConfig['os']): Row[] {
  return [
    ['Media', labelOf(MEDIA_KINDS, o.media)],
    ...(o.media === 'iso' ? ([['ISO image', o.iso || '(none chosen)']] as Row[]) : []),
    ['Guest OS', `${labelOf(OS_TYPES, o.osType)} ${labelOf(OS_VERSIONS[o.osType], o.osVersion)}`],
    ...(virtioDriversDrive(o)
      ? ([['VirtIO drivers ISO', o.virtioIso || '(none chosen)']] as Row[])
      : []),
    ...(o.arch === 'aarch64' ? ([['Architecture', 'aarch64 (ARM 64-bit)']] as Row[]) : []),
  ];
}

function systemRows(s: VmConfig['system'], arch: VmConfig['os']['arch']): Row[] {
  const efi = s.efiDisk ? `${s.efiStorage}, pre-enrolled keys ${yes(s.preEnrolledKeys)}` : 'no';
  return [
    ['Graphic card', labelOf(VGA_TYPES, s.vga)],
    ['Serial console', serialConsoleNote(s)],
    [
      'Machine',
      arch === 'aarch64' && s.machine === 'default'
        ? 'Default (virt)'
        : labelOf(MACHINE_TYPES, s.machine),
    ],
    ...(s.machineVersion ? ([['Machine version', s.machineVersion]] as Row[]) : []),
    ...(s.viommu !== 'default' ? ([['vIOMMU', labelOf(VIOMMU_TYPES, s.viommu)]] as Row[]) : []),
    ['Firmware', labelOf(BIOS_TYPES, s.bios)],
    ...(efiDiskAllowed(s) ? ([['EFI disk', efi]] as Row[]) : []),
    ['SCSI controller', labelOf(SCSI_CONTROLLERS, s.scsihw)],
    ['Qemu agent', yes(s.agent, 'enabled', 'disabled')],
    ['TPM', s.tpm ? `${s.tpmStorage}, ${s.tpmVersion}` : 'no'],
  ];
}

function diskRow(d: DiskSettings, scsihw: ScsiController): Row {
  const off = unavailableBusOptions(d.bus);
  const parts = [
    d.source === 'import'
      ? `${d.storage}, imported from ${d.importFrom}, raw`
      : `${d.storage}, ${d.size} GiB, raw`,
    `cache ${labelOf(CACHE_MODES, d.cache)}`,
    d.discard ? 'discard' : '',
    iothreadUsed(d, scsihw) ? 'IO thread' : '',
    d.ssd && !off.ssd ? 'SSD' : '',
    d.backup ? '' : 'no backup',
    d.skipReplication ? 'skip replication' : '',
    `aio ${labelOf(AIO_MODES, d.aio)}`,
    d.readOnly && !off.ro ? 'read-only' : '',
    limitsSummary(d),
  ];
  return [diskId(d), parts.filter(Boolean).join(', ')];
}

function cpuRows(cpu: VmConfig['cpu']): Row[] {
  const cores = Number(cpu.cores) * Number(cpu.sockets);
  return [
    [
      'Sockets x cores',
      `${cpu.sockets} x ${cpu.cores} = ${Number.isFinite(cores) ? cores : '?'} vCPUs`,
    ],
    ['Type', cpu.type],
    ...cpuAdvancedRows(cpu),
  ];
}

/** The advanced CPU options that differ from the defaults (nothing when none is set). */
function cpuAdvancedRows(cpu: VmConfig['cpu']): Row[] {
  const rows: Row[] = [];
  if (cpu.flags) rows.push(['CPU flags', cpu.flags]);
  if (cpu.vcpus.trim()) rows.push(['VCPUs', cpu.vcpus]);
  if (cpu.cpulimit.trim() && Number(cpu.cpulimit) !== 0) rows.push(['CPU limit', cpu.cpulimit]);
  if (cpu.cpuunits.trim()) rows.push(['CPU units', cpu.cpuunits]);
  if (cpu.affinity.trim()) rows.push(['CPU affinity', cpu.affinity]);
  if (cpu.numa) rows.push(['NUMA', 'enabled']);
  return rows;
}

function memoryRows(m: VmConfig['memory'], allowKsmSupported: boolean | undefined): Row[] {
  return [
    ['Memory', `${m.memory} MiB`],
    ['Ballooning', m.ballooning ? `yes, minimum ${m.minMemory} MiB` : 'no (balloon=0)'],
    ...(sharesApply(m) && m.shares.trim() ? [['Shares', m.shares] as Row] : []),
    [
      'KSM',
      allowKsmSupported === false
        ? 'server default (setting needs PVE 9.1)'
        : yes(m.allowKsm, 'allowed', 'not allowed'),
    ],
  ];
}

function nicRows(n: NicSettings, id: string, only: boolean): Row[] {
  const optional = (label: string, value: string): Row[] => (value ? [[label, value]] : []);
  const on = `${labelOf(NIC_MODELS, n.model)} on ${n.bridge}${n.vlan ? `, VLAN ${n.vlan}` : ''}`;
  return [
    [only ? 'Device' : id, on],
    ['MAC', n.mac || 'generated by Proxmox'],
    ['Firewall', yes(n.firewall, 'enabled', 'disabled')],
    ...optional('Link', n.disconnected ? 'disconnected' : ''),
    ...optional('MTU', n.mtu),
    ...optional('Rate limit', n.rate ? `${n.rate} MB/s` : ''),
    ...optional('Multiqueue', n.queues),
  ];
}

function networkRows(n: VmConfig['network']): Row[] {
  const nics = usedNics(n);
  if (nics.length === 0) return [['Network', 'none']];
  return nics.flatMap((nic, i) => nicRows(nic, `net${i}`, nics.length === 1));
}

export function summary(
  c: VmConfig,
  options: { allowKsmSupported?: boolean } = {},
): SummaryGroup[] {
  return [
    { title: 'General', rows: generalRows(c.general) },
    { title: 'OS', rows: osRows(c.os) },
    { title: 'System', rows: systemRows(c.system, c.os.arch) },
    {
      title: 'Disks',
      rows:
        c.disks.length === 0
          ? [['Disks', 'none: the VM gets no disk']]
          : c.disks.map((d) => diskRow(d, c.system.scsihw)),
    },
    { title: 'CPU', rows: cpuRows(c.cpu) },
    { title: 'Memory', rows: memoryRows(c.memory, options.allowKsmSupported) },
    { title: 'Network', rows: networkRows(c.network) },
  ];
}
