/**
 * The one place that creates the blessed screen, from given streams and size, and the one that
 * gives the terminal back: alternate screen left, cursor shown, raw mode and mouse off.
 */
import blessed, { type Widgets } from 'blessed';
import { createTheme, setTheme, type Theme } from '../widgets/theme';
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, createPasteFilter } from './paste';
import { terminalProfile, type TerminalProfile } from './terminal';

export interface ScreenHostOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The TERM the user has; it picks the terminal family. */
  term?: string;
  env?: Record<string, string | undefined>;
}

export interface ScreenHost {
  readonly screen: Widgets.Screen;
  readonly theme: Theme;
  readonly profile: TerminalProfile;
  /** Give the terminal back. Safe to call more than once. */
  restore(): void;
}

interface TputFlags {
  brokenACS: boolean;
}

export function createScreenHost(options: ScreenHostOptions): ScreenHost {
  const env = options.env ?? process.env;
  const unfilter = filterPastes(options.input);
  const profile = terminalProfile(options.term ?? env.TERM, env);
  const screen = blessed.screen({
    input: options.input as unknown as Widgets.IScreenOptions['input'],
    output: options.output as unknown as Widgets.IScreenOptions['output'],
    terminal: profile.terminfo,
    forceUnicode: profile.unicode,
    fullUnicode: profile.unicode,
    smartCSR: false,
    autoPadding: true,
    warnings: false,
    title: 'pvevm',
  });
  // Lines are drawn as Unicode characters or ASCII; never through the ACS charset switch.
  (screen as unknown as { tput: TputFlags }).tput.brokenACS = true;
  coalesceRenders(screen);
  const theme = createTheme({ color: profile.color, unicode: profile.unicode });
  setTheme(screen, theme);
  options.output.write(BRACKETED_PASTE_ON);
  let restored = false;
  return {
    screen,
    theme,
    profile,
    restore() {
      if (restored) return;
      restored = true;
      options.output.write(BRACKETED_PASTE_OFF);
      screen.destroy();
      unfilter();
    },
  };
}

/**
 * Turn pastes in the input into plain text before blessed splits it into keys (`lib/paste.ts`).
 * Every reader of the stream's `data` sees the same filtered chunks; chunks without a paste
 * pass untouched. Returns what undoes it.
 */
function filterPastes(input: NodeJS.ReadableStream): () => void {
  const filter = createPasteFilter();
  const emit = input.emit;
  input.emit = function (this: NodeJS.ReadableStream, event: string | symbol, ...args: unknown[]) {
    const chunk = args[0];
    if (event !== 'data' || !(typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      return emit.call(this, event, ...args);
    }
    const text = chunk.toString();
    const out = filter(text);
    if (out === text) return emit.call(this, event, ...args);
    // A marked paste still waiting for its end has nothing to deliver yet.
    return out === '' ? true : emit.call(this, event, Buffer.from(out));
  };
  return () => {
    input.emit = emit;
  };
}

/**
 * One keystroke may ask for several renders (blur, focus, the form, the step): each draws the
 * whole screen. They are collapsed into one at the end of the current turn — before blessed
 * flushes its output on `setImmediate`, so nothing is shown later.
 */
function coalesceRenders(screen: Widgets.Screen): void {
  const renderNow = screen.render.bind(screen);
  let queued = false;
  let destroyed = false;
  screen.on('destroy', () => (destroyed = true));
  screen.render = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      if (!destroyed) renderNow();
    });
  };
}
