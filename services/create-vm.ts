/**
 * Creating the VM, in order: the create call (without `start`), waiting for its task (only `OK`
 * or `WARNINGS: n` mean the VM exists), the serial console (`serial0=socket`, `vga=serial0`),
 * HA (with the create call on 9.1+, else as a resource afterwards), then the start — so the
 * first boot already has the serial console. Nothing is sent for the VM while its create task
 * runs.
 *
 * A VM is never created twice: when the create call gets no verdict (no answer, a reset, a
 * timeout, 595/596, a bare 5xx), the server is asked over a window whether the call arrived —
 * a new `qmcreate` task for the VM ID, or the VM itself — and that task is followed like a
 * normal create. When nothing shows up, the outcome is reported as unknown, with what to look
 * at, and a later attempt (`resume`) looks again before it posts.
 */
import { ProxmoxError } from './errors';
import type { ApiParams, ProxmoxApi } from './proxmox-api';
import { isSuccess, realClock, waitForTask, type Clock, type TaskResult } from './tasks';
import { backoffMs, isTransient } from './transient';

export type Stage = 'create' | 'task' | 'serial' | 'ha' | 'start';
/** `unknown`: the server could not tell how the stage ended (it may have worked). */
export type StageState = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'unknown';
export type StageReport = Record<Stage, { state: StageState; detail?: string }>;

export interface Progress {
  stages: StageReport;
  /** Lines of the create task's log so far. */
  log: string[];
}

/** A create whose outcome is unknown: what a later attempt needs to look for it. */
export interface PendingCreate {
  node: string;
  vmid: number;
  /** The `qmcreate` tasks for this VM ID that existed before the create call (unknown: absent). */
  knownTasks?: string[];
}

export interface CreationRequest {
  node: string;
  vmid: number;
  /** The create call's parameters; `start` is not among them (see `start`). */
  params: ApiParams;
  /** `param`: `ha-managed=1` is in the create call; `resource`: add it afterwards. */
  ha: 'param' | 'resource' | 'none';
  /** Start the VM once it is configured. */
  start?: boolean;
  clock?: Clock;
  onProgress?: (progress: Progress) => void;
  /** How long `VM is locked` answers (a lock that outlives the task) are retried. */
  lockedMs?: number;
  /** How long to look for a create whose answer was lost. */
  lookupMs?: number;
  /** An earlier attempt's outcome was unknown: look for it before creating. */
  resume?: PendingCreate;
}

export type FollowUp = { ok: true } | { ok: false; message: string };

export type CreationResult =
  | {
      kind: 'created';
      node: string;
      vmid: number;
      warnings: number;
      log: string[];
      serial: FollowUp;
      ha: FollowUp | 'skipped';
      start: FollowUp | 'skipped';
      /** The start went through HA (a `hastart` task: HA boots the VM). */
      startViaHa: boolean;
      /** What happened in each stage, as shown while it ran. */
      stages: StageReport;
    }
  | {
      kind: 'failed';
      /** No VM exists: the user can change the answers and try again. */
      message: string;
      errors: Record<string, string>;
      log: string[];
    }
  | {
      kind: 'unknown';
      /** It is not known whether the VM exists: say so, and how to find out. */
      message: string;
      node: string;
      vmid: number;
      log: string[];
      pending: PendingCreate;
    };

const STAGES: Stage[] = ['create', 'task', 'serial', 'ha', 'start'];
const LOCKED_MS = 2 * 60 * 1000;
const LOOKUP_MS = 2 * 60 * 1000;

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
/** A failure without a verdict, with its HTTP status when there was one (`595 No route to host`). */
const noVerdict = (err: unknown) =>
  err instanceof ProxmoxError && err.status >= 500
    ? `${err.status} ${err.message}`
    : messageOf(err);
const isLocked = (err: unknown) => err instanceof ProxmoxError && err.kind === 'locked';

/** How to check by hand whether the VM exists. */
function howToCheck(node: string, vmid: number): string {
  return `check with \`qm status ${vmid}\` on ${node} or the web UI's task list before creating it again`;
}

/**
 * Repeat `work` while the VM is locked or the answer is lost, with backoff, for at most
 * `boundMs`. Only for calls that may be repeated (setting the same options again).
 */
async function retrying<T>(work: () => Promise<T>, clock: Clock, boundMs: number): Promise<T> {
  const until = clock.now() + boundMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!(isLocked(err) || isTransient(err)) || clock.now() >= until) throw err;
      await clock.sleep(backoffMs(attempt));
    }
  }
}

