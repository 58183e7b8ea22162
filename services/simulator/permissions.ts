/**
 * Privileges as pve-access-control computes them: roles granted by ACL entries on paths, walked
 * from `/` down to the path (an entry for the user on a deeper path replaces what came from
 * above; one that does not propagate counts only on its own path); root@pam holds everything;
 * a privilege-separated API token holds what its own entries grant, within its user's.
 * Also the permission checks `POST /nodes/{node}/qemu` makes (PVE/API2/Qemu.pm `create_vm`).
 */
import { SimError } from './errors';
import { ALL_PRIVILEGES, ROLES, type RoleName } from './roles';
import type { ClusterState } from './state';

/** privilege → whether it propagates, as `/access/permissions` answers (1/0). */
export type SimPrivileges = Record<string, 0 | 1>;

/** `/vms/100` → `/`, `/vms`, `/vms/100`. */
function prefixes(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
}

/** The privileges of one user or token id from its own ACL entries (AccessControl::roles). */
function granted(state: ClusterState, ugid: string, path: string): SimPrivileges {
  let roles = new Map<RoleName, boolean>();
  for (const at of prefixes(path)) {
    const final = at === path;
    const entries = state.acl.filter(
      (a) => a.ugid === ugid && a.path === at && (final || a.propagate),
    );
    if (entries.length > 0) roles = new Map(entries.map((a) => [a.role, a.propagate]));
  }
  if (roles.has('NoAccess')) return {};
  const out: SimPrivileges = {};
  for (const [role, propagate] of roles)
    for (const privilege of ROLES[role]) out[privilege] = propagate || out[privilege] ? 1 : 0;
  return out;
}

/** The effective privileges of a user or API token on `path`. */
export function privilegesAt(state: ClusterState, authid: string, path: string): SimPrivileges {
  const [user] = authid.split('!') as [string];
  if (user === 'root@pam' && user === authid)
    return Object.fromEntries(ALL_PRIVILEGES.map((p) => [p, 1]));
  if (user === authid) return state.users[user] ? granted(state, user, path) : {};
  const ofUser = privilegesAt(state, user, path);
  if (!state.separatedTokens.includes(authid)) return ofUser;
  const own = granted(state, authid, path);
  return Object.fromEntries(Object.entries(own).filter(([p]) => ofUser[p] !== undefined));
}

/** `GET /access/permissions` without `path`: the top-level paths and every ACL path. */
export function effectivePermissions(
  state: ClusterState,
  authid: string,
): Record<string, SimPrivileges> {
  const paths = new Set(['/', '/access', '/nodes', '/pool', '/sdn', '/storage', '/vms']);
  for (const a of state.acl) paths.add(a.path);
  const out: Record<string, SimPrivileges> = {};
  for (const path of paths) {
    const privileges = privilegesAt(state, authid, path);
    if (Object.keys(privileges).length > 0) out[path] = privileges;
  }
  return out;
}

export function has(state: ClusterState, authid: string, path: string, privilege: string): boolean {
  return privilegesAt(state, authid, path)[privilege] !== undefined;
}

/** `403 Permission check failed (/vms/100, VM.Config.CPU)` unless the privilege is held. */
export function check(state: ClusterState, authid: string, path: string, privilege: string): void {
  if (!has(state, authid, path, privilege))
    throw new SimError(403, `Permission check failed (${path}, ${privilege})`);
}

/** RPCEnvironment::check_vm_perm: on the pool, else on the VM. */
export function checkVm(
  state: ClusterState,
  authid: string,
  vmid: string,
  pool: string | undefined,
  privilege: string,
): void {
  if (pool && has(state, authid, `/pool/${pool}`, privilege)) return;
  check(state, authid, `/vms/${vmid}`, privilege);
}

