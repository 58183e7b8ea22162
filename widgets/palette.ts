/**
 * Colours the data brings (a tag's, in RGB) on the terminal's palette: the nearest colour
 * xterm has, and a text colour that reads at least 3:1 (WCAG) on it under xterm's palette.
 * On 256 colours only 16–255 are used (the cube and the grey ramp are the same everywhere;
 * 0–15 are the user's theme); on 8 colours, 0–7. Pure: no blessed.
 */
export type Rgb = readonly [number, number, number];

/** A background, and the text colour wished on it (black or white when absent or unreadable). */
export interface ChipColor {
  bg: Rgb;
  fg?: Rgb;
}

export type ColorDepth = 8 | 256;

const ANSI16: Rgb[] = [
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

const cubeLevel = (v: number) => (v === 0 ? 0 : 55 + v * 40);

/** The RGB xterm shows for palette index `i` (0–255). */
export function xtermRgb(i: number): Rgb {
  if (i < 16) return ANSI16[i]!;
  if (i < 232) {
    const n = i - 16;
    return [cubeLevel(Math.floor(n / 36)), cubeLevel(Math.floor(n / 6) % 6), cubeLevel(n % 6)];
  }
  const g = 8 + (i - 232) * 10;
  return [g, g, g];
}

const PALETTE = Array.from({ length: 256 }, (_, i) => xtermRgb(i));

function luminanceOf([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

const LUMINANCE = PALETTE.map(luminanceOf);

/** WCAG contrast of two palette colours, 1 to 21. */
export function contrast(a: number, b: number): number {
  const [x, y] = [LUMINANCE[a]!, LUMINANCE[b]!];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The palette colour nearest `rgb` (straight-line distance in RGB) on a terminal of `depth`. */
export function nearestColor(rgb: Rgb, depth: ColorDepth): number {
  const [from, to] = depth === 256 ? [16, 256] : [0, 8];
  let best = from;
  let bestDistance = Infinity;
  for (let i = from; i < to; i++) {
    const [r, g, b] = PALETTE[i]!;
    const d = (r - rgb[0]) ** 2 + (g - rgb[1]) ** 2 + (b - rgb[2]) ** 2;
    if (d < bestDistance) [best, bestDistance] = [i, d];
  }
  return best;
}

/** Readable: WCAG 3:1, what the theme's roles meet. */
export const MIN_CONTRAST = 3;

/** Background and text as palette colours: the wished text when it reads 3:1, else black or white. */
export function readableColors(color: ChipColor, depth: ColorDepth): { bg: number; fg: number } {
  const bg = nearestColor(color.bg, depth);
  if (color.fg) {
    const fg = nearestColor(color.fg, depth);
    if (contrast(fg, bg) >= MIN_CONTRAST) return { bg, fg };
  }
  const [black, white] = depth === 256 ? [16, 231] : [0, 7];
  return { bg, fg: contrast(black, bg) >= contrast(white, bg) ? black : white };
}
