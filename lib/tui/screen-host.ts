/**
 * The one place that creates the blessed screen, from given streams and size, and the one that
 * gives the terminal back: alternate screen left, cursor shown, raw mode and mouse off. It
 * chooses the theme, and asks the terminal for its background once the first frame is out.
 */
import blessed, { type Widgets } from 'blessed';
import { afterFlush, flushOutput } from '../../widgets/blessed-internals';
import { createTheme, setTheme, type Theme } from '../../widgets/theme';
import type { Background, ThemeChoice } from '../theme-choice';
import { createBackgroundQuery, createReplyFilter } from './background';
import {
  BRACKETED_PASTE_OFF,
  BRACKETED_PASTE_ON,
  createPasteSplitter,
  type InputPiece,
} from './paste';
import { terminalProfile, type TerminalProfile } from './terminal';

/** How long the terminal's answer about its background may take before it is ignored. */
export const BACKGROUND_REPLY_MS = 100;

export interface ScreenHostOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The TERM the user has; it picks the terminal family. */
  term?: string;
  env?: Record<string, string | undefined>;
  /** auto (default): the theme follows what the terminal tells of its background. */
  theme?: ThemeChoice;
  /**
   * Starts the wait for the terminal's answer and calls `close` when it is over; returns what
   * cancels it. Default: BACKGROUND_REPLY_MS. Tests end the wait themselves.
   */
  replyWindow?: (close: () => void) => () => void;
}

export interface ScreenHost {
  readonly screen: Widgets.Screen;
  /** The theme now: it changes when the terminal's answer tells the background. */
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
  const profile = terminalProfile(options.term ?? env.TERM, env);
  const screen = createScreen(options, profile);
  const themeFor = (background: Background | undefined) =>
    createTheme({
      color: profile.color,
      unicode: profile.unicode,
      colors: profile.colors,
      background,
    });
  const chosen = options.theme === 'auto' ? undefined : options.theme;
  let theme = themeFor(chosen ?? profile.background);
  setTheme(screen, theme);
  // Re-theming is a new theme and one render: every widget paints with the screen's theme.
  const query = createBackgroundQuery({
    write: (text) => options.output.write(text),
    wait: options.replyWindow ?? waitFor(BACKGROUND_REPLY_MS),
    found: (background) => {
      if (background === theme.background) return;
      theme = themeFor(background);
      setTheme(screen, theme);
      screen.render();
    },
  });
  const ask = profile.asksBackground && chosen === undefined;
  const pastes = createPasteSplitter();
  const replies = createReplyFilter(query.answer);
  const unfilter = filterInput(
    options.input,
    ask ? (chunk) => pastes(replies(chunk)) : pastes,
    (text) => deliverPaste(screen, text),
  );
  options.output.write(BRACKETED_PASTE_ON);
  let restored = false;
  if (ask) {
    // Never before the first frame: a terminal that does not answer costs nothing.
    screen.once('render', () => {
      void afterFlush().then(() => {
        if (!restored) query.ask();
      });
    });
  }
  return {
    screen,
    get theme() {
      return theme;
    },
    profile,
    restore() {
      if (restored) return;
      restored = true;
      query.stop();
      options.output.write(BRACKETED_PASTE_OFF);
      screen.destroy();
      unfilter();
    },
  };
}

function createScreen(options: ScreenHostOptions, profile: TerminalProfile): Widgets.Screen {
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
  return screen;
}

function waitFor(ms: number): (close: () => void) => () => void {
  return (close) => {
    const timer = setTimeout(close, ms);
    timer.unref();
    return () => clearTimeout(timer);
  };
}

/**
 * Filter the input before blessed splits it into keys: answers to the background query are
 * taken out (`background.ts`) and pastes handed over whole (`paste.ts`). Every reader of the
 * stream's `data` sees the same filtered chunks; chunks the filter leaves alone pass
 * untouched. Returns what undoes it.
 */
function filterInput(
  input: NodeJS.ReadableStream,
  split: (chunk: string) => InputPiece[],
  paste: (text: string) => void,
): () => void {
  const emit = input.emit;
  input.emit = function (this: NodeJS.ReadableStream, event: string | symbol, ...args: unknown[]) {
    const chunk = args[0];
    if (event !== 'data' || !(typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      return emit.call(this, event, ...args);
    }
    const text = chunk.toString();
    const pieces = split(text);
    const [only] = pieces;
    if (pieces.length === 1 && only && 'keys' in only && only.keys === text) {
      return emit.call(this, event, ...args);
    }
    // A marked paste or an answer still waiting for its end has nothing to deliver yet.
    for (const piece of pieces) {
      if ('keys' in piece) emit.call(this, event, Buffer.from(piece.keys));
      else paste(piece.paste);
    }
    return true;
  };
  return () => {
    input.emit = emit;
  };
}

/**
 * A paste reaches the focused widget as one key whose character is the whole text (named
 * `paste`, so no binding takes it): a text field inserts it as one edit, a select filters by it.
 */
function deliverPaste(screen: Widgets.Screen, text: string): void {
  const key = { name: 'paste', full: 'paste', sequence: text, ctrl: false, meta: false };
  screen.program.emit('keypress', text, { ...key, shift: false });
}

/**
 * One keystroke may ask for several renders (blur, focus, the form, the step): each draws the
 * whole screen. They are collapsed into one at the end of the current turn, and the frame is
 * written then, not when blessed would (on `setImmediate`, behind work queued before it).
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
      if (destroyed) return;
      renderNow();
      flushOutput(screen);
    });
  };
}
