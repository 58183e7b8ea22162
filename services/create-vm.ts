/**
 * Creating the VM, in order: the create call (without `start`), waiting for its task (only `OK`
 * or `WARNINGS: n` mean the VM exists), the serial console (`serial0=socket`, `vga=serial0`)
 * and HA (with the create call on 9.1+, else as a resource afterwards) at once, then the
 * start — so the first boot already has the serial console. Nothing is sent for the VM while
 * its create task runs. The stages live in services/create-stages/.
 *
 * A VM is never created twice: when the create call gets no verdict (no answer, a reset, a
 * timeout, 595/596, a bare 5xx), the server is asked over a window whether the call arrived —
 * a new `qmcreate` task for the VM ID, or the VM itself — and that task is followed like a
 * normal create. When nothing shows up, the outcome is reported as unknown, with what to look
 * at, and a later attempt (`resume`) looks again before it posts.
 */
import { beginCreate } from './create-stages/begin-create';
import { awaitCreateTask } from './create-stages/create-task';
import { howToCheck } from './create-stages/failures';
import { runFollowUps, setSerial } from './create-stages/follow-ups';
import type {
  CreationRequest,
  CreationResult,
  FollowUp,
  PendingCreate,
  Run,
  Stage,
  StageReport,
} from './create-stages/types';
import type { ApiParams, ProxmoxApi } from './proxmox-api';
import { realClock, type Clock } from './tasks';

export type {
  CreationRequest,
  CreationResult,
  FollowUp,
  PendingCreate,
  Progress,
  Stage,
  StageReport,
  StageState,
} from './create-stages/types';

const STAGES: Stage[] = ['create', 'task', 'serial', 'ha', 'start'];
const LOCKED_MS = 2 * 60 * 1000;
const LOOKUP_MS = 2 * 60 * 1000;

function startRun(api: ProxmoxApi, request: CreationRequest): Run & { stages: StageReport } {
  const stages = Object.fromEntries(STAGES.map((s) => [s, { state: 'pending' }])) as StageReport;
  const log: string[] = [];
  return {
    api,
    node: request.node,
    vmid: request.vmid,
    clock: request.clock ?? realClock,
    lockedMs: request.lockedMs ?? LOCKED_MS,
    lookupMs: request.lookupMs ?? LOOKUP_MS,
    log,
    stages,
    mark: (stage, state, detail) => {
      stages[stage] = { state, detail };
      request.onProgress?.({ stages: { ...stages }, log: [...log] });
    },
  };
}

export async function createVm(api: ProxmoxApi, request: CreationRequest): Promise<CreationResult> {
  const run = startRun(api, request);
  const { node, vmid, log } = run;
  const unknown = (message: string, pending: PendingCreate): CreationResult => ({
    kind: 'unknown',
    message: `${message}. It is unknown whether VM ${vmid} was created: ${howToCheck(node, vmid)}.`,
    node,
    vmid,
    log: [...log],
    pending,
  });

  run.mark('create', 'running');
  const begun = await beginCreate(run, request);
  if ('outcome' in begun) {
    if (begun.outcome.kind === 'unknown') return unknown(begun.outcome.message, begun.pending);
    const { message, errors } = begun.outcome;
    return { kind: 'failed', message, errors, log: [] };
  }
  const task = await awaitCreateTask(run, begun.upid);
  if (task.kind === 'unknown') return unknown(task.message, begun.pending);
  if (task.kind === 'failed')
    return { kind: 'failed', message: task.message, errors: {}, log: task.log };
  const followUps = await runFollowUps(run, request);
  return {
    kind: 'created',
    node,
    vmid,
    warnings: task.warnings,
    log: [...log],
    ...followUps,
    stages: { ...run.stages },
  };
}

/** Configure the serial console again (after it failed). */
export function configureSerial(
  api: ProxmoxApi,
  node: string,
  vmid: number,
  clock: Clock = realClock,
  serial?: ApiParams,
): Promise<FollowUp> {
  return setSerial(api, node, vmid, clock, LOCKED_MS, serial);
}
