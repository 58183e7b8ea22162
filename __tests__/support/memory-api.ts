/**
 * An in-memory ProxmoxApi for unit tests of the controller and screens: data in plain objects,
 * every call recorded, and any operation can be made to fail or to wait until released.
 * The real behaviour (HTTP, auth, validation) is tested against the simulator instead.
 */
import { ProxmoxError } from '../../services/errors';
import { parseColorMap } from '../../services/client/tag-style';
import type {
  ApiParams,
  Bridge,
  ClusterTags,
  CpuModel,
  MachineVersion,
  HaResource,
  ImportImage,
  IsoImage,
  LoginResult,
  NodeArch,
  NodeInfo,
  NodeLoadPoint,
  PasswordCredentials,
  Permissions,
  Pool,
  ProxmoxApi,
  Realm,
  Session,
  StorageContent,
  StorageInfo,
  TaskStatus,
  TaskSummary,
  TfaResponse,
  VersionInfo,
} from '../../services/proxmox-api';

export interface MemoryCluster {
  realms: Realm[];
  /** `user@realm` → password */
  users: Record<string, string>;
  version: VersionInfo;
  nodes: NodeInfo[];
  pools: Pool[];
  tags: string[];
  /** `tag-style`'s `color-map` as datacenter.cfg holds it (`tag:RRGGBB[:RRGGBB];…`). */
  tagColors?: string;
  storages: Record<string, StorageInfo[]>;
  /** storage id → ISO images */
  isos: Record<string, IsoImage[]>;
  /** Disk images to import, per storage (with `import` content). */
  imports?: Record<string, ImportImage[]>;
  bridges: Record<string, Bridge[]>;
  cpuModels: CpuModel[];
  machines?: MachineVersion[];
  /** Node → its hour of RRD points; a node not listed answers a steady hour at its load. */
  loads?: Record<string, NodeLoadPoint[]>;
  /** Node → architecture; x86_64 when not listed. */
  archs?: Record<string, NodeArch>;
  /** vmid → node */
  vms: Record<number, string>;
  ha: HaResource[];
  /** The user's privileges by ACL path (they propagate to the paths below). */
  permissions: Permissions;
}

/** What root@pam holds that a create can need. */
/** A short list as the server gives it (newest first; MachineEdit.js filters it by type). */
export const DEFAULT_MACHINES: MachineVersion[] = [
  { id: 'pc-i440fx-9.0', type: 'i440fx', version: '9.0' },
  { id: 'pc-q35-9.0', type: 'q35', version: '9.0' },
  { id: 'pc-i440fx-8.2', type: 'i440fx', version: '8.2' },
  { id: 'pc-q35-8.2', type: 'q35', version: '8.2' },
];

const ROOT_PRIVILEGES = [
  'Datastore.AllocateSpace',
  'Datastore.Audit',
  'SDN.Use',
  'Sys.Console',
  'Sys.Modify',
  'VM.Allocate',
  'VM.Config.CPU',
  'VM.Config.Disk',
  'VM.Config.HWType',
  'VM.Config.Memory',
  'VM.Config.Network',
  'VM.Config.Options',
  'VM.PowerMgmt',
];

export type Operation = keyof ProxmoxApi;

export interface Call {
  op: Operation;
  args: unknown[];
}

export function smallCluster(): MemoryCluster {
  const storage = (id: string, type: string, content: string[]): StorageInfo => ({
    storage: id,
    type,
    content,
    enabled: true,
    active: true,
    shared: type !== 'dir',
    total: 1024 ** 4,
    used: 256 * 1024 ** 3,
    avail: 768 * 1024 ** 3,
  });
  const storages = [
    storage('local', 'dir', ['iso', 'vztmpl', 'backup']),
    storage('cephfs', 'cephfs', ['iso', 'vztmpl']),
    storage('ceph-pool', 'rbd', ['images', 'rootdir']),
  ];
  return {
    realms: [
      { realm: 'pve', type: 'pve', comment: 'Proxmox VE authentication server', isDefault: true },
      { realm: 'pam', type: 'pam', comment: 'Linux PAM standard authentication' },
    ],
    users: { 'root@pam': 'secret' },
    version: { version: '8.3.2', release: '8.3' },
    nodes: [
      {
        node: 'pve1',
        status: 'online',
        cpu: 0.05,
        maxcpu: 16,
        mem: 8 * 1024 ** 3,
        maxmem: 64 * 1024 ** 3,
      },
      { node: 'pve2', status: 'offline' },
    ],
    pools: [{ poolid: 'prod', comment: 'Production' }],
    tags: ['db', 'web'],
    tagColors: 'db:1565c0:ffffff',
    storages: { pve1: storages, pve2: storages },
    isos: {
      cephfs: [
        {
          volid: 'cephfs:iso/nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso',
          size: 1093 * 1024 ** 2,
        },
      ],
      local: [],
    },
    bridges: {
      pve1: [
        { iface: 'vmbr0', type: 'bridge', active: true },
        { iface: 'vmbr9', type: 'bridge', active: true },
      ],
    },
    cpuModels: [{ name: 'host', vendor: 'default', custom: false }],
    vms: { 100: 'pve1' },
    ha: [],
    permissions: { '/': Object.fromEntries(ROOT_PRIVILEGES.map((p) => [p, true])) },
  };
}

