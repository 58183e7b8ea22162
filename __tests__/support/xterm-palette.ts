/**
 * xterm's standard colours (the 16 ANSI colours, the 6×6×6 cube and the grey ramp) and the two
 * default colour schemes a user's terminal is likely to have: light (black on white, xterm's own
 * default) and dark (white on black). Resolves an emulated cell to the colours a person sees.
 */
import type { IBufferCell } from '@xterm/headless';

export type RGB = readonly [number, number, number];

export interface Scheme {
  name: 'light' | 'dark';
  /** The terminal's default foreground and background. */
  fg: RGB;
  bg: RGB;
}

export const LIGHT: Scheme = { name: 'light', fg: [0, 0, 0], bg: [255, 255, 255] };
export const DARK: Scheme = { name: 'dark', fg: [255, 255, 255], bg: [0, 0, 0] };
export const SCHEMES: readonly Scheme[] = [LIGHT, DARK];

const ANSI16: RGB[] = [
  [0, 0, 0],
  [205, 0, 0],
  [0, 205, 0],
  [205, 205, 0],
  [0, 0, 238],
  [205, 0, 205],
  [0, 205, 205],
  [229, 229, 229],
  [127, 127, 127],
  [255, 0, 0],
  [0, 255, 0],
  [255, 255, 0],
  [92, 92, 255],
  [255, 0, 255],
  [0, 255, 255],
  [255, 255, 255],
];

/** The RGB xterm shows for palette index `i` (0–255). */
export function xtermColor(i: number): RGB {
  if (i < 16) return ANSI16[i]!;
  if (i < 232) {
    const n = i - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return [level(Math.floor(n / 36)), level(Math.floor(n / 6) % 6), level(n % 6)];
  }
  const g = 8 + (i - 232) * 10;
  return [g, g, g];
}

function rgbOf(n: number): RGB {
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The colours a cell shows under `scheme`: defaults resolved, inverse applied. */
export function cellColors(cell: IBufferCell, scheme: Scheme): { fg: RGB; bg: RGB } {
  let fg: RGB = cell.isFgDefault()
    ? scheme.fg
    : cell.isFgPalette()
      ? xtermColor(cell.getFgColor())
      : rgbOf(cell.getFgColor());
  let bg: RGB = cell.isBgDefault()
    ? scheme.bg
    : cell.isBgPalette()
      ? xtermColor(cell.getBgColor())
      : rgbOf(cell.getBgColor());
  if (cell.isInverse()) [fg, bg] = [bg, fg];
  return { fg, bg };
}
