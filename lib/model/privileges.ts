/**
 * The privileges a create needs, as qemu-server's `create_vm` checks them (PVE/API2/Qemu.pm:
 * VM.Allocate on the VM or its pool, the config privilege of each parameter's group, storage
 * and SDN checks, Sys.Console for `ha-managed` and physical CD drives, Sys.Modify for `startup`,
 * VM.PowerMgmt to start), and which of them the user lacks according to the server's
 * `/access/permissions` answers. Pure.
 */
import type { VmConfig } from './config';
import { nicPrefix } from './nics';
import type { Params } from './payload';

/** privilege → whether it propagates below the path, as `/access/permissions` answers. */
export type Privileges = Record<string, boolean>;
/** The server's answers: path → the user's effective privileges there. */
export type PermissionAnswers = Record<string, Privileges>;

export interface PrivilegeNeed {
  /** Every one of these is needed (or one of them with `any`). */
  privileges: string[];
  any?: boolean;
  /** The privileges on any one of these paths will do. */
  paths: string[];
  /** The field whose answer needs them (the place to change it). */
  section: keyof VmConfig;
  field: string;
  /** What needs them, e.g. `the disk scsi0`. */
  what: string;
}

/** qemu-server's option groups (`$cpuoptions`, `$memoryoptions`, …) for what the wizard sends. */
const CONFIG_PRIVILEGE: Record<string, string> = {
  cores: 'VM.Config.CPU',
  sockets: 'VM.Config.CPU',
  cpu: 'VM.Config.CPU',
  numa: 'VM.Config.CPU',
  vcpus: 'VM.Config.CPU',
  cpulimit: 'VM.Config.CPU',
  cpuunits: 'VM.Config.CPU',
  memory: 'VM.Config.Memory',
  shares: 'VM.Config.Memory',
  balloon: 'VM.Config.Memory',
  'allow-ksm': 'VM.Config.Memory',
  machine: 'VM.Config.HWType',
  scsihw: 'VM.Config.HWType',
  vga: 'VM.Config.HWType',
  agent: 'VM.Config.Options',
  bios: 'VM.Config.Options',
  name: 'VM.Config.Options',
  onboot: 'VM.Config.Options',
  ostype: 'VM.Config.Options',
  startup: 'VM.Config.Options',
  boot: 'VM.Config.Disk',
};
/** Drives are checked on their storage, not by a config privilege. */
const DRIVE = /^(ide|sata|scsi|virtio)\d+$|^efidisk0$|^tpmstate0$/;
/** A volume to allocate: `storage:size`. */
const NEW_DISK = /^([^/:\s]+):\d+(\.\d+)?(,|$)/;
/** An existing volume: `storage:iso/file`. */
const VOLUME = /^([^/:\s]+):/;

/** VM privileges count on the VM's path or, when the VM goes into a pool, the pool's. */
function vmPaths(config: VmConfig): string[] {
  const { vmid, pool } = config.general;
  return pool ? [`/vms/${vmid}`, `/pool/${pool}`] : [`/vms/${vmid}`];
}

function driveField(config: VmConfig, param: string): [keyof VmConfig, string] {
  if (param === 'efidisk0') return ['system', 'efiStorage'];
  if (param === 'tpmstate0') return ['system', 'tpmStorage'];
  const at = config.disks.findIndex((d) => `${d.bus}${d.index}` === param);
  if (at >= 0) return ['disks', `[${at}].storage`];
  return param === 'ide0' ? ['os', 'virtioIso'] : ['os', 'iso'];
}

function driveNeed(config: VmConfig, param: string, value: string): PrivilegeNeed | undefined {
  const [section, field] = driveField(config, param);
  const what =
    param === 'efidisk0'
      ? 'the EFI disk'
      : param === 'tpmstate0'
        ? 'the TPM state'
        : section === 'os'
          ? field === 'virtioIso'
            ? 'the VirtIO drivers ISO image'
            : 'the ISO image'
          : `the drive ${param}`;
  if (value.startsWith('cdrom,'))
    return {
      privileges: ['Sys.Console'],
      paths: ['/'],
      section: 'os',
      field: 'media',
      what: 'the physical CD/DVD drive',
    };
  const fresh = NEW_DISK.exec(value);
  if (fresh)
    return {
      privileges: ['Datastore.AllocateSpace'],
      paths: [`/storage/${fresh[1]}`],
      section,
      field,
      what,
    };
  const volume = VOLUME.exec(value);
  if (!volume) return undefined;
  // An ISO someone else uploaded: reading the storage is enough (PVE::Storage::check_volume_access).
  return {
    privileges: ['Datastore.AllocateSpace', 'Datastore.Audit'],
    any: true,
    paths: [`/storage/${volume[1]}`],
    section,
    field,
    what,
  };
}

