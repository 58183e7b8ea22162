/**
 * The create task: followed to its end (only `OK` or `WARNINGS: n` mean the VM exists); when
 * the VM is there but its task cannot be seen, the create lock is watched instead.
 */
import type { ProxmoxApi } from '../proxmox-api';
import { waitForTask, type Clock, type TaskResult } from '../tasks';
import { backoffMs } from '../transient';
import { messageOf } from './failures';
import type { Run } from './types';

/** How the task stage ended: the VM exists, it does not, or nobody can tell. */
export type TaskOutcome =
  | { kind: 'done'; warnings: number }
  | { kind: 'failed'; message: string; log: string[] }
  | { kind: 'unknown'; message: string };

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

async function followTask(run: Run, upid: string): Promise<TaskOutcome> {
  const { log, mark } = run;
  mark('task', 'running');
  let result: TaskResult;
  try {
    result = await waitForTask(run.api, upid, {
      clock: run.clock,
      onLog: (lines) => {
        log.push(...lines);
        mark('task', 'running');
      },
    });
  } catch (err) {
    mark('task', 'unknown', `its end is unknown: ${messageOf(err)}`);
    return { kind: 'unknown', message: `The create task's end is unknown (${messageOf(err)})` };
  }
  log.splice(0, log.length, ...result.log);
  if (!result.ok) {
    mark('task', 'failed', result.exitStatus);
    return { kind: 'failed', message: result.exitStatus, log: result.log };
  }
  mark('task', 'done', result.exitStatus);
  return { kind: 'done', warnings: result.warnings };
}

/** The VM is there but its task is not (the task list could not be read): watch its lock. */
async function watchLock(run: Run): Promise<TaskOutcome> {
  const { vmid, mark } = run;
  mark('task', 'running', 'the task is not visible; waiting for the create lock to go');
  const state = await waitForUnlock(run.api, vmid, run.clock, run.lockedMs);
  if (state === 'gone') {
    mark('task', 'failed', `VM ${vmid} is gone again: its create task failed`);
    return {
      kind: 'failed',
      message: `The create call arrived, but VM ${vmid} is gone again: its create task failed (the task could not be read)`,
      log: [],
    };
  }
  if (state === 'locked') {
    mark('task', 'unknown', `VM ${vmid} is still being created`);
    return { kind: 'unknown', message: `VM ${vmid} is still locked by its create task` };
  }
  mark('task', 'done', `VM ${vmid} exists and is no longer locked`);
  return { kind: 'done', warnings: 0 };
}

export function awaitCreateTask(run: Run, upid: string | undefined): Promise<TaskOutcome> {
  return upid ? followTask(run, upid) : watchLock(run);
}