/** qemu-server's option groups for a config key (`$cpuoptions`, `$memoryoptions`, …). */
const GROUPS: [RegExp, string][] = [
  [/^(cores|cpu|cpulimit|cpuunits|numa\d*|smp|sockets|vcpus)$/, 'VM.Config.CPU'],
  [/^(memory|balloon|shares|allow-ksm)$/, 'VM.Config.Memory'],
  [
    /^(acpi|hotplug|kvm|machine|scsihw|smbios1|tablet|vga|watchdog|audio0|rng0)$/,
    'VM.Config.HWType',
  ],
  [
    /^(agent|autostart|bios|description|keyboard|localtime|migrate_downtime|migrate_speed|name|onboot|ostype|protection|reboot|startdate|startup|tdf|template)$/,
    'VM.Config.Options',
  ],
  [/^(boot|bootdisk|vmstatestorage)$/, 'VM.Config.Disk'],
  [/^net\d+$/, 'VM.Config.Network'],
];

const DRIVE = /^(ide|sata|scsi|virtio)\d+$|^efidisk0$|^tpmstate0$/;

/** Config keys the create and a config update check per option (drives, serial, tags apart). */
export function checkConfigKeys(
  state: ClusterState,
  authid: string,
  vmid: string,
  pool: string | undefined,
  params: Record<string, string>,
): void {
  for (const [key, value] of Object.entries(params)) {
    if (DRIVE.test(key) || key === 'tags' || key === 'vmid' || key === 'node') continue;
    if (/^serial\d+$/.test(key)) {
      if (value !== 'socket')
        throw new SimError(500, `only root can set '${key}' config for real devices`);
      checkVm(state, authid, vmid, pool, 'VM.Config.HWType');
      continue;
    }
    const privilege = GROUPS.find(([keys]) => keys.test(key))?.[1];
    // Options in no group (args, arch, affinity …) are root's alone.
    if (!privilege) throw new SimError(500, `only root can set '${key}' config`);
    checkVm(state, authid, vmid, pool, privilege);
    if (key === 'startup') check(state, authid, '/', 'Sys.Modify');
  }
}

/** The checks of `create_vm`, in its order, for a caller other than root@pam. */
export function checkCreate(state: ClusterState, authid: string, params: Record<string, string>) {
  if (authid === 'root@pam') return;
  const { vmid = '', pool, start, 'ha-managed': haManaged, ...config } = params;
  // A pool that does not exist is refused first, by the create itself.
  if (pool !== undefined && !state.pools.some((p) => p.poolid === pool)) return;
  if (haManaged === '1') check(state, authid, '/', 'Sys.Console');
  if (start === '1') checkVm(state, authid, vmid, pool, 'VM.PowerMgmt');
  const allocate =
    has(state, authid, `/vms/${vmid}`, 'VM.Allocate') ||
    (pool !== undefined && has(state, authid, `/pool/${pool}`, 'VM.Allocate'));
  if (!allocate) throw new SimError(403, 'Permission check failed');
  for (const [key, value] of Object.entries(config)) {
    if (!DRIVE.test(key)) continue;
    const file = value.split(',')[0]!;
    if (file === 'cdrom') check(state, authid, '/', 'Sys.Console');
    const fresh = /^([^/:\s]+):\d+(\.\d+)?$/.exec(file);
    if (fresh) check(state, authid, `/storage/${fresh[1]}`, 'Datastore.AllocateSpace');
    const volume = /^([^/:\s]+):iso\//.exec(file);
    if (
      volume &&
      !has(state, authid, `/storage/${volume[1]}`, 'Datastore.AllocateSpace') &&
      !has(state, authid, `/storage/${volume[1]}`, 'Datastore.Audit')
    )
      check(state, authid, `/storage/${volume[1]}`, 'Datastore.Audit');
  }
  checkConfigKeys(state, authid, vmid, pool, config);
  // PVE::QemuServer::check_bridge_access: the bridge, or the VLAN on it when tagged.
  const bridge = /(?:^|,)bridge=([^,]+)/.exec(config.net0 ?? '')?.[1];
  const tag = /(?:^|,)tag=(\d+)/.exec(config.net0 ?? '')?.[1];
  if (bridge)
    check(state, authid, `/sdn/zones/localnetwork/${bridge}${tag ? `/${tag}` : ''}`, 'SDN.Use');
}
