/**
 * Colours and line glyphs of the widget library. One theme per blessed screen: colour or
 * monochrome (NO_COLOR), Unicode lines or ASCII (non-UTF-8 locales).
 */
import type { Widgets } from 'blessed';

export type Role =
  | 'border'
  | 'borderFocus'
  | 'borderError'
  | 'borderDisabled'
  | 'label'
  | 'labelFocus'
  | 'labelDisabled'
  | 'hint'
  | 'error'
  | 'value'
  | 'valueDisabled'
  | 'placeholder'
  | 'cursor'
  | 'selected'
  | 'highlight'
  | 'chip'
  | 'chipSelected'
  | 'button'
  | 'buttonFocus'
  | 'title'
  | 'stepCurrent'
  | 'stepVisited'
  | 'stepInvalid'
  | 'stepFuture'
  | 'key'
  | 'info'
  | 'loading'
  | 'success'
  | 'warning'
  | 'empty';

interface Style {
  fg?: string;
  bg?: string;
  bold?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

const COLOUR: Record<Role, Style> = {
  border: { fg: 'gray' },
  borderFocus: { fg: 'cyan' },
  borderError: { fg: 'red' },
  borderDisabled: { fg: 'gray' },
  label: { fg: 'white' },
  labelFocus: { fg: 'cyan', bold: true },
  labelDisabled: { fg: 'gray' },
  hint: { fg: 'gray' },
  error: { fg: 'red', bold: true },
  value: {},
  valueDisabled: { fg: 'gray' },
  placeholder: { fg: 'gray' },
  cursor: { inverse: true },
  selected: { fg: 'black', bg: 'cyan' },
  highlight: { fg: 'cyan', bold: true },
  chip: { fg: 'black', bg: 'white' },
  chipSelected: { fg: 'white', bg: 'red' },
  button: { fg: 'white' },
  buttonFocus: { fg: 'black', bg: 'cyan', bold: true },
  title: { fg: 'white', bold: true },
  stepCurrent: { fg: 'black', bg: 'cyan', bold: true },
  stepVisited: { fg: 'cyan' },
  stepInvalid: { fg: 'red', bold: true },
  stepFuture: { fg: 'gray' },
  key: { fg: 'cyan', bold: true },
  info: { fg: 'white' },
  loading: { fg: 'yellow' },
  success: { fg: 'green', bold: true },
  warning: { fg: 'yellow', bold: true },
  empty: { fg: 'gray' },
};

/** Without colour, state must still show: focus and selection by inverse and bold. */
const MONO: Partial<Record<Role, Style>> = {
  labelFocus: { bold: true },
  error: { bold: true },
  cursor: { inverse: true },
  selected: { inverse: true },
  highlight: { bold: true },
  chip: { inverse: true },
  chipSelected: { inverse: true, bold: true },
  buttonFocus: { inverse: true, bold: true },
  title: { bold: true },
  stepCurrent: { inverse: true, bold: true },
  stepInvalid: { bold: true, underline: true },
  key: { bold: true },
  success: { bold: true },
  warning: { bold: true },
};

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
};

export interface Theme {
  readonly color: boolean;
  readonly glyphs: Glyphs;
  /** Wrap already-escaped text in the blessed tags of `role`. */
  paint(role: Role, text: string): string;
}

export function createTheme({ color = true, unicode = true } = {}): Theme {
  const styles = color ? COLOUR : MONO;
  return {
    color,
    glyphs: unicode ? UNICODE : ASCII,
    paint(role, text) {
      const s = styles[role];
      if (!s || text === '') return text;
      const tags: string[] = [];
      if (s.fg) tags.push(`${s.fg}-fg`);
      if (s.bg) tags.push(`${s.bg}-bg`);
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