type Found = { kind: 'task'; upid: string } | { kind: 'vm'; node: string } | { kind: 'none' };

/**
 * Did a create call for `vmid` arrive? A `qmcreate` task that was not there before is its task;
 * without that list, a running one, or the newest one when the VM exists. Asked again with
 * backoff until `windowMs` passed (a create may reach the node late).
 */
async function lookForCreate(
  api: ProxmoxApi,
  pending: PendingCreate,
  clock: Clock,
  windowMs: number,
): Promise<Found> {
  const { node, vmid, knownTasks } = pending;
  const until = clock.now() + windowMs;
  for (let attempt = 0; ; attempt++) {
    const vm = await api.findVm(vmid).catch(() => undefined);
    const tasks = await api.guestTasks(node, vmid, 'qmcreate').catch(() => undefined);
    const fresh = tasks?.filter((t) => !knownTasks?.includes(t.upid)) ?? [];
    const ours = knownTasks
      ? fresh[0]
      : (fresh.find((t) => t.status === 'running') ?? (vm ? fresh[0] : undefined));
    if (ours) return { kind: 'task', upid: ours.upid };
    if (vm) return { kind: 'vm', node: vm.node };
    if (clock.now() >= until) return { kind: 'none' };
    await clock.sleep(backoffMs(attempt, 15_000));
  }
}

/** The VM exists but its task cannot be seen: wait for the create lock to go. */
async function waitForUnlock(
  api: ProxmoxApi,
  vmid: number,
  clock: Clock,
  boundMs: number,
): Promise<'exists' | 'gone' | 'locked'> {
  const until = clock.now() + boundMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const vm = await api.findVm(vmid);
      if (!vm) return 'gone';
      if (vm.lock !== 'create') return 'exists';
    } catch {
      // Asked again below.
    }
    if (clock.now() >= until) return 'locked';
    await clock.sleep(backoffMs(attempt));
  }
}

type Mark = (stage: Stage, state: StageState, detail?: string) => void;

/** The create call is under way: its task (when known), or how it ended before one ran. */
type Begun =
  | { upid?: string; pending: PendingCreate }
  | {
      outcome:
        | { kind: 'failed'; message: string; errors: Record<string, string> }
        | { kind: 'unknown'; message: string };
      pending: PendingCreate;
    };

/**
 * Get the create going exactly once: after an unknown outcome (`resume`) look first and adopt
 * what arrived; else note the `qmcreate` tasks already there, post, and when the answer carries
 * no verdict look for the call's task or VM over the window.
 */
async function beginCreate(
  api: ProxmoxApi,
  request: CreationRequest,
  clock: Clock,
  lookupMs: number,
  mark: Mark,
): Promise<Begun> {
  const { node, vmid } = request;
  let pending: PendingCreate;
  if (request.resume) {
    pending = request.resume;
    const found = await lookForCreate(api, pending, clock, 0);
    if (found.kind === 'vm') {
      mark('create', 'done', `the earlier create call arrived after all: VM ${vmid} exists`);
      return { pending };
    }
    if (found.kind === 'task') {
      const task = await api.taskStatus(found.upid).catch(() => undefined);
      pending = { ...pending, knownTasks: [...(pending.knownTasks ?? []), found.upid] };
      // A failed earlier task left no VM: create anew.
      if (task?.status !== 'stopped' || isSuccess(task.exitStatus ?? '')) {
        mark('create', 'done', `the earlier create call arrived after all (task ${found.upid})`);
        return { upid: found.upid, pending };
      }
    }
  } else {
    const before = await api.guestTasks(node, vmid, 'qmcreate').catch(() => undefined);
    pending = { node, vmid, knownTasks: before?.map((t) => t.upid) };
  }

  try {
    const upid = await api.createVm(node, request.params);
    mark('create', 'done');
    return { upid, pending };
  } catch (err) {
    if (err instanceof ProxmoxError && err.kind === 'cancelled') {
      mark('create', 'unknown', 'cancelled while the create call was under way');
      return {
        outcome: { kind: 'unknown', message: 'Cancelled while the create call was under way' },
        pending,
      };
    }
    if (!isTransient(err)) {
      mark('create', 'failed', messageOf(err));
      const errors = err instanceof ProxmoxError ? err.errors : {};
      return { outcome: { kind: 'failed', message: messageOf(err), errors }, pending };
    }
    // No verdict: the call may have arrived. Look before anything else is sent.
    mark('create', 'running', `no answer (${noVerdict(err)}); looking for VM ${vmid}`);
    const found = await lookForCreate(api, pending, clock, lookupMs);
    if (found.kind === 'none') {
      mark('create', 'unknown', `no answer, and VM ${vmid} did not appear`);
      const message = `The create call got no answer (${noVerdict(err)}) and VM ${vmid} did not appear within ${Math.round(lookupMs / 1000)} s`;
      return { outcome: { kind: 'unknown', message }, pending };
    }
    mark('create', 'done', 'the answer was lost, but the create call arrived');
    return { upid: found.kind === 'task' ? found.upid : undefined, pending };
  }
}

