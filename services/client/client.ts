/**
 * ProxmoxApi over HTTPS with axios, as Proxmox VE expects it: `/api2/json`, form bodies,
 * ticket cookie + CSRF header (renewed before the two hours run out) or an API token, the
 * second-factor flow, typed errors, bounded calls (a total deadline and a maximum answer size)
 * and cancellation.
 */
import type { AxiosInstance, CreateAxiosDefaults, Method } from 'axios';
import { ProxmoxError, SessionExpiredError } from '../errors';
import type {
  ApiParams,
  Bridge,
  CpuModel,
  HaResource,
  IsoImage,
  Listed,
  LoginResult,
  NodeInfo,
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
import { encodeParams } from './form';
import { errorFromFailure, errorFromResponse } from './http-errors';
import {
  challengeOf,
  entriesOf,
  isEntry,
  str,
  toBridge,
  toCpuModel,
  toIso,
  toNode,
  toPermissions,
  toPool,
  toRealm,
  toStorage,
} from './shapes';
import { TrustingAgent, type TlsOptions } from './tls';

export interface ApiToken {
  /** `user@realm!tokenid` */
  id: string;
  secret: string;
}

export interface ClientOptions {
  server: string;
  tls?: TlsOptions;
  token?: ApiToken;
  /** Per call, from the request to the answer's last byte (not an idle timeout). */
  timeoutMs?: number;
  /** A larger answer is refused while it arrives, before it is parsed. */
  maxAnswerBytes?: number;
  /** Renew the ticket once it is this old (tickets live two hours). */
  renewAfterMs?: number;
  /** Milliseconds since the epoch (injectable for tests). */
  clock?: () => number;
}

interface Ticket {
  username: string;
  ticket: string;
  csrf: string;
  issuedAt: number;
}

interface PendingTfa {
  username: string;
  ticket: string;
  csrf: string;
}

/** Enough for thousands of VMs or ISO images; a hostile server cannot freeze or fill pvevm. */
export const DEFAULT_MAX_ANSWER_BYTES = 8 * 1024 * 1024;
/** Proxmox VE accepts a ticket for two hours after it was issued. */
const TICKET_LIFETIME_MS = 2 * 3600 * 1000;
/** A renewal that meets a network error, a timeout or a 5xx is tried once more at once. */
const RENEWAL_TRIES = 2;

interface Envelope {
  data?: unknown;
  total?: number;
}

export class ProxmoxClient implements ProxmoxApi {
  readonly address: ServerAddress;
  /** axios is loaded with the first call, so starting pvevm does not wait for it. */
  private http: Promise<AxiosInstance> | undefined;
  private readonly httpConfig: CreateAxiosDefaults;
  private readonly timeoutMs: number;
  private readonly maxAnswerBytes: number;
  private readonly renewAfterMs: number;
  private readonly clock: () => number;
  private readonly token: ApiToken | undefined;
  private ticket: Ticket | undefined;
  private pendingTfa: PendingTfa | undefined;
  private renewal: Promise<void> | undefined;
  /** Why the ticket was dropped: later calls fail as an expired session, not a bare 401. */
  private ended: string | undefined;
  private cachedVersion: Promise<VersionInfo> | undefined;
  private readonly inFlight = new Set<AbortController>();

  constructor(options: ClientOptions) {
    this.address = parseServer(options.server);
    this.timeoutMs = options.timeoutMs ?? 30000;
    this.maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.renewAfterMs = options.renewAfterMs ?? 3600 * 1000;
    this.clock = options.clock ?? Date.now;
    this.token = options.token;
    this.httpConfig = {
      baseURL: `${this.address.origin}/api2/json`,
      httpsAgent: new TrustingAgent(options.tls ?? {}),
      // Never through HTTPS_PROXY: axios would tunnel with an agent of its own, past the pinned
      // certificate check. Proxmox VE is reached directly (or through an SSH forward).
      proxy: false,
      // axios stops reading (and closes the connection) once an answer passes the limit.
      maxContentLength: this.maxAnswerBytes,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    };
  }

  private client(): Promise<AxiosInstance> {
    this.http ??= import('axios').then(({ default: axios }) => axios.create(this.httpConfig));
    return this.http;
  }

  /** Whether a session (ticket or token) is there to make calls with. */
  get authenticated(): boolean {
    return !!this.token || !!this.ticket;
  }

  cancelAll(): void {
    for (const c of this.inFlight) c.abort();
  }

  private async send(
    method: Method,
    path: string,
    params: ApiParams | undefined,
    authenticated: boolean,
  ): Promise<Envelope> {
    if (authenticated && !this.token) await this.freshTicket();
    const headers: Record<string, string> = {};
    if (authenticated && this.token) {
      headers.Authorization = `PVEAPIToken=${this.token.id}=${this.token.secret}`;
    } else if (authenticated && this.ticket) {
      headers.Cookie = `PVEAuthCookie=${encodeURIComponent(this.ticket.ticket)}`;
      if (method !== 'GET') headers.CSRFPreventionToken = this.ticket.csrf;
    }
    const encoded = encodeParams(params);
    const hasBody = method === 'POST' || method === 'PUT';
    if (hasBody) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const controller = new AbortController();
    this.inFlight.add(controller);
    const call = `${method} ${path}`;
    // A total deadline: axios' own timeout restarts with every byte, so a dripping server
    // could hold the call forever.
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      const http = await this.client();
      const res = await http.request<string>({
        method,
        url: !hasBody && encoded ? `${path}?${encoded}` : path,
        data: hasBody ? encoded : undefined,
        headers,
        signal: controller.signal,
      });
      const text = typeof res.data === 'string' ? res.data : '';
      if (res.status >= 300) {
        const error = errorFromResponse(res.status, res.statusText ?? '', text);
        if (res.status === 401 && authenticated && this.ticket)
          throw new SessionExpiredError(error.message);
        throw error;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ProxmoxError({
          kind: 'server',
          status: res.status,
          message: `The server sent an answer that is not JSON (${method} ${path})`,
        });
      }
      if (!body || typeof body !== 'object' || !('data' in body)) {
        throw new ProxmoxError({
          kind: 'server',
          status: res.status,
          message: `The server's answer has no data (${method} ${path})`,
        });
      }
      return body as Envelope;
    } catch (err) {
      throw errorFromFailure(err, {
        where: `${this.address.host}:${this.address.port}`,
        call,
        timeoutMs: this.timeoutMs,
        timedOut,
        maxAnswerBytes: this.maxAnswerBytes,
      });
    } finally {
      clearTimeout(deadline);
      this.inFlight.delete(controller);
    }
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

  /** An object answer; a list, a number or null is an unexpected shape. */
  private async record(path: string): Promise<Record<string, unknown>> {
    const data = await this.call('GET', path);
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw unexpected(path, 'is not an object');
    return data as Record<string, unknown>;
  }

  /** The ticket to call with: renewed when old, refused as an expired session when gone. */
  private async freshTicket(): Promise<void> {
    if (!this.ticket) {
      if (this.ended) throw new SessionExpiredError(this.ended);
      return;
    }
    const age = this.clock() - this.ticket.issuedAt;
    if (age >= TICKET_LIFETIME_MS) {
      this.endSession('the ticket is more than two hours old');
      throw new SessionExpiredError(this.ended!);
    }
    if (age >= this.renewAfterMs) await this.renew();
  }

  private endSession(why: string): void {
    this.ticket = undefined;
    this.ended = why;
  }

  private renew(): Promise<void> {
    this.renewal ??= this.renewTicket().finally(() => {
      this.renewal = undefined;
    });
    return this.renewal;
  }

  /**
   * The old ticket is the password. Only a 401 means it is gone; any other failure leaves it
   * valid for the rest of its two hours, so the call goes on with it and the next one renews.
   */
  private async renewTicket(): Promise<void> {
    const current = this.ticket!;
    for (let attempt = 1; ; attempt++) {
      try {
        const data = (
          await this.send(
            'POST',
            '/access/ticket',
            { username: current.username, password: current.ticket },
            false,
          )
        ).data as Record<string, unknown> | null;
        // A login in the meantime made a ticket of its own.
        if (this.ticket !== current) return;
        if (data && typeof data === 'object' && str(data.ticket)) this.adopt(data);
        return;
      } catch (err) {
        if (this.ticket !== current) return;
        if (err instanceof ProxmoxError && err.status === 401) {
          this.endSession('the ticket could not be renewed');
          throw new SessionExpiredError(this.ended!);
        }
        if (err instanceof ProxmoxError && err.kind === 'cancelled') throw err;
        if (!isTransient(err) || attempt >= RENEWAL_TRIES) return;
      }
    }
  }

  private adopt(data: Record<string, unknown>): Session {
    const username = str(data.username) ?? '';
    this.ticket = {
      username,
      ticket: str(data.ticket) ?? '',
      csrf: str(data.CSRFPreventionToken) ?? '',
      issuedAt: this.clock(),
    };
    return { username, clusterName: str(data.clustername) };
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

  async login(credentials: PasswordCredentials): Promise<LoginResult> {
    this.ticket = undefined;
    this.ended = undefined;
    this.pendingTfa = undefined;
    // `user@realm` already names the realm; sending both would make `user@realm@realm`.
    const params: ApiParams = { username: credentials.username, password: credentials.password };
    if (!credentials.username.includes('@') && credentials.realm) params.realm = credentials.realm;
    const data = (await this.send('POST', '/access/ticket', params, false)).data as Record<
      string,
      unknown
    > | null;
    if (!data || typeof data !== 'object')
      throw new ProxmoxError({ kind: 'auth', status: 401, message: 'authentication failure' });
    const ticket = str(data.ticket) ?? '';
    if (Number(data.NeedTFA) === 1 || ticket.startsWith('PVE:!tfa!')) {
      const username = str(data.username) ?? credentials.username;
      this.pendingTfa = { username, ticket, csrf: str(data.CSRFPreventionToken) ?? '' };
      return { kind: 'tfa', challenge: { username, ...challengeOf(ticket) } };
    }
    return { kind: 'ok', session: this.adopt(data) };
  }

  async completeTfa(response: TfaResponse): Promise<Session> {
    const pending = this.pendingTfa;
    if (!pending)
      throw new ProxmoxError({
        kind: 'auth',
        status: 0,
        message: 'No second factor was asked for: log in first',
      });
    const data = (
      await this.send(
        'POST',
        '/access/ticket',
        {
          username: pending.username,
          'tfa-challenge': pending.ticket,
          password: `${response.type}:${response.code.trim()}`,
        },
        false,
      )
    ).data as Record<string, unknown>;
    this.pendingTfa = undefined;
    return this.adopt(data);
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
    return entriesOf(await this.list('/nodes'), toNode, 'node');
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
    return entriesOf(await this.list('/pools'), toPool, 'poolid');
  }

  async permissions(path?: string): Promise<Permissions> {
    const data = await this.call('GET', '/access/permissions', path ? { path } : undefined);
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw unexpected('/access/permissions', 'is not an object');
    return toPermissions(data as Record<string, unknown>);
  }

  async tags(): Promise<string[]> {
    const tags = (await this.record('/cluster/options'))['allowed-tags'];
    return Array.isArray(tags) ? [...new Set(tags.map(String))].sort() : [];
  }

  async storages(node: string, content: StorageContent): Promise<Listed<StorageInfo>> {
    const path = `/nodes/${encodeURIComponent(node)}/storage`;
    return entriesOf(await this.list(path, { content, format: 1 }), toStorage, 'storage');
  }

  async isoImages(node: string, storage: string): Promise<Listed<IsoImage>> {
    const path = `/nodes/${encodeURIComponent(node)}/storage/${encodeURIComponent(storage)}/content`;
    return entriesOf(await this.list(path, { content: 'iso' }), toIso, 'volid');
  }

  async bridges(node: string): Promise<Listed<Bridge>> {
    const path = `/nodes/${encodeURIComponent(node)}/network`;
    return entriesOf(await this.list(path, { type: 'any_bridge' }), toBridge, 'iface');
  }

  async cpuModels(node: string): Promise<Listed<CpuModel>> {
    const path = `/nodes/${encodeURIComponent(node)}/capabilities/qemu/cpu`;
    return entriesOf(await this.list(path), toCpuModel, 'name');
  }

  async createVm(node: string, params: ApiParams): Promise<string> {
    return taskId(
      await this.call('POST', `/nodes/${encodeURIComponent(node)}/qemu`, params),
      'create',
    );
  }

  private taskPath(upid: string, leaf: string): string {
    const node = upid.split(':')[1] ?? '';
    return `/nodes/${encodeURIComponent(node)}/tasks/${encodeURIComponent(upid)}/${leaf}`;
  }

  async taskStatus(upid: string): Promise<TaskStatus> {
    const data = (await this.call('GET', this.taskPath(upid, 'status'))) as Record<string, unknown>;
    return {
      upid,
      node: str(data?.node) ?? '',
      status: data?.status === 'stopped' ? 'stopped' : 'running',
      exitStatus: str(data?.exitstatus),
    };
  }

  async taskLog(upid: string, start = 0): Promise<string[]> {
    const lines = (await this.list(this.taskPath(upid, 'log'), { start, limit: 0 })).filter(
      isEntry,
    );
    return lines.map((l) => str(l.t) ?? '');
  }

  async guestTasks(node: string, vmid: number, type: string): Promise<TaskSummary[]> {
    const path = `/nodes/${encodeURIComponent(node)}/tasks`;
    const tasks = (
      await this.list(path, { vmid, typefilter: type, source: 'all', limit: 50 })
    ).filter(isEntry);
    return tasks.map((t) => ({
      upid: str(t.upid) ?? '',
      type: str(t.type) ?? '',
      id: str(t.id) ?? '',
      // A running task has no end time yet; a finished one's status is its exit status.
      status: t.endtime === undefined && t.status === undefined ? 'running' : 'stopped',
      exitStatus: str(t.status),
    }));
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
    const path = `/nodes/${encodeURIComponent(node)}/qemu/${vmid}/status/start`;
    return taskId(await this.call('POST', path), 'start');
  }

  async addHaResource(resource: HaResource): Promise<void> {
    await this.call('POST', '/cluster/ha/resources', { sid: resource.sid, state: resource.state });
  }
}

/** What may well work a moment later: no answer, a timeout, a 5xx. */
function isTransient(err: unknown): boolean {
  if (!(err instanceof ProxmoxError)) return false;
  return err.kind === 'network' || err.kind === 'timeout' || err.status >= 500;
}

function unexpected(path: string, problem: string): ProxmoxError {
  return new ProxmoxError({
    kind: 'server',
    status: 200,
    message: `The server's answer to ${path} ${problem}`,
  });
}

/** The UPID a call that starts a task answers with; anything else is a broken answer. */
function taskId(data: unknown, call: string): string {
  if (typeof data === 'string' && data.startsWith('UPID:')) return data;
  throw new ProxmoxError({
    kind: 'server',
    status: 200,
    message: `The ${call} call did not return a task id`,
  });
}
