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

/**
 * The palette's colours and their luminance, made when a tag is first coloured: this module
 * is loaded with the theme at start-up, and the login screen colours no tag.
 */
let tables: { rgb: Rgb[]; luminance: number[] } | undefined;
function palette(): { rgb: Rgb[]; luminance: number[] } {
  if (!tables) {
    const rgb = Array.from({ length: 256 }, (_, i) => xtermRgb(i));
    tables = { rgb, luminance: rgb.map(luminanceOf) };
  }
  return tables;
}

function luminanceOf([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast of two palette colours, 1 to 21. */
export function contrast(a: number, b: number): number {
  const { luminance } = palette();
  const [x, y] = [luminance[a]!, luminance[b]!];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Red, yellow, green, cyan, blue, magenta: the 8-colour palette's hues, 60° apart. */
const HUES = [1, 3, 2, 6, 4, 5];
/** Channels closer than this are a grey (the web UI's tag colours by name are pastel). */
const GREY_SPREAD = 40;

/**
 * The 8-colour palette's colour for `rgb`: its hue decides (a blue is blue, not the brighter
 * cyan that is nearer in RGB), a grey is black or white by its lightness.
 */
function eightColor([r, g, b]: Rgb): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const spread = max - min;
  if (spread < GREY_SPREAD) return max + min < 256 ? 0 : 7;
  const sector =
    max === r
      ? ((g - b) / spread + 6) % 6
      : max === g
        ? (b - r) / spread + 2
        : (r - g) / spread + 4;
  return HUES[Math.round(sector) % 6]!;
}

/**
 * Distance of two colours as the eye sees it, roughly ("redmean", compuphase.com/cmetric.htm):
 * plain RGB distance calls a mid green nearer a grey than the cube's green.
 */
export function colorDistance(a: Rgb, b: Rgb): number {
  const r = (a[0] + b[0]) / 2;
  const [dr, dg, db] = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  return (2 + r / 256) * dr * dr + 4 * dg * dg + (2 + (255 - r) / 256) * db * db;
}

/** The cube's channel levels, and the two either side of `v` (the same one at the ends). */
const LEVELS = [0, 95, 135, 175, 215, 255];
function levelsAround(v: number): [number, number] {
  let above = 1;
  while (above < LEVELS.length - 1 && LEVELS[above]! < v) above++;
  return v <= LEVELS[0]! ? [0, 0] : [above - 1, above];
}

/**
 * The grey ramp's steps around the grey nearest `rgb` (232 + k shows 8 + 10k): the grey at the
 * channels' mean weighted as `colorDistance` weighs them, one step either side for the weights'
 * small dependence on the grey itself.
 */
function greysAround([r, g, b]: Rgb): number[] {
  const [wr, wb] = [2 + r / 256, 2 + (255 - r) / 256];
  const mean = (wr * r + 4 * g + wb * b) / (wr + 4 + wb);
  const k = Math.floor((mean - 8) / 10);
  return [k - 1, k, k + 1, k + 2].filter((s) => s >= 0 && s < 24).map((s) => 232 + s);
}

/**
 * The palette colour for `rgb` on a terminal of `depth`: on 256 colours the nearest of 16–255
 * (by `colorDistance`), on 8 colours by hue. Only the cube's corners around `rgb` and the greys
 * around its weighted mean can be nearest, so a first list of tags costs no scan per row.
 */
export function nearestColor(rgb: Rgb, depth: ColorDepth): number {
  if (depth === 8) return eightColor(rgb);
  const [rs, gs, bs] = rgb.map(levelsAround);
  const candidates: number[] = [];
  for (const r of rs!)
    for (const g of gs!) for (const b of bs!) candidates.push(16 + 36 * r + 6 * g + b);
  candidates.push(...greysAround(rgb));
  const colours = palette().rgb;
  let best = 255;
  let bestDistance = Infinity;
  for (const i of candidates) {
    const d = colorDistance(colours[i]!, rgb);
    if (d < bestDistance || (d === bestDistance && i < best)) [best, bestDistance] = [i, d];
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
