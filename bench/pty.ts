/**
 * A program on a real pseudo-terminal, for the benchmarks: util-linux `script` allocates the pty
 * (Node has no pty of its own without a native addon), the output is timed as it arrives and
 * interpreted by a terminal emulator so the bench can tell what is on screen.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class PtyProgram {
  readonly startedAt = performance.now();
  private readonly child: ChildProcess;
  private readonly term: Terminal;
  private lastOutputAt = 0;
  private bytes = 0;
  private parsed: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private exited = false;
  exitedAt = 0;
  readonly exit: Promise<number>;

  constructor(argv: string[], options: PtyOptions = {}) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    const command = `stty cols ${cols} rows ${rows}; exec ${argv.map(quote).join(' ')}`;
    this.child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
      env: { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...options.env },
      // `script` reports being killed on stderr; the program's own output is on the pty.
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.lastOutputAt = performance.now();
      this.bytes += chunk.length;
      this.parsed = this.parsed.then(
        () => new Promise<void>((resolve) => this.term.write(chunk, resolve)),
      );
      void this.parsed.then(() => {
        for (const listener of [...this.listeners]) listener();
      });
    });
    this.exit = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        this.exited = true;
        this.exitedAt = performance.now();
        for (const listener of [...this.listeners]) listener();
        resolve(code ?? -1);
      }),
    );
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
  async press(data: string): Promise<Burst> {
    await this.quiet();
    const bytesBefore = this.bytes;
    const sentAt = performance.now();
    this.write(data);
    while (this.bytes === bytesBefore) {
      if (performance.now() - sentAt > 5000)
        throw new Error(`no output for ${JSON.stringify(data)}`);
      await new Promise((r) => setTimeout(r, 1));
    }
    await this.quiet();
    return { latencyMs: this.lastOutputAt - sentAt, bytes: this.bytes - bytesBefore };
  }

  /** Peak resident set of the program (not of `script`), in bytes. */
  peakRss(): number {
    const scriptPid = this.child.pid!;
    const children = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim();
    const pid = children.split(/\s+/)[0];
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
    return kib * 1024;
  }

  kill(): Promise<number> {
    if (!this.exited) this.child.kill('SIGTERM');
    return this.exit;
  }
}
