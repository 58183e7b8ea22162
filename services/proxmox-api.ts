/**
 * What the wizard needs from a Proxmox VE cluster, as typed operations. The axios client talks
 * to a real server; tests may use the in-memory fake. Every operation fails with ProxmoxError.
 */

export interface Realm {
  realm: string;
  type: string;
  comment?: string;
  /** The server marks at most one realm as its default. */
  isDefault?: boolean;
  /** Realm-enforced second factor (`oath` = TOTP, `yubico`). */
  tfa?: string;
}

export interface PasswordCredentials {
  /** `user` or `user@realm`; with the second form `realm` is not sent. */
  username: string;
  password: string;
  realm?: string;
}

export interface Session {
  /** Canonical user id, e.g. `root@pam`. */
  username: string;
  clusterName?: string;
}

/** A second factor the server asks for after the password (PVE `NeedTFA`). */
export interface TfaChallenge {
  username: string;
  totp: boolean;
  /** Unused recovery keys are left. */
  recovery: boolean;
  yubico: boolean;
  webauthn: boolean;
}

export type LoginResult =
  { kind: 'ok'; session: Session } | { kind: 'tfa'; challenge: TfaChallenge };

export interface TfaResponse {
  type: 'totp' | 'recovery' | 'yubico';
  code: string;
}

export interface VersionInfo {
  version: string;
  release: string;
}

export interface NodeInfo {
  node: string;
  status: 'online' | 'offline' | 'unknown';
  /** Fraction 0..1. */
  cpu?: number;
  maxcpu?: number;
  /** Bytes. */
  mem?: number;
  maxmem?: number;
}

/**
 * One point of a node's RRD statistics (`GET /nodes/{node}/rrddata`): a missing field is a gap
 * (real RRD data has gaps, most often in the last minute).
 */
export interface NodeLoadPoint {
  /** Seconds since the epoch. */
  time: number;
  /** Fraction 0..1 of all the node's CPUs. */
  cpu?: number;
  maxcpu?: number;
  /** Bytes. */
  memused?: number;
  memtotal?: number;
}

/** What a node runs on; anything else the server names is `other`. */
export type NodeArch = 'x86_64' | 'aarch64' | 'other';

export interface Pool {
  poolid: string;
  comment?: string;
}

export type StorageContent = 'iso' | 'images' | 'import';

export interface StorageInfo {
  storage: string;
  type: string;
  content: string[];
  enabled: boolean;
  active: boolean;
  shared: boolean;
  /** Bytes; absent when the storage is inactive. */
  total?: number;
  used?: number;
  avail?: number;
}

export interface IsoImage {
  /** `<storage>:iso/<file>` */
  volid: string;
  size: number;
  /** Unix time. */
  ctime?: number;
}

/** A disk image on a storage with `import` content (Proxmox VE 8.2+). */
export interface ImportImage {
  /** `<storage>:import/<file>` */
  volid: string;
  /** qcow2, vmdk, raw, ova … */
  format: string;
  size: number;
}

export interface Bridge {
  iface: string;
  type: string;
  active: boolean;
  comments?: string;
}

/** One of `GET /nodes/{node}/capabilities/qemu/machines`. */
export interface MachineVersion {
  /** The full machine name: `pc-q35-9.0`, `pc-i440fx-4.1+pve2`, `virt-9.0`. */
  id: string;
  /** `q35`, `i440fx` (`virt` on an aarch64 node). */
  type: string;
  /** `9.0`, `4.1+pve2`. */
  version: string;
  /** What a `+pveN` revision changed. */
  changes?: string;
}

export interface CpuModel {
  name: string;
  vendor: string;
  custom: boolean;
}

/** Create/config parameters as sent (form-encoded by the client). */
export type ApiParams = Record<string, string | number | boolean>;

export interface TaskStatus {
  upid: string;
  node: string;
  status: 'running' | 'stopped';
  /** `OK`, `WARNINGS: n`, or the error text, once stopped. */
  exitStatus?: string;
}