export class MemoryApi implements ProxmoxApi {
  readonly calls: Call[] = [];
  private readonly failures = new Map<Operation, ProxmoxError>();
  private readonly holds = new Map<Operation, Promise<void>>();
  private tasks = 0;
  /** Tasks started so far (they all end `OK` at once), newest last. */
  readonly taskList: TaskSummary[] = [];
  /** VMs that were started. */
  readonly running = new Set<number>();

  constructor(readonly cluster: MemoryCluster = smallCluster()) {}

  /** Make every call of `op` fail with `error` until `recover(op)`. */
  fail(op: Operation, error: ProxmoxError): void {
    this.failures.set(op, error);
  }

  recover(op: Operation): void {
    this.failures.delete(op);
  }

  /** Make calls of `op` wait until the returned function is called. */
  hold(op: Operation): () => void {
    let release = () => {};
    this.holds.set(op, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(op);
      release();
    };
  }

  private async call<T>(op: Operation, args: unknown[], answer: () => T): Promise<T> {
    this.calls.push({ op, args });
    await this.holds.get(op);
    const failure = this.failures.get(op);
    if (failure) throw failure;
    return answer();
  }

  cancelAll(): void {
    this.calls.push({ op: 'cancelAll', args: [] });
  }

  realms(): Promise<Realm[]> {
    return this.call('realms', [], () => this.cluster.realms);
  }

  login(credentials: PasswordCredentials): Promise<LoginResult> {
    return this.call('login', [{ ...credentials, password: '***' }], () => {
      const user = credentials.username.includes('@')
        ? credentials.username
        : `${credentials.username}@${credentials.realm ?? 'pam'}`;
      if (this.cluster.users[user] !== credentials.password) {
        throw new ProxmoxError({ kind: 'auth', status: 401, message: 'authentication failure' });
      }
      return { kind: 'ok', session: { username: user } };
    });
  }

  completeTfa(_response: TfaResponse): Promise<Session> {
    return this.call('completeTfa', [], () => {
      throw new ProxmoxError({ kind: 'auth', status: 401, message: 'authentication failure' });
    });
  }

  version(): Promise<VersionInfo> {
    return this.call('version', [], () => this.cluster.version);
  }

  nodes(): Promise<NodeInfo[]> {
    return this.call('nodes', [], () => this.cluster.nodes);
  }

  nextVmid(): Promise<number> {
    return this.call('nextVmid', [], () => {
      let id = 100;
      while (this.cluster.vms[id] !== undefined) id++;
      return id;
    });
  }

  isVmidFree(vmid: number): Promise<boolean> {
    return this.call('isVmidFree', [vmid], () => this.cluster.vms[vmid] === undefined);
  }

  pools(): Promise<Pool[]> {
    return this.call('pools', [], () => this.cluster.pools);
  }

  tags(): Promise<ClusterTags> {
    return this.call('tags', [], () => ({
      tags: this.cluster.tags,
      colors: parseColorMap(this.cluster.tagColors ?? ''),
    }));
  }

  storages(node: string, content: StorageContent): Promise<StorageInfo[]> {
    return this.call('storages', [node, content], () =>
      (this.cluster.storages[node] ?? []).filter((s) => s.content.includes(content)),
    );
  }

  isoImages(node: string, storage: string): Promise<IsoImage[]> {
    return this.call('isoImages', [node, storage], () => this.cluster.isos[storage] ?? []);
  }

