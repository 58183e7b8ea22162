/**
 * Waiting for a Proxmox task: poll its status (quickly at first, every 250 ms for the first
 * minute so the user sees the result soon after the task ends, then once a second) until it
 * stopped. `OK` and `WARNINGS: n` mean success; anything else is the error, reported
 * with the tail of the task log. A brief 400 `no such task` right after the start is normal.
 */
import { ProxmoxError } from './errors';
import type { ProxmoxApi } from './proxmox-api';

/** Time for polling; tests pass one that advances instantly instead of sleeping. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface TaskResult {
  ok: boolean;
  /** `OK`, `WARNINGS: n`, or the error text. */
  exitStatus: string;
  warnings: number;
  /** The last lines of the task log (all of them up to `logTail` lines). */
  log: string[];
}

export interface WaitOptions {
  clock?: Clock;
  /** Give up after this long (the task keeps running on the server). */
  timeoutMs?: number;
  /** Lines of the log to keep for the result. */
  logTail?: number;
  /** Called with new log lines while the task runs. */
  onLog?: (lines: string[]) => void;
}

const POLL_STEPS_MS = [100, 200];
const POLL_MS = 250;
const SLOW_AFTER_MS = 60_000;
const SLOW_POLL_MS = 1000;
const NO_SUCH_TASK_TRIES = 5;

export function isSuccess(exitStatus: string): boolean {
  return exitStatus === 'OK' || /^WARNINGS: \d+$/.test(exitStatus);
}

export async function waitForTask(
  api: ProxmoxApi,
  upid: string,
  options: WaitOptions = {},
): Promise<TaskResult> {
  const clock = options.clock ?? realClock;
  const started = clock.now();
  const deadline = started + (options.timeoutMs ?? 30 * 60 * 1000);
  let polls = 0;
  let missing = 0;
  let seen = 0;
  const follow = async () => {
    if (!options.onLog) return;
    const lines = await api.taskLog(upid, seen);
    const fresh = lines.filter((l) => l !== 'no content');
    if (fresh.length > 0) {
      seen += fresh.length;
      options.onLog(fresh);
    }
  };
  for (;;) {
    try {
      const status = await api.taskStatus(upid);
      missing = 0;
      await follow();
      if (status.status === 'stopped') {
        const exitStatus = status.exitStatus ?? 'unexpected status';
        const log = (await api.taskLog(upid, 0)).slice(-(options.logTail ?? 20));
        const warnings = Number(/^WARNINGS: (\d+)$/.exec(exitStatus)?.[1] ?? 0);
        return { ok: isSuccess(exitStatus), exitStatus, warnings, log };
      }
    } catch (err) {
      const noSuchTask =
        err instanceof ProxmoxError &&
        err.status === 400 &&
        /no such task/.test(err.errors.upid ?? '');
      if (!noSuchTask || ++missing > NO_SUCH_TASK_TRIES) throw err;
    }
    if (clock.now() >= deadline) {
      throw new ProxmoxError({
        kind: 'timeout',
        status: 0,
        message: `Task ${upid} is still running after ${Math.round((options.timeoutMs ?? 0) / 1000)} s`,
      });
    }
    const slow = clock.now() - started >= SLOW_AFTER_MS;
    await clock.sleep(POLL_STEPS_MS[polls++] ?? (slow ? SLOW_POLL_MS : POLL_MS));
  }
}
