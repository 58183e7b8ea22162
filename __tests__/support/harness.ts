/**
 * Headless harness: blessed writes into fake TTY streams, @xterm/headless interprets the bytes
 * as a real terminal would, and tests read the emulated screen as text or as a PNG. Waiting is
 * for blessed's flush, the app's pending work and the emulator's parser — never for a clock.
 */
import { PassThrough, Writable } from 'node:stream';
import { Terminal } from '@xterm/headless';
import type { Widgets } from 'blessed';
import {
  createScreenHost,
  type ScreenHost,
  type ScreenHostOptions,
} from '../../lib/tui/screen-host';
import { keyBytes } from './keys';
import { rasterize } from './raster';
import { LIGHT, type Scheme } from './xterm-palette';

export interface HarnessOptions {
  cols?: number;
  rows?: number;
  term?: string;
  env?: Record<string, string | undefined>;
  /** The theme choice and the wait for the terminal's answer about its background. */
  host?: Pick<ScreenHostOptions, 'theme' | 'replyWindow'>;
}

class FakeTtyInput extends PassThrough {
  isTTY = true;
  isRaw = false;
  setRawMode(raw: boolean): this {
    this.isRaw = raw;
    return this;
  }
}

class FakeTtyOutput extends Writable {
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
    private readonly sink: (chunk: string) => void,
  ) {
    super({ decodeStrings: false });
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.sink(chunk.toString());
    done();
  }
}

export class Harness {
  readonly input = new FakeTtyInput();
  readonly output: FakeTtyOutput;
  readonly term: Terminal;
  readonly host: ScreenHost;
  /** Everything blessed wrote, in bytes, since the harness started. */
  bytesWritten = 0;
  /** Everything blessed wrote, as written (tests look for escape sequences it should not send). */
  written = '';
  /** Extra pending work to wait for in settle(), e.g. the controller's idle(). */
  idle: () => Promise<void> = async () => {};
  /** Set for app tests: the app draws every frame itself, the test never does. */
  appDraws = false;
  private parsing = 0;
  private parsed: Promise<void> = Promise.resolve();

  /**
   * `mount` creates what runs on the fake terminal: by default a bare screen host; app tests
   * start the whole app on the same streams.
   */
  constructor(
    options: HarnessOptions = {},
    mount: (io: ScreenHostOptions) => ScreenHost = createScreenHost,
  ) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    this.output = new FakeTtyOutput(cols, rows, (chunk) => this.feed(chunk));
    this.host = mount({
      input: this.input,
      output: this.output,
      term: options.term ?? 'xterm-256color',
      env: options.env ?? { LANG: 'C.UTF-8' },
      ...options.host,
    });
  }

  get screen(): Widgets.Screen {
    return this.host.screen;
  }

  private feed(chunk: string): void {
    this.bytesWritten += Buffer.byteLength(chunk);
    this.written += chunk;
    this.parsing++;
    this.parsed = Promise.all([
      this.parsed,
      new Promise<void>((resolve) => this.term.write(chunk, () => resolve())),
    ]).then(() => {
      this.parsing--;
    });
  }

  /**
   * Wait until blessed has flushed, the app is idle and the emulator has parsed it all.
   * `{ idle: false }` does not wait for the app's pending work (for a call meant to hang).
   */
  async settle({ idle = true } = {}): Promise<void> {
    for (let round = 0; round < 50; round++) {
      const before = this.bytesWritten;
      await new Promise((resolve) => setImmediate(resolve));
      if (idle) await this.idle();
      await new Promise((resolve) => setImmediate(resolve));
      await this.parsed;
      if (this.bytesWritten === before && this.parsing === 0) return;
    }
    throw new Error('screen did not settle');
  }

  /** Press keys by name (`tab`, `S-tab`, `enter`, `C-n`, `f1` …), one whole sequence per write. */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.input.write(keyBytes(key));
      await this.settle();
    }
  }

  /** Press keys while the app has work pending that will not finish by itself. */
  async pressWhileBusy(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.input.write(keyBytes(key));
      await this.settle({ idle: false });
    }
  }

  /** Type text, one character per write, as a person would. */
  async type(text: string): Promise<void> {
    for (const ch of text) {
      this.input.write(ch);
      await this.settle();
    }
  }

  /**
   * Draw widgets a widget test built by hand (standing in for the app that would draw them).
   * App tests never call it: they read what the app itself wrote after each key, and a render
   * of the test's own would show a frame no user ever saw.
   */
  async render(): Promise<void> {
    if (this.appDraws) throw new Error('app tests read the frames the app wrote; do not render');
    this.screen.render();
    await this.settle();
  }

  /** The emulated screen as text, each row framed `|…|` so trailing spaces show. */
  text(): string {
    return this.lines()
      .map((l) => `|${l}|`)
      .join('\n');
  }

  lines(): string[] {
    const buffer = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(false) ?? '');
    }
    return out;
  }

  png(scheme?: Scheme): Buffer {
    return rasterize(this.term, scheme);
  }

  async resize(cols: number, rows: number): Promise<void> {
    this.term.resize(cols, rows);
    this.output.columns = cols;
    this.output.rows = rows;
    this.output.emit('resize');
    await this.settle();
  }

  destroy(): void {
    this.host.restore();
    this.term.dispose();
  }
}

export interface SnapshotOptions {
  idle?: boolean;
  /** Also a PNG on a light palette (`<id>-light`), for the key screens. */
  light?: boolean;
}

/**
 * Text and PNG snapshots of what the terminal shows now: exactly the frame the app wrote, once
 * its output has settled, with no render of the test's own.
 */
export async function snapshotScreen(
  h: Harness,
  id: string,
  { idle = true, light = false }: SnapshotOptions = {},
): Promise<void> {
  await h.settle({ idle });
  expect(h.text()).toMatchSnapshot(id);
  expect(h.png()).toMatchImageSnapshot({ customSnapshotIdentifier: id });
  if (light) expect(h.png(LIGHT)).toMatchImageSnapshot({ customSnapshotIdentifier: `${id}-light` });
}
