/**
 * The server's JSON as the typed shapes of ProxmoxApi: numbers that may come as strings, 0/1
 * flags, optional fields. Anything missing becomes an empty value, never a crash.
 */
import { ProxmoxError } from '../errors';
import type {
  Bridge,
  CpuModel,
  ImportImage,
  IsoImage,
  Listed,
  MachineVersion,
  NodeInfo,
  NodeLoadPoint,
  Permissions,
  Pool,
  Realm,
  StorageInfo,
  TaskStatus,
  TaskSummary,
  TfaChallenge,
} from '../proxmox-api';

type Json = Record<string, unknown>;

/** One entry of a list answer: an object; `null`, numbers and nested lists are not. */
export const isEntry = (v: unknown): v is Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The usable entries of a list answer, typed; `null`s, numbers, nested lists and entries
 * without their name (`{}`, `{"node": null}`) cannot be offered or chosen, so they are left out
 * and counted.
 */
export function entriesOf<T>(data: unknown[], shape: (entry: Json) => T, key: keyof T): Listed<T> {
  const entries = entryCollector(shape, key);
  for (const item of data) entries.add(item);
  return entries.done();
}

/**
 * {@link entriesOf} one entry at a time, as a streamed answer hands them on: each is shaped as
 * it comes, so only the compact copy is kept (lists run to 50k pools and 100k ISOs).
 */
