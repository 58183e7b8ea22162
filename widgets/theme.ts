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
import { readableColors, type ChipColor, type ColorDepth } from './palette';
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
  /** Usage bars: the part used now, the part added, the part free; before → after. */
  barUsed: string;
  barAdded: string;
  barFree: string;
  arrow: string;
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
  barUsed: '█',
  barAdded: '▒',
  barFree: '░',
  arrow: '→',
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
  barUsed: '#',
  barAdded: '+',
  barFree: '-',
  arrow: '->',
  meter: { full: '#', empty: '-', open: '[', close: ']' },
  ticks: '_.-=^',
  unknown: '-',
};

export interface Theme {
  readonly color: boolean;
  /** The background the accents follow; undefined: they read on any. */
  readonly background: Background | undefined;
  readonly glyphs: Glyphs;
  /** Palette size when `color`. */
  readonly colors: ColorDepth;
  /** Wrap already-escaped text in the blessed tags of `role`. */
  paint(role: Role, text: string): string;
  /**
   * Wrap already-escaped text in a colour the data brings (a tag's): its nearest palette
   * colour as the background, text that reads 3:1 on it (widgets/palette.ts). Without colour,
   * the text as it is: the caller marks it otherwise (brackets).
   */
  paintColor(color: ChipColor, text: string): string;
  /** The role's colours as palette indices (for widgets that paint cells themselves). */
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
  const pairs = new Map<string, [string, string]>();
  return {
    color,
    colors,
    background: color ? background : undefined,
    glyphs: unicode ? UNICODE : ASCII,
    paintColor(c, text) {
      if (!color || text === '') return text;
      const key = `${c.bg.join()}/${c.fg?.join() ?? ''}`;
      let tags = pairs.get(key);
      if (!tags) {
        const { bg, fg } = readableColors(c, colors);
        tags = [`{${fg}-fg}{${bg}-bg}`, `{/${bg}-bg}{/${fg}-fg}`];
        // A few hundred colours at most are drawn; a cluster with more starts over.
        if (pairs.size >= 1024) pairs.clear();
        pairs.set(key, tags);
      }
      return tags[0] + text + tags[1];
    },
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
