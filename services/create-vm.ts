/**
 * Creating the VM, in order: the create call, waiting for its task (only `OK` or `WARNINGS: n`
 * mean the VM exists), the serial console (`serial0=socket`, `vga=serial0`, retried while the
 * VM is locked), HA (with the create call on 9.1+, else as a resource afterwards). A VM is never
 * created twice: when the answer to the create call is lost, the cluster is asked first.
 */
import { ProxmoxError } from './errors';
import type { ApiParams, ProxmoxApi } from './proxmox-api';
import { realClock, waitForTask, type Clock } from './tasks';

export type Stage = 'create' | 'task' | 'serial' | 'ha' | 'start';
export type StageState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface Progress {
  stages: Record<Stage, { state: StageState; detail?: string }>;
  /** Lines of the create task's log so far. */
  log: string[];
}

export interface CreationRequest {
  node: string;
  vmid: number;
  params: ApiParams;
  /** `param`: `ha-managed=1` is in the create call; `resource`: add it afterwards. */
  ha: 'param' | 'resource' | 'none';
  clock?: Clock;
  onProgress?: (progress: Progress) => void;
  /** How often a `VM is locked` answer is retried, a second apart. */
  lockedRetries?: number;
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
      started: boolean;
    }
  | {
      kind: 'failed';
      /** No VM exists: the user can change the answers and try again. */
      message: string;
      errors: Record<string, string>;
      log: string[];
    };

const STAGES: Stage[] = ['create', 'task', 'serial', 'ha', 'start'];

async function retryLocked<T>(work: () => Promise<T>, clock: Clock, retries: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof ProxmoxError) || err.kind !== 'locked' || attempt >= retries) throw err;
      await clock.sleep(1000);
    }
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function createVm(api: ProxmoxApi, request: CreationRequest): Promise<CreationResult> {
  const clock = request.clock ?? realClock;
  const retries = request.lockedRetries ?? 10;
  const progress: Progress = {
    stages: Object.fromEntries(STAGES.map((s) => [s, { state: 'pending' }])) as Progress['stages'],
    log: [],
  };
  const mark = (stage: Stage, state: StageState, detail?: string) => {
    progress.stages[stage] = { state, detail };
    request.onProgress?.({ stages: { ...progress.stages }, log: [...progress.log] });
  };
  const { node, vmid } = request;

  mark('create', 'running');
  let upid: string | undefined;
  try {
    upid = await api.createVm(node, request.params);
    mark('create', 'done');
  } catch (err) {
    const lost =
      err instanceof ProxmoxError &&
      (err.kind === 'network' || err.kind === 'timeout') &&
      err.status === 0;
    if (!lost) {
      mark('create', 'failed', messageOf(err));
      return {
        kind: 'failed',
        message: messageOf(err),
        errors: err instanceof ProxmoxError ? err.errors : {},
        log: [],
      };
    }
    // The call may have arrived: look before anything is sent again.
    const found = await api.findVm(vmid).catch(() => undefined);
    if (!found) {
      mark('create', 'failed', messageOf(err));
      return {
        kind: 'failed',
        message: `${messageOf(err)}; no VM ${vmid} was created`,
        errors: {},
        log: [],
      };
    }
    mark('create', 'done', `the answer was lost, but VM ${vmid} exists on ${found.node}`);
  }

  let warnings = 0;
  if (upid) {
    mark('task', 'running');
    const result = await waitForTask(api, upid, {
      clock,
      onLog: (lines) => {
        progress.log.push(...lines);
        mark('task', 'running');
      },
    });
    if (!result.ok) {
      mark('task', 'failed', result.exitStatus);
      return { kind: 'failed', message: result.exitStatus, errors: {}, log: result.log };
    }
    warnings = result.warnings;
    progress.log = result.log;
    mark('task', 'done', result.exitStatus);
  } else {
    mark('task', 'skipped', 'task id unknown');
  }

  mark('serial', 'running');
  let serial: FollowUp;
  try {
    await retryLocked(
      () => api.updateVmConfig(node, vmid, { serial0: 'socket', vga: 'serial0' }),
      clock,
      retries,
    );
    serial = { ok: true };
    mark('serial', 'done');
  } catch (err) {
    serial = { ok: false, message: messageOf(err) };
    mark('serial', 'failed', serial.message);
  }

  let ha: FollowUp | 'skipped' = 'skipped';
  if (request.ha === 'param') {
    ha = { ok: true };
    mark('ha', 'done', 'added by the create task');
  } else if (request.ha === 'resource') {
    mark('ha', 'running');
    try {
      const state = request.params.start ? 'started' : 'stopped';
      await retryLocked(() => api.addHaResource({ sid: `vm:${vmid}`, state }), clock, retries);
      ha = { ok: true };
      mark('ha', 'done');
    } catch (err) {
      ha = { ok: false, message: messageOf(err) };
      mark('ha', 'failed', ha.message);
    }
  } else mark('ha', 'skipped');

  const started = !!request.params.start;
  mark(
    'start',
    started ? 'done' : 'skipped',
    started ? 'start requested (a task of its own)' : undefined,
  );
  return { kind: 'created', node, vmid, warnings, log: progress.log, serial, ha, started };
}

/** Configure the serial console again (after it failed). */
export async function configureSerial(
  api: ProxmoxApi,
  node: string,
  vmid: number,
  clock: Clock = realClock,
): Promise<FollowUp> {
  try {
    await retryLocked(
      () => api.updateVmConfig(node, vmid, { serial0: 'socket', vga: 'serial0' }),
      clock,
      10,
    );
    return { ok: true };
  } catch (err) {
    return { ok: false, message: messageOf(err) };
  }
}
