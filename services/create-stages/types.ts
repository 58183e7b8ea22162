/** The shapes of a VM creation: the request, its stages as shown while they run, the result. */
import type { ApiParams, ProxmoxApi } from '../proxmox-api';
import type { Clock } from '../tasks';

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
  /** The serial console set after the create; `serial0=socket`, `vga=serial0` when left out. */
  serial?: ApiParams;
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

export type Mark = (stage: Stage, state: StageState, detail?: string) => void;

/** One creation under way: what every stage works with. */
export interface Run {
  api: ProxmoxApi;
  node: string;
  vmid: number;
  clock: Clock;
  /** How long `VM is locked` answers are retried. */
  lockedMs: number;
  /** How long a call whose answer was lost is looked for. */
  lookupMs: number;
  /** The create task's log so far. */
  log: string[];
  /** Sets a stage's state and reports the progress. */
  mark: Mark;
}
