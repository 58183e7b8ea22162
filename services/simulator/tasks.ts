/** Tasks with UPIDs: they run for a set time on the simulator's clock and then finish once. */
import type { ClusterState, SimTask } from './state';

let pid = 0x1000;

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

export function makeUpid(
  node: string,
  type: string,
  id: string,
  user: string,
  nowMs: number,
): string {
  pid += 1;
  return `UPID:${node}:${hex(pid, 8)}:${hex(0x4a0000 + pid, 8)}:${hex(Math.floor(nowMs / 1000), 8)}:${type}:${id}:${user}:`;
}

export interface UpidParts {
  node: string;
  type: string;
  id: string;
  user: string;
}

export function parseUpid(upid: string): UpidParts | undefined {
  const m =
    /^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-F]{8}):([0-9A-F]{8,9}):([0-9A-F]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$/.exec(
      upid,
    );
  if (!m) return undefined;
  return { node: m[1]!, type: m[6]!, id: m[7]!, user: m[8]! };
}

export function startTask(
  state: ClusterState,
  init: Omit<SimTask, 'upid' | 'finished' | 'log'> & { log?: string[] },
): SimTask {
  const task: SimTask = {
    ...init,
    upid: makeUpid(init.node, init.type, init.id, init.user, init.start),
    log: init.log ?? [],
    finished: false,
  };
  state.tasks.set(task.upid, task);
  return task;
}

/** Run part-way work and finish every task whose time is up (before each request is answered). */
export function settleTasks(state: ClusterState, nowMs: number): void {
  for (const task of state.tasks.values()) {
    // Part-way work comes first, also when the task ends in the same call.
    if (!task.finished && task.midway && nowMs >= task.midway.at) {
      const { run } = task.midway;
      task.midway = undefined;
      run();
    }
    if (!task.finished && nowMs >= task.start + task.duration) {
      task.finished = true;
      task.finish?.();
      task.exitstatus ??= 'OK';
      const warnings = /^WARNINGS: \d+$/.test(task.exitstatus);
      task.log.push(
        task.exitstatus === 'OK'
          ? 'TASK OK'
          : warnings
            ? `TASK ${task.exitstatus}`
            : `TASK ERROR: ${task.exitstatus}`,
      );
    }
  }
}
