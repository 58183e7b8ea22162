/**
 * Colours and line glyphs of the widget library. One theme per blessed screen: colour or
 * monochrome (NO_COLOR), 256 or 8 colours, Unicode lines or ASCII (non-UTF-8 locales).
 *
 * The background is usually unknown, so the default styles read on black and on white alike
 * (WCAG 3:1 or more under xterm's palette): text in the terminal's own foreground, accents in
 * mid-tones, focus and selection as a filled bar with its own foreground, or inverse. When the
 * background is known (COLORFGBG, the terminal's answer, --theme) accents may follow it.
 * Never faint (blessed cannot, and xterm halves the contrast), never black or white text on
 * the terminal's own background, never bold on a palette colour 0–7 where its bright twin
 * (what xterm shows for bold) would not read.
 */
import type { Widgets } from 'blessed';
import { stylesFor, type Background, type Role, type Style } from './theme-styles';

export { ROLES, type Background, type Role, type Style } from './theme-styles';

export interface Glyphs {
  h: string;
  v: string;
  tl: string;
  tr: string;
  bl: string;
  br: string;
  open: string;
  ellipsis: string;
  check: string;
  separator: string;
  /** A meter's filled and empty cells and its ends: `████░░░░`, `[####----]`. */
  meter: { full: string; empty: string; open: string; close: string };
  /** A sparkline's levels, lowest first. */
  ticks: string;
  /** Nothing known (a failed or missing figure). */
  unknown: string;
}

const UNICODE: Glyphs = {
  h: '─',
  v: '│',
  tl: '┌',
  tr: '┐',
  bl: '└',
  br: '┘',
  open: '▾',
  ellipsis: '…',
  check: 'x',
  separator: '›',
  meter: { full: '█', empty: '░', open: '', close: '' },
  ticks: '▁▂▃▄▅▆▇█',
  unknown: '—',
};

const ASCII: Glyphs = {
  h: '-',
  v: '|',
  tl: '+',
  tr: '+',
  bl: '+',
  br: '+',
  open: 'v',
  ellipsis: '~',
  check: 'x',
  separator: '>',
  meter: { full: '#', empty: '-', open: '[', close: ']' },
  ticks: '_.-=^',
  unknown: '-',
};

export interface Theme {
  readonly color: boolean;
  /** The background the accents follow; undefined: they read on any. */
  readonly background: Background | undefined;
  readonly glyphs: Glyphs;
  /** Colours of the terminal (pictures drawn in colour want 256). */
  readonly colors: 8 | 256;
  /** Wrap already-escaped text in the blessed tags of `role`. */
  paint(role: Role, text: string): string;
  /** The style of `role`, for widgets that take colours rather than tags (blessed-contrib's). */
  style(role: Role): Readonly<Style>;
}

export interface ThemeOptions {
  color?: boolean;
  unicode?: boolean;
  colors?: 8 | 256;
  background?: Background;
}

export function createTheme({
  color = true,
  unicode = true,
  colors = 256,
  background,
}: ThemeOptions = {}): Theme {
  const styles = stylesFor(color, colors, background);
  return {
    color,
    background: color ? background : undefined,
    glyphs: unicode ? UNICODE : ASCII,
    colors,
    style: (role) => styles[role],
    paint(role, text) {
      const s = styles[role];
      if (text === '') return text;
      const tags: string[] = [];
      if (s.fg !== undefined) tags.push(`${s.fg}-fg`);
      if (s.bg !== undefined) tags.push(`${s.bg}-bg`);
      if (s.bold) tags.push('bold');
      if (s.underline) tags.push('underline');
      if (s.inverse) tags.push('inverse');
      const open = tags.map((t) => `{${t}}`).join('');
      const close = [...tags]
        .reverse()
        .map((t) => `{/${t}}`)
        .join('');
      return open + text + close;
    },
  };
}

const themes = new WeakMap<Widgets.Screen, Theme>();
const fallback = createTheme();

export function setTheme(screen: Widgets.Screen, theme: Theme): void {
  themes.set(screen, theme);
}

export function themeOf(screen: Widgets.Screen): Theme {
  return themes.get(screen) ?? fallback;
}
