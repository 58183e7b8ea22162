/**
 * The style of every role under each kind of terminal: 256 or 8 colours, with the background
 * unknown (readable on black and on white), dark or light, and without colour (NO_COLOR).
 * Colour choices are explained in widgets/theme.ts.
 */
export const ROLES = [
  'border',
  'borderFocus',
  'borderError',
  'borderDisabled',
  'label',
  'labelFocus',
  'labelDisabled',
  'hint',
  'error',
  'value',
  'valueDisabled',
  'placeholder',
  'cursor',
  'selected',
  'highlight',
  'chip',
  'chipSelected',
  'button',
  'buttonFocus',
  'title',
  'stepCurrent',
  'stepVisited',
  'stepInvalid',
  'stepFuture',
  'key',
  'info',
  'loading',
  'success',
  'warning',
  'empty',
  'meter',
  'meterError',
  'meterBar',
] as const;

export type Role = (typeof ROLES)[number];

/** The terminal's background, when known. */
export type Background = 'dark' | 'light';

/** Colours are palette indices; no colour is the terminal's own. */
export interface Style {
  fg?: number;
  bg?: number;
  bold?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export type Styles = Record<Role, Style>;

/** 256-colour mid-tones, each at least 3:1 on black and on white. */
const GREY = 244; // #808080
const TEAL = 31; // #0087af
const SEA = 30; // #008787
const GREEN = 28; // #008700
const RED = 160; // #d70000
const AMBER = 130; // #af5f00
const BLACK = 16;
const WHITE = 231;

const UNIVERSAL_256: Styles = {
  border: { fg: GREY },
  borderFocus: { fg: TEAL },
  borderError: { fg: RED },
  borderDisabled: { fg: GREY },
  label: {},
  labelFocus: { fg: TEAL, bold: true },
  labelDisabled: { fg: GREY },
  hint: { fg: GREY },
  error: { fg: RED, bold: true },
  value: {},
  valueDisabled: { fg: GREY },
  placeholder: { fg: GREY },
  cursor: { inverse: true },
  selected: { fg: WHITE, bg: TEAL },
  highlight: { fg: TEAL, bold: true },
  chip: { fg: BLACK, bg: 248 },
  chipSelected: { fg: WHITE, bg: RED, bold: true },
  button: {},
  buttonFocus: { fg: WHITE, bg: TEAL, bold: true },
  title: { bold: true },
  stepCurrent: { fg: WHITE, bg: TEAL, bold: true },
  stepVisited: { fg: TEAL },
  stepInvalid: { fg: RED, bold: true },
  stepFuture: { fg: GREY },
  key: { fg: TEAL, bold: true },
  info: {},
  loading: { fg: SEA },
  success: { fg: GREEN, bold: true },
  warning: { fg: AMBER, bold: true },
  empty: { fg: GREY },
  // A progress bar's filled part (a gauge paints cells with the background colour).
  meter: { fg: WHITE, bg: TEAL },
  meterError: { fg: WHITE, bg: RED },
  meterBar: { fg: SEA },
};

/** On a dark background: brighter accents (#00afd7, #ff5f5f …). */
const DARK_256: Partial<Styles> = {
  borderFocus: { fg: 38 },
  borderError: { fg: 203 },
  labelFocus: { fg: 38, bold: true },
  error: { fg: 203, bold: true },
  selected: { fg: BLACK, bg: 38 },
  highlight: { fg: 38, bold: true },
  chip: { fg: WHITE, bg: 240 },
  buttonFocus: { fg: BLACK, bg: 38, bold: true },
  stepCurrent: { fg: BLACK, bg: 38, bold: true },
  stepVisited: { fg: 38 },
  stepInvalid: { fg: 203, bold: true },
  key: { fg: 38, bold: true },
  loading: { fg: 44 },
  success: { fg: 41, bold: true },
  warning: { fg: 214, bold: true },
  meter: { fg: BLACK, bg: 38 },
  meterError: { fg: BLACK, bg: 203 },
  meterBar: { fg: 44 },
};

/** On a light background: deeper accents (#005faf, #005f00 …) and darker greys. */
const LIGHT_256: Partial<Styles> = {
  border: { fg: 242 },
  borderFocus: { fg: 25 },
  borderDisabled: { fg: 242 },
  labelFocus: { fg: 25, bold: true },
  labelDisabled: { fg: 242 },
  hint: { fg: 242 },
  valueDisabled: { fg: 242 },
  placeholder: { fg: 242 },
  selected: { fg: WHITE, bg: 25 },
  highlight: { fg: 25, bold: true },
  chip: { fg: BLACK, bg: 252 },
  buttonFocus: { fg: WHITE, bg: 25, bold: true },
  stepCurrent: { fg: WHITE, bg: 25, bold: true },
  stepVisited: { fg: 25 },
  stepFuture: { fg: 242 },
  key: { fg: 25, bold: true },
  loading: { fg: 24 },
  success: { fg: 22, bold: true },
  warning: { fg: 94, bold: true },
  empty: { fg: 242 },
  meter: { fg: WHITE, bg: 25 },
  meterBar: { fg: 24 },
};

/**
 * 8 colours (TERM=xterm, the Linux console): only red and magenta read on black and on white
 * (grey would be drawn black), so quiet text is the terminal's own colour, focus is magenta,
 * the current step and a focused button a magenta bar, selection inverse.
 */
const RED8 = 1;
const MAGENTA8 = 5;
const WHITE8 = 7;

const UNIVERSAL_8: Styles = {
  border: {},
  borderFocus: { fg: MAGENTA8 },
  borderError: { fg: RED8 },
  borderDisabled: {},
  label: {},
  labelFocus: { fg: MAGENTA8, bold: true },
  labelDisabled: {},
  hint: {},
  error: { fg: RED8, bold: true },
  value: {},
  valueDisabled: {},
  placeholder: {},
  cursor: { inverse: true },
  selected: { inverse: true },
  highlight: { fg: MAGENTA8, bold: true },
  chip: { inverse: true },
  chipSelected: { fg: WHITE8, bg: RED8, bold: true },
  button: {},
  buttonFocus: { fg: WHITE8, bg: MAGENTA8, bold: true },
  title: { bold: true },
  stepCurrent: { fg: WHITE8, bg: MAGENTA8, bold: true },
  stepVisited: { underline: true },
  stepInvalid: { fg: RED8, bold: true },
  stepFuture: {},
  key: { bold: true },
  info: {},
  loading: { fg: MAGENTA8 },
  success: { bold: true },
  warning: { fg: MAGENTA8, bold: true },
  empty: {},
  meter: { fg: WHITE8, bg: MAGENTA8 },
  meterError: { fg: WHITE8, bg: RED8 },
  meterBar: { fg: MAGENTA8 },
};

/** On black: cyan focus, green and yellow for success and waiting. */
const DARK_8: Partial<Styles> = {
  borderFocus: { fg: 6 },
  labelFocus: { fg: 6, bold: true },
  selected: { fg: 0, bg: 6 },
  highlight: { fg: 6, bold: true },
  chip: { fg: 0, bg: WHITE8 },
  buttonFocus: { fg: 0, bg: 6 },
  stepCurrent: { fg: 0, bg: 6 },
  stepVisited: { fg: 6 },
  key: { fg: 6, bold: true },
  loading: { fg: 3 },
  success: { fg: 2, bold: true },
  warning: { fg: 3, bold: true },
  meter: { fg: 0, bg: 6 },
  meterError: { fg: 0, bg: 1 },
  meterBar: { fg: 6 },
};

/** On white: blue focus. */
const LIGHT_8: Partial<Styles> = {
  borderFocus: { fg: 4 },
  labelFocus: { fg: 4, bold: true },
  selected: { fg: WHITE8, bg: 4 },
  highlight: { fg: 4, bold: true },
  buttonFocus: { fg: WHITE8, bg: 4, bold: true },
  stepCurrent: { fg: WHITE8, bg: 4, bold: true },
  stepVisited: { fg: 4 },
  key: { fg: 4, bold: true },
  meter: { fg: WHITE8, bg: 4 },
  meterBar: { fg: 4 },
};

const PLAIN = Object.fromEntries(ROLES.map((role) => [role, {}])) as Styles;

/**
 * Without colour, state still shows: the focused field's label, a focused button, the
 * highlighted list row, the current step and the text cursor are inverse; tags are inverse too,
 * the selected one also bold and underlined; an invalid step is underlined; the focused
 * border, errors, titles and keys are bold.
 */
const MONO: Styles = {
  ...PLAIN,
  borderFocus: { bold: true },
  borderError: { bold: true },
  labelFocus: { inverse: true, bold: true },
  error: { bold: true },
  cursor: { inverse: true },
  selected: { inverse: true },
  highlight: { bold: true },
  chip: { inverse: true },
  chipSelected: { inverse: true, bold: true, underline: true },
  buttonFocus: { inverse: true, bold: true },
  title: { bold: true },
  stepCurrent: { inverse: true, bold: true },
  stepInvalid: { bold: true, underline: true },
  key: { bold: true },
  success: { bold: true },
  warning: { bold: true },
  meter: { inverse: true },
  meterError: { inverse: true, bold: true },
};

export function stylesFor(color: boolean, colors: 8 | 256, background?: Background): Styles {
  if (!color) return MONO;
  const [base, dark, light] =
    colors === 256 ? [UNIVERSAL_256, DARK_256, LIGHT_256] : [UNIVERSAL_8, DARK_8, LIGHT_8];
  if (background === undefined) return base;
  return { ...base, ...(background === 'dark' ? dark : light) };
}
