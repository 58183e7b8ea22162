/**
 * The create call, exactly once: after an unknown outcome (`resume`) look first and adopt what
 * arrived; else note the `qmcreate` tasks already there, post, and when the answer carries no
 * verdict look for the call's task or VM over a window.
 */
import { ProxmoxError } from '../errors';
import type { ProxmoxApi } from '../proxmox-api';
import { isSuccess, type Clock } from '../tasks';
import { backoffMs, isTransient } from '../transient';
import { messageOf, noVerdict } from './failures';
import type { CreationRequest, PendingCreate, Run } from './types';

type Found = { kind: 'task'; upid: string } | { kind: 'vm'; node: string } | { kind: 'none' };

/** The create call is under way: its task (when known), or how it ended before one ran. */
export type Begun =
  | { upid?: string; pending: PendingCreate }
  | {
      outcome:
        | { kind: 'failed'; message: string; errors: Record<string, string> }
        | { kind: 'unknown'; message: string };
      pending: PendingCreate;
    };

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

/** An earlier call that arrived after all is adopted; else what to post with. */
async function adoptEarlier(
  run: Run,
  earlier: PendingCreate,
): Promise<{ begun: Begun } | { pending: PendingCreate }> {
  const found = await lookForCreate(run.api, earlier, run.clock, 0);
  if (found.kind === 'vm') {
    run.mark('create', 'done', `the earlier create call arrived after all: VM ${run.vmid} exists`);
    return { begun: { pending: earlier } };
  }
  if (found.kind !== 'task') return { pending: earlier };
  const task = await run.api.taskStatus(found.upid).catch(() => undefined);
  const pending = { ...earlier, knownTasks: [...(earlier.knownTasks ?? []), found.upid] };
  // A failed earlier task left no VM: create anew.
  if (task?.status === 'stopped' && !isSuccess(task.exitStatus ?? '')) return { pending };
  run.mark('create', 'done', `the earlier create call arrived after all (task ${found.upid})`);
  return { begun: { upid: found.upid, pending } };
}

async function postCreate(
  run: Run,
  request: CreationRequest,
  pending: PendingCreate,
): Promise<Begun> {
  const { api, vmid, mark } = run;
  try {
    const upid = await api.createVm(run.node, request.params);
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
    const found = await lookForCreate(api, pending, run.clock, run.lookupMs);
    if (found.kind === 'none') {
      mark('create', 'unknown', `no answer, and VM ${vmid} did not appear`);
      const message = `The create call got no answer (${noVerdict(err)}) and VM ${vmid} did not appear within ${Math.round(run.lookupMs / 1000)} s`;
      return { outcome: { kind: 'unknown', message }, pending };
    }
    mark('create', 'done', 'the answer was lost, but the create call arrived');
    return { upid: found.kind === 'task' ? found.upid : undefined, pending };
  }
}

export async function beginCreate(run: Run, request: CreationRequest): Promise<Begun> {
  let pending: PendingCreate;
  if (request.resume) {
    const resumed = await adoptEarlier(run, request.resume);
    if ('begun' in resumed) return resumed.begun;
    pending = resumed.pending;
  } else {
    const before = await run.api.guestTasks(run.node, run.vmid, 'qmcreate').catch(() => undefined);
    pending = { node: run.node, vmid: run.vmid, knownTasks: before?.map((t) => t.upid) };
  }
  return postCreate(run, request, pending);
}
