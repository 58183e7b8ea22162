/** Proxmox VE's built-in roles the datasets use, and the ACL entries that grant them. */
const VM_CONFIG = [
  'VM.Config.CDROM',
  'VM.Config.CPU',
  'VM.Config.Cloudinit',
  'VM.Config.Disk',
  'VM.Config.HWType',
  'VM.Config.Memory',
  'VM.Config.Network',
  'VM.Config.Options',
];
const VM_ADMIN = [
  'VM.Allocate',
  'VM.Audit',
  'VM.Backup',
  'VM.Clone',
  ...VM_CONFIG,
  'VM.Console',
  'VM.Migrate',
  'VM.PowerMgmt',
  'VM.Snapshot',
  'VM.Snapshot.Rollback',
];
/** Every privilege: what root@pam and the Administrator role hold. */
export const ALL_PRIVILEGES = [
  ...VM_ADMIN,
  'Datastore.Allocate',
  'Datastore.AllocateSpace',
  'Datastore.AllocateTemplate',
  'Datastore.Audit',
  'Group.Allocate',
  'Mapping.Audit',
  'Mapping.Modify',
  'Mapping.Use',
  'Permissions.Modify',
  'Pool.Allocate',
  'Pool.Audit',
  'Realm.Allocate',
  'Realm.AllocateUser',
  'SDN.Allocate',
  'SDN.Audit',
  'SDN.Use',
  'Sys.AccessNetwork',
  'Sys.Audit',
  'Sys.Console',
  'Sys.Incoming',
  'Sys.Modify',
  'Sys.PowerMgmt',
  'Sys.Syslog',
  'User.Modify',
].sort();

/** Proxmox VE's built-in roles the datasets use. */
export const ROLES = {
  Administrator: ALL_PRIVILEGES,
  PVEVMAdmin: VM_ADMIN,
  PVEVMUser: ['VM.Audit', 'VM.Backup', 'VM.Config.CDROM', 'VM.Config.Cloudinit', 'VM.Console'],
  PVEDatastoreUser: ['Datastore.AllocateSpace', 'Datastore.Audit'],
  PVESDNUser: ['SDN.Audit', 'SDN.Use'],
  NoAccess: [],
} as const satisfies Record<string, readonly string[]>;
export type RoleName = keyof typeof ROLES;

/** One line of `user.cfg`'s ACL: a role for a user or token on a path. */
export interface SimAcl {
  path: string;
  /** `user@realm` or `user@realm!tokenid`. */
  ugid: string;
  role: RoleName;
  propagate: boolean;
}