export async function createVm(api: ProxmoxApi, request: CreationRequest): Promise<CreationResult> {
  const clock = request.clock ?? realClock;
  const lockedMs = request.lockedMs ?? LOCKED_MS;
  const lookupMs = request.lookupMs ?? LOOKUP_MS;
  const stages = Object.fromEntries(STAGES.map((s) => [s, { state: 'pending' }])) as StageReport;
  const log: string[] = [];
  const mark: Mark = (stage, state, detail) => {
    stages[stage] = { state, detail };
    request.onProgress?.({ stages: { ...stages }, log: [...log] });
  };
  const { node, vmid } = request;
  const unknown = (message: string, pending: PendingCreate): CreationResult => ({
    kind: 'unknown',
    message: `${message}. It is unknown whether VM ${vmid} was created: ${howToCheck(node, vmid)}.`,
    node,
    vmid,
    log: [...log],
    pending,
  });

  mark('create', 'running');
  const begun = await beginCreate(api, request, clock, lookupMs, mark);
  if ('outcome' in begun) {
    if (begun.outcome.kind === 'unknown') return unknown(begun.outcome.message, begun.pending);
    return {
      kind: 'failed',
      message: begun.outcome.message,
      errors: begun.outcome.errors,
      log: [],
    };
  }
  const { upid, pending } = begun;

  let warnings = 0;
  if (upid) {
    mark('task', 'running');
    let result: TaskResult;
    try {
      result = await waitForTask(api, upid, {
        clock,
        onLog: (lines) => {
          log.push(...lines);
          mark('task', 'running');
        },
      });
    } catch (err) {
      mark('task', 'unknown', `its end is unknown: ${messageOf(err)}`);
      return unknown(`The create task's end is unknown (${messageOf(err)})`, pending);
    }
    log.splice(0, log.length, ...result.log);
    if (!result.ok) {
      mark('task', 'failed', result.exitStatus);
      return { kind: 'failed', message: result.exitStatus, errors: {}, log: result.log };
    }
    warnings = result.warnings;
    mark('task', 'done', result.exitStatus);
  } else {
    // The VM is there but its task is not (the task list could not be read): watch its lock.
    mark('task', 'running', 'the task is not visible; waiting for the create lock to go');
    const state = await waitForUnlock(api, vmid, clock, lockedMs);
    if (state === 'gone') {
      mark('task', 'failed', `VM ${vmid} is gone again: its create task failed`);
      return {
        kind: 'failed',
        message: `The create call arrived, but VM ${vmid} is gone again: its create task failed (the task could not be read)`,
        errors: {},
        log: [],
      };
    }
    if (state === 'locked') {
      mark('task', 'unknown', `VM ${vmid} is still being created`);
      return unknown(`VM ${vmid} is still locked by its create task`, pending);
    }
    mark('task', 'done', `VM ${vmid} exists and is no longer locked`);
  }

  mark('serial', 'running');
  const serial = await setSerial(api, node, vmid, clock, lockedMs);
  mark('serial', serial.ok ? 'done' : 'failed', serial.ok ? undefined : serial.message);

  let ha: FollowUp | 'skipped' = 'skipped';
  if (request.ha === 'param') {
    ha = { ok: true };
    mark('ha', 'done', 'added by the create task');
  } else if (request.ha === 'resource') {
    mark('ha', 'running');
    ha = await addToHa(api, vmid, clock, lockedMs);
    mark('ha', ha.ok ? 'done' : 'failed', ha.ok ? undefined : ha.message);
  } else mark('ha', 'skipped', 'not requested');

  let start: FollowUp | 'skipped' = 'skipped';
  let startViaHa = false;
  if (!request.start) mark('start', 'skipped', 'not requested');
  else if (!serial.ok) {
    mark(
      'start',
      'skipped',
      `not started, so that the first boot has the serial console: configure it, then qm start ${vmid}`,
    );
  } else {
    mark('start', 'running');
    const started = await startVm(api, node, vmid, clock, lockedMs, lookupMs);
    start = started.outcome;
    startViaHa = started.viaHa;
    if (start.ok) {
      mark(
        'start',
        'done',
        startViaHa ? 'HA was asked to start it (hastart task OK)' : 'the start task ended OK',
      );
    } else mark('start', 'failed', start.message);
  }
  return {
    kind: 'created',
    node,
    vmid,
    warnings,
    log: [...log],
    serial,
    ha,
    start,
    startViaHa,
    stages: { ...stages },
  };
}

