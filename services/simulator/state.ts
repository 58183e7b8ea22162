/** The simulated cluster's state: plain data the handlers read and change. */
import type { SimAcl } from './roles';

export type PveVersion = '8.3' | '9.1';

export interface SimNode {
  node: string;
  status: 'online' | 'offline';
  cpu: number;
  maxcpu: number;
  mem: number;
  maxmem: number;
  arch: 'x86_64' | 'aarch64';
}

export interface SimStorage {
  storage: string;
  type: string;
  content: string[];
  shared: boolean;
  total: number;
  used: number;
  /** false: inactive (not mounted, unreachable); PVE then lists it without its figures. */
  active?: boolean;
  /** Nodes that have this storage; shared storages list every node. */
  nodes: string[];
}

export interface SimIso {
  storage: string;
  file: string;
  size: number;
  ctime: number;
}

/** A disk image on a storage with `import` content (`<storage>:import/<file>`, PVE 8.2+). */
export interface SimImport {
  storage: string;
  file: string;
  /** The image's format as pve-storage names it (qcow2, vmdk, raw, ova). */
  format: string;
  size: number;
  ctime: number;
}

export interface SimUser {
  password: string;
  /** Base32 TOTP secret when the user has a second factor. */
  totp?: string;
  recovery?: string[];
}

export interface SimVm {
  vmid: number;
  node: string;
  config: Record<string, string | number>;
  status: 'running' | 'stopped';
  /** The pool it was created in: VM privileges count there too. */
  pool?: string;
}

export interface SimTask {
  upid: string;
  node: string;
  type: string;
  id: string;
  user: string;
  start: number;
  /** Milliseconds the task runs. */
  duration: number;
  log: string[];
  exitstatus?: string;
  /** Work done part-way (a create allocates its disks and logs them), once the clock is at `at`. */
  midway?: { at: number; run: () => void };
  /** Runs once when the task ends (writes the final config, frees the lock …). */
  finish?: () => void;
  finished: boolean;
}

export interface ClusterState {
  version: PveVersion;
  clusterName: string;
  realms: { realm: string; type: string; comment?: string; default?: number; tfa?: string }[];
  users: Record<string, SimUser>;
  /** `user@realm!tokenid` → secret */
  tokens: Record<string, string>;
  /** Tokens with privilege separation: they hold only what their own ACL entries grant. */
  separatedTokens: string[];
  /** `user.cfg`'s ACL (root@pam needs none). */
  acl: SimAcl[];
  nodes: SimNode[];
  storages: SimStorage[];
  isos: SimIso[];
  /** Disk images to import; none when absent. */
  imports?: SimImport[];
  pools: { poolid: string; comment?: string }[];
  tags: string[];
  /** datacenter.cfg's `tag-style` property string (shape, color-map …); none when absent. */
  tagStyle?: string;
  bridges: Record<string, { iface: string; type: string; active: number; comments?: string }[]>;
  /** Custom CPU models (`cpu-models.conf`), listed after the built-in ones. */
  cpuModels?: { name: string; vendor: string }[];
  vms: Map<number, SimVm>;
  tasks: Map<string, SimTask>;
  ha: { sid: string; state: string }[];
}