  importImages(node: string, storage: string): Promise<ImportImage[]> {
    return this.call('importImages', [node, storage], () => this.cluster.imports?.[storage] ?? []);
  }

  bridges(node: string): Promise<Bridge[]> {
    return this.call('bridges', [node], () => this.cluster.bridges[node] ?? []);
  }

  nodeLoadHistory(node: string): Promise<NodeLoadPoint[]> {
    return this.call('nodeLoadHistory', [node], () => {
      const listed = this.cluster.loads?.[node];
      if (listed) return listed;
      const info = this.cluster.nodes.find((n) => n.node === node);
      return Array.from({ length: 60 }, (_, i) => ({
        time: 1_700_000_000 + i * 60,
        cpu: info?.cpu ?? 0,
        maxcpu: info?.maxcpu,
        memused: info?.mem,
        memtotal: info?.maxmem,
      }));
    });
  }

  nodeArch(node: string): Promise<NodeArch> {
    return this.call('nodeArch', [node], () => this.cluster.archs?.[node] ?? 'x86_64');
  }

  cpuModels(node: string): Promise<CpuModel[]> {
    return this.call('cpuModels', [node], () => this.cluster.cpuModels);
  }

  machineVersions(node: string): Promise<MachineVersion[]> {
    return this.call('machineVersions', [node], () => this.cluster.machines ?? DEFAULT_MACHINES);
  }

  createVm(node: string, params: ApiParams): Promise<string> {
    return this.call('createVm', [node, params], () => {
      const vmid = Number(params.vmid);
      this.cluster.vms[vmid] = node;
      return this.startTask(node, 'qmcreate', vmid);
    });
  }

  private startTask(node: string, type: string, vmid: number): string {
    const id = (++this.tasks).toString(16).toUpperCase().padStart(8, '0');
    const upid = `UPID:${node}:${id}:00000000:00000000:${type}:${vmid}:root@pam:`;
    this.taskList.push({ upid, type, id: String(vmid), status: 'stopped', exitStatus: 'OK' });
    return upid;
  }

  guestTasks(node: string, vmid: number, type: string): Promise<TaskSummary[]> {
    return this.call('guestTasks', [node, vmid, type], () =>
      this.taskList
        .filter((t) => t.type === type && t.id === String(vmid) && t.upid.split(':')[1] === node)
        .reverse(),
    );
  }

  startVm(node: string, vmid: number): Promise<string> {
    return this.call('startVm', [node, vmid], () => {
      this.running.add(vmid);
      const ha = this.cluster.ha.some((r) => r.sid === `vm:${vmid}`);
      return this.startTask(node, ha ? 'hastart' : 'qmstart', vmid);
    });
  }

  taskStatus(upid: string): Promise<TaskStatus> {
    return this.call('taskStatus', [upid], () => ({
      upid,
      node: upid.split(':')[1] ?? '',
      status: 'stopped' as const,
      exitStatus: 'OK',
    }));
  }

  taskLog(upid: string, start = 0): Promise<string[]> {
    return this.call('taskLog', [upid, start], () => ['TASK OK'].slice(start));
  }

  updateVmConfig(node: string, vmid: number, params: ApiParams): Promise<void> {
    return this.call('updateVmConfig', [node, vmid, params], () => undefined);
  }

  findVm(vmid: number): Promise<{ node: string } | undefined> {
    return this.call('findVm', [vmid], () => {
      const node = this.cluster.vms[vmid];
      return node === undefined ? undefined : { node };
    });
  }

  addHaResource(resource: HaResource): Promise<void> {
    return this.call('addHaResource', [resource], () => {
      this.cluster.ha.push(resource);
    });
  }

  permissions(path?: string): Promise<Permissions> {
    return this.call('permissions', [path], () => {
      const { permissions } = this.cluster;
      if (path === undefined) return permissions;
      // The nearest path with entries decides; above the path only propagating ones count.
      const parts = path.split('/').filter(Boolean);
      for (let n = parts.length; n >= 0; n--) {
        const at = `/${parts.slice(0, n).join('/')}`;
        const entries = permissions[at];
        if (!entries) continue;
        const apply = n === parts.length ? entries : filterPropagating(entries);
        return { [path]: apply };
      }
      return { [path]: {} };
    });
  }
}

function filterPropagating(privileges: Record<string, boolean>): Record<string, boolean> {
  return Object.fromEntries(Object.entries(privileges).filter(([, propagate]) => propagate));
}
