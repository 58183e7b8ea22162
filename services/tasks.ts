/**
 * Waiting for a Proxmox task: poll it (quickly at first, every 250 ms for the first minute so
 * the user sees the result soon after the task ends, then once a second as the web UI's
 * TaskViewer.js does) until it stopped. Each poll asks the status and the log's new lines at
 * once, and polls start on a fixed rhythm (a slow answer does not stretch the wait); the end
 * fetches no full log, only what a read may have missed of its last lines. `OK` and
 * `WARNINGS: n` mean success; anything else is the error, reported with the tail of the task
 * log. A brief 400 `no such task` right after the start is normal.
 * Only the task's own end decides: a failed poll (no answer, 595/596, a bare 5xx) is asked
 * again with backoff for minutes, and the log is a nicety whose failures are ignored.
 */
import { ProxmoxError } from './errors';
import type { ProxmoxApi } from './proxmox-api';
import { backoffMs, isTransient } from './transient';

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
  /** How long polls may keep failing in a row before waiting gives up. */
  unreachableMs?: number;
  /** Lines of the log to keep for the result. */
  logTail?: number;
  /** Called with new log lines while the task runs. */
  onLog?: (lines: string[]) => void;
}

/** The task's end is unknown: the server could not be asked (it may still run or have ended). */
export class TaskUnknownError extends ProxmoxError {
  constructor(
    readonly upid: string,
    message: string,
  ) {
    super({ kind: 'timeout', status: 0, message });
    this.name = 'TaskUnknownError';
  }
}

const POLL_STEPS_MS = [100, 200];
const POLL_MS = 250;
const SLOW_AFTER_MS = 60_000;
const SLOW_POLL_MS = 1000;
const NO_SUCH_TASK_TRIES = 5;
const UNREACHABLE_MS = 5 * 60 * 1000;

export function isSuccess(exitStatus: string): boolean {
  return exitStatus === 'OK' || /^WARNINGS: \d+$/.test(exitStatus);
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Failed status calls in a row, and since when (reset by any answer). */
interface Failures {
  missing: number;
  failures: number;
  failingSince?: number;
}

/**
 * The wait after a failed status call: a brief `no such task` and transport failures are asked
 * again (the latter for `unreachableMs`); anything else, or too long unreachable, ends the wait.
 */
function waitAfterFailure(
  err: unknown,
  upid: string,
  state: Failures,
  clock: Clock,
  unreachableMs: number,
): number {
  const noSuchTask =
    err instanceof ProxmoxError && err.status === 400 && /no such task/.test(err.errors.upid ?? '');
  if (noSuchTask && ++state.missing <= NO_SUCH_TASK_TRIES) return POLL_MS;
  if (noSuchTask || !isTransient(err)) throw err;
  state.failingSince ??= clock.now();
  if (clock.now() - state.failingSince >= unreachableMs) {
    throw new TaskUnknownError(
      upid,
      `The server did not tell the state of task ${upid} for ${Math.round(unreachableMs / 1000)} s (${messageOf(err)})`,
    );
  }
  return backoffMs(state.failures++);
}

/** The log's lines so far, read on from where the last read left off. */
class LogFollower {
  readonly seen: string[] = [];

  constructor(
    private readonly api: ProxmoxApi,
    private readonly upid: string,
    private readonly onLog: WaitOptions['onLog'],
  ) {}

  /** Read the new lines (a failed read is skipped: the log is a nicety). */
  async read(): Promise<void> {
    const lines = await this.api.taskLog(this.upid, this.seen.length).catch(() => []);
    const fresh = lines.filter((l) => l !== 'no content');
    if (fresh.length === 0) return;
    this.seen.push(...fresh);
    this.onLog?.(fresh);
  }

  /** The task writes its end (`TASK OK`, `TASK ERROR: …`, `TASK WARNINGS: n`) last. */
  get ended(): boolean {
    return /^TASK (OK|ERROR|WARNINGS)\b/.test(this.seen.at(-1) ?? '');
  }
}

async function resultOf(
  log: LogFollower,
  exitStatus: string,
  logTail: number,
): Promise<TaskResult> {
  // The read that went with the last status may have come just before the end was written.
  if (!log.ended) await log.read();
  const warnings = Number(/^WARNINGS: (\d+)$/.exec(exitStatus)?.[1] ?? 0);
  return { ok: isSuccess(exitStatus), exitStatus, warnings, log: log.seen.slice(-logTail) };
}

export async function waitForTask(
  api: ProxmoxApi,
  upid: string,
  options: WaitOptions = {},
): Promise<TaskResult> {
  const clock = options.clock ?? realClock;
  const started = clock.now();
  const deadline = started + (options.timeoutMs ?? 30 * 60 * 1000);
  const unreachableMs = options.unreachableMs ?? UNREACHABLE_MS;
  let polls = 0;
  let failed: Failures = { missing: 0, failures: 0 };
  const log = new LogFollower(api, upid, options.onLog);
  for (;;) {
    let wait: number;
    const pollStarted = clock.now();
    try {
      const [status] = await Promise.all([api.taskStatus(upid), log.read()]);
      failed = { missing: 0, failures: 0 };
      if (status.status === 'stopped') {
        const exitStatus = status.exitStatus ?? 'unexpected status';
        return await resultOf(log, exitStatus, options.logTail ?? 20);
      }
      const slow = clock.now() - started >= SLOW_AFTER_MS;
      const every = POLL_STEPS_MS[polls++] ?? (slow ? SLOW_POLL_MS : POLL_MS);
      // The next poll starts `every` after this one started: its answer's time is not added.
      wait = Math.max(every - (clock.now() - pollStarted), 0);
    } catch (err) {
      wait = waitAfterFailure(err, upid, failed, clock, unreachableMs);
    }
    if (clock.now() >= deadline) {
      throw new TaskUnknownError(
        upid,
        `Task ${upid} is still running after ${Math.round((options.timeoutMs ?? 0) / 1000)} s`,
      );
    }
    await clock.sleep(wait);
  }
}