async function setSerial(
  api: ProxmoxApi,
  node: string,
  vmid: number,
  clock: Clock,
  boundMs: number,
): Promise<FollowUp> {
  try {
    await retrying(
      () => api.updateVmConfig(node, vmid, { serial0: 'socket', vga: 'serial0' }),
      clock,
      boundMs,
    );
    return { ok: true };
  } catch (err) {
    return { ok: false, message: messageOf(err) };
  }
}

/** Add the HA resource (stopped: the start, if any, comes after it). */
async function addToHa(
  api: ProxmoxApi,
  vmid: number,
  clock: Clock,
  boundMs: number,
): Promise<FollowUp> {
  let lost = false;
  try {
    await retrying(
      async () => {
        try {
          await api.addHaResource({ sid: `vm:${vmid}`, state: 'stopped' });
        } catch (err) {
          if (isTransient(err)) lost = true;
          throw err;
        }
      },
      clock,
      boundMs,
    );
    return { ok: true };
  } catch (err) {
    // An earlier attempt whose answer was lost may have added it.
    if (lost && err instanceof ProxmoxError && /already defined/.test(err.message))
      return { ok: true };
    return { ok: false, message: messageOf(err) };
  }
}

/**
 * Start the VM: `POST …/status/start`, and wait for its task. For an HA-managed VM qemu-server
 * itself turns this call into a `hastart` task (`ha-manager set vm:N --state started`, in
 * vm_start of PVE/API2/Qemu.pm on 8.x and 9.x), so the same call serves both; its task ending
 * OK means HA was asked, and HA then boots the VM. A start refused because the VM is locked
 * is asked again within the bound; a lost answer is looked for, never sent twice.
 */
async function startVm(
  api: ProxmoxApi,
  node: string,
  vmid: number,
  clock: Clock,
  boundMs: number,
  lookupMs: number,
): Promise<{ outcome: FollowUp; viaHa: boolean }> {
  const until = clock.now() + boundMs;
  const startTasks = async () => {
    const lists = await Promise.all(
      ['qmstart', 'hastart'].map((type) => api.guestTasks(node, vmid, type).catch(() => [])),
    );
    return lists.flat().map((t) => t.upid);
  };
  for (let attempt = 0; ; attempt++) {
    const known = await startTasks();
    let upid: string;
    try {
      upid = await api.startVm(node, vmid);
    } catch (err) {
      if (isLocked(err) && clock.now() < until) {
        await clock.sleep(backoffMs(attempt));
        continue;
      }
      if (!isTransient(err))
        return { outcome: { ok: false, message: messageOf(err) }, viaHa: false };
      const found = await lookForStart(known);
      if (!found) {
        return {
          outcome: {
            ok: false,
            message: `the start call got no answer (${noVerdict(err)}) and no start task appeared: check with \`qm status ${vmid}\``,
          },
          viaHa: false,
        };
      }
      upid = found;
    }
    const viaHa = upid.includes(':hastart:');
    let result: TaskResult;
    try {
      result = await waitForTask(api, upid, { clock });
    } catch (err) {
      return {
        outcome: { ok: false, message: `the start task's end is unknown: ${messageOf(err)}` },
        viaHa,
      };
    }
    if (result.ok) return { outcome: { ok: true }, viaHa };
    if (/\bis locked\b/.test(result.exitStatus) && clock.now() < until) {
      await clock.sleep(backoffMs(attempt));
      continue;
    }
    return { outcome: { ok: false, message: result.exitStatus }, viaHa };
  }

  async function lookForStart(known: string[]): Promise<string | undefined> {
    const lookUntil = clock.now() + lookupMs;
    for (let attempt = 0; ; attempt++) {
      const fresh = (await startTasks()).find((u) => !known.includes(u));
      if (fresh) return fresh;
      if (clock.now() >= lookUntil) return undefined;
      await clock.sleep(backoffMs(attempt, 15_000));
    }
  }
}

/** Configure the serial console again (after it failed). */
export function configureSerial(
  api: ProxmoxApi,
  node: string,
  vmid: number,
  clock: Clock = realClock,
): Promise<FollowUp> {
  return setSerial(api, node, vmid, clock, LOCKED_MS);
}
