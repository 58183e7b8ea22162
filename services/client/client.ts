/**
 * ProxmoxApi over HTTPS with axios, as Proxmox VE expects it: `/api2/json`, form bodies,
 * ticket cookie + CSRF header (renewed before the two hours run out) or an API token, the
 * second-factor flow, typed errors, bounded calls (a total deadline and a maximum answer size)
 * and cancellation.
 */
import type { Method } from 'axios';
import { ProxmoxError } from '../errors';
import type {
  ApiParams,
  Bridge,
  ClusterTags,
  CpuModel,
  HaResource,
  ImportImage,
  IsoImage,
  Listed,
  LoginResult,
  MachineVersion,
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
} from '../proxmox-api';
import { parseServer, type ServerAddress } from './address';
import { withCredentials } from './credentials';
import {
  entriesOf,
  entryCollector,
  isEntry,
  str,
  toBridge,
  toCpuModel,
  toImportImage,
  toMachineVersion,
  toIso,
  toLoadPoints,
  toNode,
  toPermissions,
  toPool,
  toRealm,
  toStorage,
  toTaskStatus,
  toTaskSummary,
  unexpected,
  taskId,
} from './shapes';
import { DEFAULT_MAX_ANSWER_BYTES, type ApiToken, type ClientOptions } from './options';
import { clusterTags } from './tag-style';
import { TicketSession } from './ticket-session';
import { Transport, type Envelope } from './transport';

export type { ApiToken, ClientOptions } from './options';
export { DEFAULT_MAX_ANSWER_BYTES } from './options';

const nodePath = (node: string, leaf: string) => `/nodes/${encodeURIComponent(node)}/${leaf}`;
/** A storage's volumes of one content type. */
const contentPath = (node: string, storage: string) =>
  nodePath(node, `storage/${encodeURIComponent(storage)}/content`);
const taskPath = (upid: string, leaf: string) =>
  nodePath(upid.split(':')[1] ?? '', `tasks/${encodeURIComponent(upid)}/${leaf}`);

export class ProxmoxClient implements ProxmoxApi {
  readonly address: ServerAddress;
  private readonly transport: Transport;
  private readonly session: TicketSession;
  private readonly token: ApiToken | undefined;
  private cachedVersion: Promise<VersionInfo> | undefined;

  constructor(options: ClientOptions) {
    this.address = parseServer(options.server);
    this.token = options.token;
    this.transport = new Transport(this.address, {
      tls: options.tls ?? {},
      timeoutMs: options.timeoutMs ?? 30000,
      maxAnswerBytes: options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
    });
    this.session = new TicketSession(
      async (params) => (await this.send('POST', '/access/ticket', params, false)).data,
      options.renewAfterMs ?? 3600 * 1000,
      options.clock ?? Date.now,
    );
  }

  /** Whether a session (ticket or token) is there to make calls with. */
  get authenticated(): boolean {
    return !!this.token || this.session.active;
  }

  cancelAll(): void {
    this.transport.cancelAll();
  }

  /** A call as the token or the ticket; a ticket the server refuses is an expired session. */
  private async send(
    method: Method,
    path: string,
    params: ApiParams | undefined,
    authenticated: boolean,
  ): Promise<Envelope> {
    if (!authenticated) return this.transport.send(method, path, params, {});
    return withCredentials(this.token, this.session, method, (headers) =>
      this.transport.send(method, path, params, headers),
    );
  }

  private async call(method: Method, path: string, params?: ApiParams): Promise<unknown> {
    return (await this.send(method, path, params, true)).data;
  }

  /** A list answer; anything but an array is an unexpected shape. */
  private async list(path: string, params?: ApiParams): Promise<unknown[]> {
    const data = await this.call('GET', path, params);
    if (!Array.isArray(data)) throw unexpected(path, 'is not a list');
    return data;
  }

  /**
   * A list answer shaped entry by entry as it arrives (transport.sendList): the raw entries are
   * never held together; anything but an array is an unexpected shape.
   */
  private async entries<T>(
    path: string,
    params: ApiParams | undefined,
    shape: (entry: Record<string, unknown>) => T,
    key: keyof T,
  ): Promise<Listed<T>> {
    const entries = entryCollector(shape, key);
    const listed = await withCredentials(this.token, this.session, 'GET', (headers) =>
      this.transport.sendList(path, params, headers, (item) => entries.add(item)),
    );
    if (!listed) throw unexpected(path, 'is not a list');
    return entries.done();
  }

  /** An object answer; a list, a number or null is an unexpected shape. */
  private async record(path: string): Promise<Record<string, unknown>> {
    const data = await this.call('GET', path);
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw unexpected(path, 'is not an object');
    return data as Record<string, unknown>;
  }

  async realms(): Promise<Listed<Realm>> {
    const data = (await this.send('GET', '/access/domains', undefined, false)).data;
    if (!Array.isArray(data))
      throw new ProxmoxError({
        kind: 'server',
        status: 200,
        message: 'The realm list is not a list',
      });
    return entriesOf(data, toRealm, 'realm');
  }

  login(credentials: PasswordCredentials): Promise<LoginResult> {
    return this.session.login(credentials);
  }