export function entryCollector<T>(shape: (entry: Json) => T, key: keyof T) {
  const entries: Listed<T> = [];
  let seen = 0;
  return {
    add(item: unknown): void {
      seen++;
      if (!isEntry(item)) return;
      const entry = shape(item);
      if (entry[key] !== '') entries.push(entry);
    },
    done(): Listed<T> {
      if (entries.length < seen) entries.leftOut = seen - entries.length;
      return entries;
    },
  };
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The values as strings, sorted by UTF-16 code units (`Array.prototype.sort`'s order) and
 * without duplicates, in one pass when they come in order (the cluster's 200k tags do: sorting
 * them again took 100 ms).
 */
export function sortedUnique(values: readonly unknown[]): string[] {
  const strings = values.map(String);
  for (let i = 1; i < strings.length; i++) {
    if (strings[i - 1]! > strings[i]!) {
      strings.sort(byCodeUnit);
      break;
    }
  }
  const out: string[] = [];
  for (const s of strings) if (out.length === 0 || out[out.length - 1] !== s) out.push(s);
  return out;
}

export const str = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : String(v);
export const num = (v: unknown): number | undefined =>
  v === undefined || v === null || v === '' ? undefined : Number(v);

export const toRealm = (r: Json): Realm => ({
  realm: str(r.realm) ?? '',
  type: str(r.type) ?? '',
  comment: str(r.comment),
  isDefault: Number(r.default) === 1,
  tfa: str(r.tfa),
});

export const toNode = (n: Json): NodeInfo => ({
  node: str(n.node) ?? '',
  status: n.status === 'online' ? 'online' : n.status === 'offline' ? 'offline' : 'unknown',
  cpu: num(n.cpu),
  maxcpu: num(n.maxcpu),
  mem: num(n.mem),
  maxmem: num(n.maxmem),
});

/** RRD points: numbers only (a gap is a missing field); a point without a time is none. */
export const toLoadPoints = (data: unknown[]): NodeLoadPoint[] =>
  data.flatMap((p) => (isEntry(p) && toLoadPoint(p)) || []);

function toLoadPoint(p: Json): NodeLoadPoint | undefined {
  const time = num(p.time);
  if (time === undefined || !Number.isFinite(time)) return undefined;
  const point: NodeLoadPoint = { time };
  for (const key of ['cpu', 'maxcpu', 'memused', 'memtotal'] as const) {
    const value = num(p[key]);
    if (value !== undefined && Number.isFinite(value) && value >= 0) point[key] = value;
  }
  return point;
}

export const toPool = (p: Json): Pool => ({ poolid: str(p.poolid) ?? '', comment: str(p.comment) });

export const toStorage = (s: Json): StorageInfo => ({
  storage: str(s.storage) ?? '',
  type: str(s.type) ?? '',
  content: (str(s.content) ?? '').split(',').filter(Boolean),
  enabled: Number(s.enabled ?? 1) === 1,
  active: Number(s.active) === 1,
  shared: Number(s.shared) === 1,
  total: num(s.total),
  used: num(s.used),
  avail: num(s.avail),
});

export const toIso = (i: Json): IsoImage => ({
  volid: str(i.volid) ?? '',
  size: num(i.size) ?? 0,
  ctime: num(i.ctime),
});

export const toImportImage = (i: Json): ImportImage => ({
  volid: str(i.volid) ?? '',
  format: str(i.format) ?? '',
  size: num(i.size) ?? 0,
});

export const toBridge = (b: Json): Bridge => ({
  iface: str(b.iface) ?? '',
  type: str(b.type) ?? '',
  active: Number(b.active) === 1,
  comments: str(b.comments)?.trim(),
});

export const toCpuModel = (c: Json): CpuModel => ({
  name: str(c.name) ?? '',
  vendor: str(c.vendor) ?? '',
  custom: Number(c.custom) === 1,
});

export const toMachineVersion = (m: Json): MachineVersion => ({
  id: str(m.id) ?? '',
  type: str(m.type) ?? '',
  version: str(m.version) ?? '',
  ...(str(m.changes) === undefined ? {} : { changes: str(m.changes) }),
});

/** `{ "/vms": { "VM.Allocate": 1 } }`: the 0/1 propagate flags as booleans. */
export function toPermissions(data: Json): Permissions {
  const out: Permissions = {};
  for (const [path, privileges] of Object.entries(data)) {
    if (!privileges || typeof privileges !== 'object' || Array.isArray(privileges)) continue;
    out[path] = Object.fromEntries(
      Object.entries(privileges as Json).map(([privilege, propagate]) => [
        privilege,
        Number(propagate) === 1,
      ]),
    );
  }
  return out;
}

/** The factors a `PVE:!tfa!{…}` half ticket offers. */
export function challengeOf(ticket: string): Omit<TfaChallenge, 'username'> {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(decodeURIComponent(ticket.split(':')[1]?.slice(5) ?? '{}')) as Record<
      string,
      unknown
    >;
  } catch {
    // An unreadable challenge offers nothing we know.
  }
  return {
    totp: !!data.totp,
    recovery: Array.isArray(data.recovery) && data.recovery.length > 0,
    yubico: !!data.yubico,
    webauthn: !!data.webauthn,
  };
}

export const toTaskStatus = (upid: string, data: unknown): TaskStatus => {
  const task = data as Json | null | undefined;
  return {
    upid,
    node: str(task?.node) ?? '',
    status: task?.status === 'stopped' ? 'stopped' : 'running',
    exitStatus: str(task?.exitstatus),
  };
};

export const toTaskSummary = (t: Json): TaskSummary => ({
  upid: str(t.upid) ?? '',
  type: str(t.type) ?? '',
  id: str(t.id) ?? '',
  // A running task has no end time yet; a finished one's status is its exit status.
  status: t.endtime === undefined && t.status === undefined ? 'running' : 'stopped',
  exitStatus: str(t.status),
});

/** An answer of the wrong shape: `The server's answer to /nodes is not a list`. */
export function unexpected(path: string, problem: string): ProxmoxError {
  return new ProxmoxError({
    kind: 'server',
    status: 200,
    message: `The server's answer to ${path} ${problem}`,
  });
}

/** The UPID a call that starts a task answers with; anything else is a broken answer. */
export function taskId(data: unknown, call: string): string {
  if (typeof data === 'string' && data.startsWith('UPID:')) return data;
  throw new ProxmoxError({
    kind: 'server',
    status: 200,
    message: `The ${call} call did not return a task id`,
  });
}