/** An entry of a node's task list (`GET /nodes/{node}/tasks`). */
export interface TaskSummary {
  upid: string;
  type: string;
  /** The guest id the task is about (`vmid` for qemu tasks). */
  id: string;
  status: 'running' | 'stopped';
  /** Once stopped: `OK`, `WARNINGS: n`, or the error text. */
  exitStatus?: string;
}

export interface HaResource {
  /** `vm:<id>` */
  sid: string;
  state: 'started' | 'stopped';
}

/**
 * Effective privileges as `GET /access/permissions` answers: path → privilege → whether it
 * propagates to the paths below.
 */
export type Permissions = Record<string, Record<string, boolean>>;

/**
 * A list as the server sent it, without the entries that name nothing (`null`, a number, an
 * entry without its id); `leftOut` counts those so the screen can say so.
 */
/** A colour as red, green and blue, 0–255. */
export type Rgb = readonly [number, number, number];

/** A tag's entry in the cluster's `tag-style` `color-map`: its background and maybe its text. */
export interface TagColor {
  bg: Rgb;
  fg?: Rgb;
}

/** What `/cluster/options` says of tags: the tags this user may set, and their colours. */
export interface ClusterTags {
  tags: string[];
  /** By tag name, exactly as the map spells it (the web UI looks names up as they are). */
  colors: ReadonlyMap<string, TagColor>;
}

export type Listed<T> = T[] & { leftOut?: number };

export interface ProxmoxApi {
  /** Abandon every call in flight; they fail with kind `cancelled`. */
  cancelAll(): void;
  realms(): Promise<Listed<Realm>>;
  login(credentials: PasswordCredentials): Promise<LoginResult>;
  completeTfa(response: TfaResponse): Promise<Session>;
  version(): Promise<VersionInfo>;
  nodes(): Promise<Listed<NodeInfo>>;
  /** The next free VM id. */
  nextVmid(): Promise<number>;
  /** Whether `vmid` is free (the server answers 400 when it is taken). */
  isVmidFree(vmid: number): Promise<boolean>;
  pools(): Promise<Listed<Pool>>;
  /** The cluster's known tags (`/cluster/options` `allowed-tags`) and `tag-style` colours. */
  tags(): Promise<ClusterTags>;
  storages(node: string, content: StorageContent): Promise<Listed<StorageInfo>>;
  isoImages(node: string, storage: string): Promise<Listed<IsoImage>>;
  /** The disk images of a storage with `import` content. */
  importImages(node: string, storage: string): Promise<Listed<ImportImage>>;
  bridges(node: string): Promise<Listed<Bridge>>;
  cpuModels(node: string): Promise<Listed<CpuModel>>;
  /** The machine versions the node's QEMU runs, newest first (its own architecture's). */
  machineVersions(node: string): Promise<Listed<MachineVersion>>;
  /** The node's load over the last hour, a point a minute (`rrddata`, `timeframe=hour`). */
  nodeLoadHistory(node: string): Promise<NodeLoadPoint[]>;
  /** The node's CPU architecture (`/nodes/{node}/status` `current-kernel.machine`). */
  nodeArch(node: string): Promise<NodeArch>;
  /** Start creating a VM; resolves to the UPID of the create task. */
  createVm(node: string, params: ApiParams): Promise<string>;
  taskStatus(upid: string): Promise<TaskStatus>;
  taskLog(upid: string, start?: number): Promise<string[]>;
  /** A node's tasks of one type for one guest, newest first (running ones included). */
  guestTasks(node: string, vmid: number, type: string): Promise<TaskSummary[]>;
  updateVmConfig(node: string, vmid: number, params: ApiParams): Promise<void>;
  /**
   * Whether a VM with this id exists anywhere in the cluster, on which node, and its lock
   * (`create` while its create task runs).
   */
  findVm(vmid: number): Promise<{ node: string; lock?: string } | undefined>;
  addHaResource(resource: HaResource): Promise<void>;
  /**
   * The logged-in user's (or token's) privileges on `path` as the server computes them; without
   * a path, on the top-level paths and every path with an ACL entry.
   */
  permissions(path?: string): Promise<Permissions>;
  /** Start a VM; resolves to the UPID of the start task (`hastart` for an HA-managed VM). */
  startVm(node: string, vmid: number): Promise<string>;
}
