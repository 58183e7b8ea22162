/**
 * How the pvevm process ends on signals and when its terminal goes away.
 *
 * A live terminal is given back (the caller's `restore`) on every catchable signal, and the
 * exit code is 128 + the signal's number, never 0. A terminal that is gone (SIGHUP from a closed
 * window or dropped ssh, EIO on writes, the end of its input) is not touched: Node 20 restores
 * the line settings it saved at start on every normal exit and aborts (dumping core, with the
 * password in memory) when that fails on a dead terminal. So the process ends by the signal
 * itself, with its default action, which skips that restore and dumps no core.
 */
import { writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { isatty } from 'node:tty';

/**
 * The asynchronous signals whose default ends the process. SIGUSR1 is Node's debugger, SIGPIPE
 * Node ignores (a closed pipe is an EPIPE error), SIGPROF is V8's profiler, and SIGSEGV/SIGBUS/
 * SIGFPE/SIGILL are faults no JavaScript can handle safely.
 */
export const HANDLED_SIGNALS = [
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGABRT',
  'SIGTERM',
  'SIGUSR2',
  'SIGALRM',
  'SIGVTALRM',
  'SIGXCPU',
  'SIGSYS',
  'SIGIO',
  'SIGPWR',
  'SIGSTKFLT',
] as const satisfies readonly NodeJS.Signals[];

/** Signals whose default action dumps core: the process exits with their code instead. */
const DUMPS_CORE: ReadonlySet<NodeJS.Signals> = new Set([
  'SIGQUIT',
  'SIGABRT',
  'SIGXCPU',
  'SIGSYS',
]);

/** The shell's exit code for a process ended by `signal`. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

export interface LifecycleOptions {
  /** The process draws on its terminal: losing it (write error, end of input) is a hang-up. */
  watchTerminal: boolean;
  /** Give the terminal back; only called while it is still there. */
  restore(): void;
  /** What to tell on standard error before ending (e.g. a create still running), if anything. */
  notice(): string | undefined;
}

export interface Lifecycle {
  /**
   * End now with `code`: the terminal restored, then `message` and the notice on standard error.
   * Used for the app's own exits and its crashes.
   */
  exit(code: number, message?: string): never;
}

/**
 * Handle the signals, and for a terminal, its loss (write errors, end of input). Returns what
 * ends the process the same careful way for ordinary exits.
 */
export function installLifecycle(options: LifecycleOptions): Lifecycle {
  // Node restores every standard stream that was a terminal at start; all must still be one.
  const terminals = [0, 1, 2].filter((fd) => isatty(fd));
  const terminalAlive = () => terminals.every((fd) => isatty(fd));
  let ending = false;

  const tell = (message?: string) => tellOnStderr(message, options.notice());
  /** Give the terminal back if it is there; false if it is gone (or went while writing). */
  const restored = (): boolean => terminalAlive() && restoreTerminal(options) && terminalAlive();

  const endBySignal = (signal: NodeJS.Signals): never => {
    ending = true;
    const alive = restored();
    tell();
    if (DUMPS_CORE.has(signal) && alive) process.exit(signalExitCode(signal));
    // No core: a signal that would dump one ends the process as a hang-up instead.
    const fatal = DUMPS_CORE.has(signal) ? 'SIGHUP' : signal;
    // Without listeners the signal's default action is back; it ends the process right here.
    process.removeAllListeners(fatal);
    process.kill(process.pid, fatal);
    // A signal sent to oneself arrives before kill returns; SIGKILL would still skip the restore.
    process.kill(process.pid, 'SIGKILL');
    throw new Error(`pvevm outlived ${fatal}`);
  };

  for (const signal of HANDLED_SIGNALS) {
    process.on(signal, () => {
      if (!ending) endBySignal(signal);
    });
  }

  if (options.watchTerminal) {
    const lost = () => {
      if (!ending) endBySignal('SIGHUP');
    };
    process.stdout.on('error', lost);
    process.stdin.on('error', lost);
    process.stdin.on('end', lost);
  }

  return {
    exit(code: number, message?: string): never {
      if (ending) return endBySignal('SIGHUP');
      ending = true;
      if (!restored()) return endBySignal('SIGHUP');
      tell(message);
      return process.exit(code);
    },
  };
}

/** `message` and the notice on standard error, if there is anything to say. */
function tellOnStderr(message: string | undefined, notice: string | undefined): void {
  const text = [message, notice].filter((t) => t !== undefined).join('');
  if (text === '') return;
  try {
    writeFileSync(2, text);
  } catch {
    // Standard error was the terminal that is gone; a redirected one still gets the notice.
  }
}

/** The caller's restore; false if it failed (the terminal went while writing). */
function restoreTerminal(options: LifecycleOptions): boolean {
  try {
    options.restore();
  } catch {
    return false;
  }
  return true;
}

/**
 * Keep the process's memory (the password, the ticket) out of core dumps where the platform
 * lets a process choose: on Linux, `/proc/self/coredump_filter` set to 0 leaves every memory
 * mapping out of a dump. Elsewhere nothing is done (see the README's security section).
 */
export function keepMemoryOutOfCoreDumps(): void {
  try {
    writeFileSync('/proc/self/coredump_filter', '0');
  } catch {
    // Not Linux, or /proc not mounted.
  }
}