  completeTfa(response: TfaResponse): Promise<Session> {
    return this.session.completeTfa(response);
  }

  version(): Promise<VersionInfo> {
    this.cachedVersion ??= (async () => {
      const data = await this.record('/version');
      const release = str(data.release);
      if (!release) throw unexpected('/version', 'names no release');
      return { version: str(data.version) ?? '', release };
    })().catch((err: unknown) => {
      this.cachedVersion = undefined;
      throw err;
    });
    return this.cachedVersion;
  }

  async nodes(): Promise<Listed<NodeInfo>> {
    return this.entries('/nodes', undefined, toNode, 'node');
  }

  async nextVmid(): Promise<number> {
    // The schema says integer; the server sends a string.
    const id = Number(await this.call('GET', '/cluster/nextid'));
    if (!Number.isInteger(id) || id < 100) throw unexpected('/cluster/nextid', 'is not a VM ID');
    return id;
  }

  async isVmidFree(vmid: number): Promise<boolean> {
    try {
      await this.call('GET', '/cluster/nextid', { vmid });
      return true;
    } catch (err) {
      if (err instanceof ProxmoxError && err.status === 400 && err.errors.vmid) return false;
      throw err;
    }
  }

  async pools(): Promise<Listed<Pool>> {
    return this.entries('/pools', undefined, toPool, 'poolid');
  }

  async permissions(path?: string): Promise<Permissions> {
    const data = await this.call('GET', '/access/permissions', path ? { path } : undefined);
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw unexpected('/access/permissions', 'is not an object');
    return toPermissions(data as Record<string, unknown>);
  }

  async tags(): Promise<ClusterTags> {
    return clusterTags(await this.record('/cluster/options'));
  }

  async storages(node: string, content: StorageContent): Promise<Listed<StorageInfo>> {
    return this.entries(nodePath(node, 'storage'), { content, format: 1 }, toStorage, 'storage');
  }

  isoImages(node: string, storage: string): Promise<Listed<IsoImage>> {
    return this.entries(contentPath(node, storage), { content: 'iso' }, toIso, 'volid');
  }

  importImages(node: string, storage: string): Promise<Listed<ImportImage>> {
    const path = contentPath(node, storage);
    return this.entries(path, { content: 'import' }, toImportImage, 'volid');
  }

  async bridges(node: string): Promise<Listed<Bridge>> {
    return this.entries(nodePath(node, 'network'), { type: 'any_bridge' }, toBridge, 'iface');
  }

  async cpuModels(node: string): Promise<Listed<CpuModel>> {
    return this.entries(nodePath(node, 'capabilities/qemu/cpu'), undefined, toCpuModel, 'name');
  }

  async machineVersions(node: string): Promise<Listed<MachineVersion>> {
    const path = nodePath(node, 'capabilities/qemu/machines');
    return this.entries(path, undefined, toMachineVersion, 'id');
  }

  async nodeLoadHistory(node: string): Promise<NodeLoadPoint[]> {
    return toLoadPoints(await this.list(nodePath(node, 'rrddata'), { timeframe: 'hour' }));
  }

  async nodeArch(node: string): Promise<NodeArch> {
    type Status = { 'current-kernel'?: { machine?: unknown } } | null;
    const status = (await this.call('GET', nodePath(node, 'status'))) as Status;
    const machine = status?.['current-kernel']?.machine;
    return machine === 'x86_64' || machine === 'aarch64' ? machine : 'other';
  }

  async createVm(node: string, params: ApiParams): Promise<string> {
    return taskId(await this.call('POST', nodePath(node, 'qemu'), params), 'create');
  }

  async taskStatus(upid: string): Promise<TaskStatus> {
    return toTaskStatus(upid, await this.call('GET', taskPath(upid, 'status')));
  }

  async taskLog(upid: string, start = 0): Promise<string[]> {
    const lines = (await this.list(taskPath(upid, 'log'), { start, limit: 0 })).filter(isEntry);
    return lines.map((l) => str(l.t) ?? '');
  }

  async guestTasks(node: string, vmid: number, type: string): Promise<TaskSummary[]> {
    const params = { vmid, typefilter: type, source: 'all', limit: 50 };
    return (await this.list(nodePath(node, 'tasks'), params)).filter(isEntry).map(toTaskSummary);
  }

  async updateVmConfig(node: string, vmid: number, params: ApiParams): Promise<void> {
    await this.call('PUT', `/nodes/${encodeURIComponent(node)}/qemu/${vmid}/config`, params);
  }

  async findVm(vmid: number): Promise<{ node: string; lock?: string } | undefined> {
    const vm = (await this.list('/cluster/resources', { type: 'vm' }))
      .filter(isEntry)
      .find((r) => Number(r.vmid) === vmid);
    if (!vm) return undefined;
    const lock = str(vm.lock);
    return { node: str(vm.node) ?? '', ...(lock ? { lock } : {}) };
  }

  async startVm(node: string, vmid: number): Promise<string> {
    return taskId(await this.call('POST', nodePath(node, `qemu/${vmid}/status/start`)), 'start');
  }

  async addHaResource(resource: HaResource): Promise<void> {
    await this.call('POST', '/cluster/ha/resources', { sid: resource.sid, state: resource.state });
  }
}
