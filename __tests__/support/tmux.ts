/**
 * Runs the real `bin/pvevm` in a detached tmux session of a given size and TERM on a private
 * tmux server; sends keys and reads the pane. Waiting is for what the pane shows, bounded.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const PVEVM_BIN = join(__dirname, '..', '..', 'dist', 'bin', 'pvevm.js');

export interface TmuxOptions {
  cols?: number;
  rows?: number;
  term?: string;
  /** Arguments for pvevm. */
  args?: string[];
  /** The pvevm script to run (default: the built one, PVEVM_BIN). */
  bin?: string;
  env?: Record<string, string>;
  /**
   * Also write pvevm's exit code to this file, from a shell that outlives the pane being
   * killed (it ignores the hang-up; pvevm, started by Node, handles it afresh).
   */
  statusFile?: string;
}

let sessions = 0;

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export class TmuxSession {
  private readonly socket: string;

  private constructor(socket: string) {
    this.socket = socket;
  }

  /**
   * Start pvevm in a pane; after it exits the pane prints its exit code and the terminal's line
   * settings, so tests can see the terminal was given back, then waits on `cat` so the pane
   * stays alive to be read (tmux 3.3 may blank a dead pane).
   */
  static start(options: TmuxOptions = {}): TmuxSession {
    const socket = `pvevm-test-${process.pid}-${++sessions}`;
    const env = { TERM: options.term ?? 'screen-256color', LANG: 'C.UTF-8', ...options.env };
    const envText = Object.entries(env)
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join(' ');
    const args = (options.args ?? []).map(quote).join(' ');
    const record = options.statusFile ? `trap '' HUP; ` : '';
    const save = options.statusFile ? `echo $status > ${quote(options.statusFile)}; ` : '';
    const command = `${record}env ${envText} node ${quote(options.bin ?? PVEVM_BIN)} ${args}; status=$?; ${save}echo "exit=$status"; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)'; echo END; exec cat`;
    execFileSync('tmux', [
      '-L',
      socket,
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      String(options.cols ?? 80),
      '-y',
      String(options.rows ?? 24),
      'sh',
      '-c',
      command,
    ]);
    return new TmuxSession(socket);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** Keys by tmux name (`Tab`, `Enter`, `C-c`, `F1` …). */
  sendKeys(...keys: string[]): void {
    for (const key of keys) this.tmux('send-keys', '-t', 'main', key);
  }

  /** Text typed literally. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  capture(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  /** The pane with its colour and attribute escapes. */
  captureWithEscapes(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', 'main');
  }

  /**
   * Select rows `from`..`to` (0-based, whole rows) with tmux's own selection, as a mouse drag
   * does, and copy it into tmux's buffer.
   */
  select(from: number, to: number): void {
    this.tmux('copy-mode', '-t', 'main');
    const x = (...command: string[]) => this.tmux('send-keys', '-t', 'main', '-X', ...command);
    x('top-line');
    x('start-of-line');
    if (from > 0) x('-N', String(from), 'cursor-down');
    x('begin-selection');
    if (to > from) x('-N', String(to - from), 'cursor-down');
    x('end-of-line');
    x('copy-selection-and-cancel');
  }

  /** What the last selection copied. */
  buffer(): string {
    return this.tmux('show-buffer');
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(cols), '-y', String(rows));
  }

  /** The pvevm process in the pane. */
  pvevmPid(): number {
    const shell = this.info('pane_pid');
    return Number(execFileSync('pgrep', ['-P', shell, 'node'], { encoding: 'utf8' }).trim());
  }

  /** Close the pane as a closed window does: its terminal hangs up. */
  killPane(): void {
    this.tmux('kill-pane', '-t', 'main');
  }

  /** A pane variable, e.g. `alternate_on`, `cursor_flag`, `pane_dead`. */
  info(name: string): string {
    return this.tmux('display-message', '-p', '-t', 'main', `#{${name}}`).trim();
  }

  /** Wait until the pane shows what `done` looks for; fails with the pane after `limitMs`. */
  async waitFor(done: (screen: string) => boolean, limitMs = 10000): Promise<string> {
    const until = Date.now() + limitMs;
    for (;;) {
      const screen = this.capture();
      if (done(screen)) return screen;
      if (Date.now() > until) throw new Error(`pane never showed what was expected:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
