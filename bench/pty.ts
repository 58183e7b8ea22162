/**
 * A program on a real pseudo-terminal, for the benchmarks. Node has no pty without a native
 * addon, so `pty-relay.py` (Python's pty module) allocates it and relays the bytes; it reports
 * the program's own spawn and exit on CLOCK_MONOTONIC, so neither the wrapper's start nor its
 * exit is counted. Every program (pvevm, the bare blessed form, `node -e 0`) runs through the
 * same relay. Output is timed as it arrives and interpreted by a terminal emulator so the bench
 * can tell what is on screen.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Terminal } from '@xterm/headless';

export interface PtyOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string>;
}

export interface Burst {
  /** Key written → last byte of the frame it caused, in milliseconds. */
  latencyMs: number;
  bytes: number;
}

/** After this long without output, the frame a key caused is complete. */
const QUIET_MS = 25;

let pythonPath = '';
/** The Python that runs the relay, resolved once: a version manager's shim costs ~300 ms a spawn. */
function python(): string {
  pythonPath ||= execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
  }).trim();
  return pythonPath;
}

const RELAY = join(__dirname, '..', '..', 'bench', 'pty-relay.py');

/** CLOCK_MONOTONIC (process.hrtime, the relay's clock) in ms minus `performance.now()`. */
function monotonicOffset(): number {
  const before = performance.now();
  const mono = Number(process.hrtime.bigint()) / 1e6;
  const after = performance.now();
  return mono - (before + after) / 2;
}
const OFFSET = monotonicOffset();

/** A CLOCK_MONOTONIC reading in nanoseconds (as `pvevm-sim --trace` and the relay give it), as `performance.now()`. */
export const fromMonotonicNs = (ns: number): number => ns / 1e6 - OFFSET;

export class PtyProgram {
  /** When the relay was asked to start: the program's own spawn is `spawned`. */
  readonly requestedAt = performance.now();
  private readonly child: ChildProcess;
  private readonly term: Terminal;
  private lastOutputAt = 0;
  private bytes = 0;
  private parsed: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private exited = false;
  private pid = 0;
  private nextOutput: ((at: number) => void)[] = [];
  /** Arrival times of output chunks, while `recordOutput` is on. */
  outputTimes: number[] | undefined;
  /** `performance.now()` of the program's fork, from the relay. */
  readonly spawned: Promise<number>;
  /** `performance.now()` when the program was reaped (0 until then). */
  exitedAt = 0;
  readonly exit: Promise<number>;

  constructor(argv: string[], options: PtyOptions = {}) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    this.child = spawn(python(), [RELAY, String(cols), String(rows), ...argv], {
      env: { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => this.output(chunk));
    let reported = '';
    let exitCode = -1;
    this.spawned = new Promise((resolve, reject) => {
      this.child.stderr!.on('data', (chunk: Buffer) => {
        reported += chunk.toString();
        const spawnLine = /^spawn (\d+) (\d+)$/m.exec(reported);
        if (spawnLine) {
          this.pid = Number(spawnLine[2]);
          resolve(fromMonotonicNs(Number(spawnLine[1])));
        }
        const exitLine = /^exit (\d+) (-?\d+)$/m.exec(reported);
        if (exitLine) {
          this.exitedAt = fromMonotonicNs(Number(exitLine[1]));
          exitCode = Number(exitLine[2]);
        }
      });
      this.child.on('error', reject);
    });
    this.exit = new Promise((resolve) =>
      this.child.on('close', () => {
        this.exited = true;
        this.exitedAt ||= performance.now();
        for (const listener of [...this.listeners]) listener();
        resolve(exitCode);
      }),
    );
  }

  private output(chunk: Buffer): void {
    this.lastOutputAt = performance.now();
    this.outputTimes?.push(this.lastOutputAt);
    this.bytes += chunk.length;
    const waiting = this.nextOutput;
    this.nextOutput = [];
    for (const resolve of waiting) resolve(this.lastOutputAt);
    this.parsed = this.parsed.then(
      () => new Promise<void>((resolve) => this.term.write(chunk, resolve)),
    );
    void this.parsed.then(() => {
      for (const listener of [...this.listeners]) listener();
    });
  }

  /** Bytes the program wrote so far. */
  get written(): number {
    return this.bytes;
  }

  /** The screen as text, one line per row. */
  text(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
    }
    return lines.join('\n');
  }

  /** Resolve with the arrival time of the output after which `predicate` holds on screen. */
  waitFor(predicate: (screen: string) => boolean, timeoutMs = 20000): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate(this.text())) {
          finish();
          resolve(this.lastOutputAt);
        } else if (this.exited) {
          finish();
          reject(new Error(`program exited; screen:\n${this.text()}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out; screen:\n${this.text()}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      void this.parsed.then(check);
    });
  }

  /** Resolve once no output arrived for `QUIET_MS` (and everything was interpreted). */
  async quiet(ms = QUIET_MS): Promise<void> {
    for (;;) {
      await this.parsed;
      const waited = performance.now() - this.lastOutputAt;
      if (waited >= ms) return;
      await new Promise((r) => setTimeout(r, ms - waited));
    }
  }

  write(data: string): void {
    this.child.stdin!.write(data);
  }

  /** Write one key and time the frame it causes: from the write to the last byte of output. */
  async press(data: string, quietMs = QUIET_MS, timeoutMs = 10000): Promise<Burst> {
    await this.quiet(quietMs);
    const bytesBefore = this.bytes;
    const sentAt = performance.now();
    this.write(data);
    while (this.bytes === bytesBefore) {
      if (performance.now() - sentAt > timeoutMs)
        throw new Error(`no output for ${JSON.stringify(data.slice(0, 40))} in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 1));
    }
    await this.quiet(quietMs);
    return { latencyMs: this.lastOutputAt - sentAt, bytes: this.bytes - bytesBefore };
  }

  /** Write `data` and resolve with the arrival time of the first output after it. */
  async echo(data: string): Promise<{ sentAt: number; echoAt: number }> {
    const next = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no echo of ${JSON.stringify(data.slice(0, 40))}`)),
        10000,
      );
      this.nextOutput.push((at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
    const sentAt = performance.now();
    this.write(data);
    return { sentAt, echoAt: await next };
  }

  /**
   * CPU time the program (not the relay) has used so far, in ms: user + system from
   * /proc/<pid>/stat, in Linux's fixed 100 ticks a second.
   */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** Peak resident set of the program (not of the relay), in bytes. */
  peakRss(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
    return kib * 1024;
  }

  kill(): Promise<number> {
    if (!this.exited && this.pid) {
      try {
        process.kill(this.pid, 'SIGTERM');
      } catch {
        // Gone already.
      }
    } else if (!this.exited) this.child.kill('SIGTERM');
    return this.exit;
  }
}
