/**
 * The one place that creates the blessed screen, from given streams and size, and the one that
 * gives the terminal back: alternate screen left, cursor shown, raw mode and mouse off.
 */
import blessed, { type Widgets } from 'blessed';
import { createTheme, setTheme, type Theme } from '../widgets/theme';
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
  let restored = false;
  return {
    screen,
    theme,
    profile,
    restore() {
      if (restored) return;
      restored = true;
      screen.destroy();
    },
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