function bridgeNeed(key: string, value: unknown): PrivilegeNeed | undefined {
  const net = String(value ?? '');
  const bridge = /(?:^|,)bridge=([^,]+)/.exec(net)?.[1];
  if (!bridge) return undefined;
  const tag = /(?:^|,)tag=(\d+)/.exec(net)?.[1];
  return {
    privileges: ['SDN.Use'],
    paths: [`/sdn/zones/localnetwork/${bridge}${tag ? `/${tag}` : ''}`],
    section: 'network',
    field: `${nicPrefix(Number(key.slice(3)))}${tag ? 'vlan' : 'bridge'}`,
    what: `the bridge ${bridge}${tag ? ` with VLAN ${tag}` : ''}`,
  };
}

/**
 * What creating `config` with `params` (the create call's parameters) needs; the serial console
 * set after the create (`serial0=socket`, `vga=serial0`) and the start are included.
 */
export function privilegeNeeds(config: VmConfig, params: Params): PrivilegeNeed[] {
  const vmid = config.general.vmid;
  const onVm = vmPaths(config);
  const configPrivileges = new Set(['VM.Allocate', 'VM.Config.HWType']);
  for (const key of Object.keys(params)) {
    const privilege = CONFIG_PRIVILEGE[key] ?? (/^net\d+$/.test(key) ? 'VM.Config.Network' : '');
    if (privilege) configPrivileges.add(privilege);
  }
  const needs: PrivilegeNeed[] = [
    {
      privileges: [...configPrivileges].sort(),
      paths: onVm,
      section: 'general',
      field: 'pool',
      what: `VM ${vmid}`,
    },
  ];
  for (const [key, value] of Object.entries(params)) {
    if (!DRIVE.test(key)) continue;
    const need = driveNeed(config, key, String(value));
    if (need) needs.push(need);
  }
  // Every device's bridge, once per bridge and VLAN (qemu-server checks each netN).
  const bridges = new Set<string>();
  for (const [key, value] of Object.entries(params)) {
    const need = /^net\d+$/.test(key) ? bridgeNeed(key, value) : undefined;
    if (need && !bridges.has(need.paths[0]!)) needs.push(need);
    if (need) bridges.add(need.paths[0]!);
  }
  if (params.startup !== undefined)
    needs.push({
      privileges: ['Sys.Modify'],
      paths: ['/'],
      section: 'general',
      field: 'startupOrder',
      what: 'the start/shutdown order',
    });
  if (config.general.ha)
    needs.push({
      privileges: ['Sys.Console'],
      paths: ['/'],
      section: 'general',
      field: 'ha',
      what: 'High Availability',
    });
  if (config.confirm.startAfterCreate)
    needs.push({
      privileges: ['VM.PowerMgmt'],
      paths: onVm,
      section: 'confirm',
      field: 'startAfterCreate',
      what: 'Start after created',
    });
  return needs;
}

/** Every path whose privileges the needs depend on (to ask the server about). */
export function neededPaths(needs: readonly PrivilegeNeed[]): string[] {
  return [...new Set(needs.flatMap((n) => n.paths))].sort();
}

/**
 * The needs not met, each narrowed to the privileges missing. A need whose paths the answers do
 * not cover (asked before the answer changed) is not judged.
 */
export function missingPrivileges(
  needs: readonly PrivilegeNeed[],
  answers: PermissionAnswers,
): PrivilegeNeed[] {
  const missing: PrivilegeNeed[] = [];
  for (const need of needs) {
    if (!need.paths.every((p) => p in answers)) continue;
    const held = (privilege: string) =>
      need.paths.some((p) => answers[p]![privilege] !== undefined);
    const lacking = need.privileges.filter((p) => !held(p));
    const met = need.any ? lacking.length < need.privileges.length : lacking.length === 0;
    if (!met) missing.push({ ...need, privileges: lacking });
  }
  return missing;
}

/** `needs VM.Allocate, VM.Config.CPU on /vms/123 or /pool/lab (VM 123)`. */
export function describeMissing(need: PrivilegeNeed): string {
  const privileges = need.privileges.join(need.any ? ' or ' : ', ');
  return `${need.what} needs ${privileges} on ${need.paths.join(' or ')}`;
}
