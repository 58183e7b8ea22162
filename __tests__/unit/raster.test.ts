import { Terminal } from '@xterm/headless';
import { CELL_H, CELL_W, paint, rasterize } from '../support/raster';
import { DARK, LIGHT, type RGB } from '../support/xterm-palette';
import { createTheme } from '../../widgets/theme';
import { sanitize } from '../../widgets/text';
import type { Bitmap } from '../support/bitmap';

const terminals: Terminal[] = [];
afterEach(() => terminals.splice(0).forEach((t) => t.dispose()));

async function terminal(cols: number, rows: number, text: string): Promise<Terminal> {
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  terminals.push(term);
  await new Promise<void>((resolve) => term.write(text, resolve));
  return term;
}

const same = (a: RGB, b: RGB) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** The pixels of one cell as a string of `#` (not the background) and `.`, row by row. */
function cellInk(bm: Bitmap, col: number, row: number, bg: RGB, cells = 1): string[] {
  const out: string[] = [];
  for (let y = 0; y < CELL_H; y++) {
    let line = '';
    for (let x = 0; x < CELL_W * cells; x++) {
      line += same(bm.pixel(col * CELL_W + x, row * CELL_H + y), bg) ? '.' : '#';
    }
    out.push(line);
  }
  return out;
}

const inkedRows = (ink: string[]) => ink.flatMap((l, y) => (l.includes('#') ? [y] : []));

async function inkOf(ch: string, bold = false): Promise<string[]> {
  const term = await terminal(2, 1, bold ? `\x1b[1m${ch}` : ch);
  return cellInk(paint(term, DARK), 0, 0, DARK.bg);
}

/** Every non-ASCII character the app prints: its line and symbol glyphs and what text shows
 * in place of control characters (Control Pictures, the replacement character). */
function appCharacters(): string[] {
  const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
  const shown = Object.values(createTheme().glyphs).join('') + sanitize(`${controls}\x7f\x9b`);
  return [...new Set(shown)].filter((c) => c > '\x7f');
}

describe('rasteriser', () => {
  it('is 8×14 pixels a cell', async () => {
    const png = rasterize(await terminal(3, 2, 'ab'));
    expect(png.readUInt32BE(16)).toBe(3 * 8);
    expect(png.readUInt32BE(20)).toBe(2 * 14);
  });

  it('draws descenders below the baseline', async () => {
    const g = inkedRows(await inkOf('g'));
    const a = inkedRows(await inkOf('a'));
    expect(Math.max(...g)).toBeGreaterThan(Math.max(...a) + 1);
  });

  it('draws bold text with the bold font', async () => {
    const normal = (await inkOf('l')).join('');
    const bold = (await inkOf('l', true)).join('');
    expect(bold.split('#').length).toBeGreaterThan(normal.split('#').length);
  });

  it('has a glyph, not the unknown-character box, for every non-ASCII character the app prints', async () => {
    const chars = appCharacters();
    expect(chars).toEqual(expect.arrayContaining(['›', '▾', '…', '┌', '┘', '␛', '\ufffd']));
    const unknown = (await inkOf('\u2603')).join('\n');
    const inks = new Map<string, string>();
    for (const ch of chars) {
      const ink = (await inkOf(ch)).join('\n');
      expect({ ch, drawn: ink.includes('#') }).toEqual({ ch, drawn: true });
      expect({ ch, unknown: ink === unknown }).toEqual({ ch, unknown: false });
      inks.set(ch, ink);
    }
    // Control pictures are told apart from each other.
    expect(new Set(inks.values()).size).toBe(inks.size);
  });

  it('joins box lines from cell to cell', async () => {
    const term = await terminal(4, 3, '┌──┐\r\n│  │\r\n└──┘');
    const bm = paint(term, DARK);
    const ink = Array.from({ length: 3 }, (_, row) => cellInk(bm, 0, row, DARK.bg, 4)).flat();
    const across = ink.filter((l) => /^\.*#{17,}\.*$/.test(l));
    expect(across).toHaveLength(2);
    const column = ink.map((l) => l.indexOf('#')).filter((x) => x >= 0);
    expect(new Set(column).size).toBe(1);
    const top = ink.findIndex((l) => l.includes('#'));
    const bottom = ink.length - 1 - [...ink].reverse().findIndex((l) => l.includes('#'));
    expect(ink.slice(top, bottom + 1).every((l) => l.includes('#'))).toBe(true);
  });

  it('draws a wide character the font lacks as a box two cells wide', async () => {
    const term = await terminal(3, 1, '東');
    const ink = cellInk(paint(term, DARK), 0, 0, DARK.bg, 2);
    const rows = inkedRows(ink);
    expect(ink[rows[0]!]!.replace(/^\.+|\.+$/g, '').length).toBeGreaterThan(CELL_W + 4);
  });

  it('follows the scheme for the default colours', async () => {
    const term = await terminal(2, 1, 'H');
    const light = paint(term, LIGHT);
    const dark = paint(term, DARK);
    expect(light.pixel(CELL_W + 1, 1)).toEqual([255, 255, 255]);
    expect(dark.pixel(CELL_W + 1, 1)).toEqual([0, 0, 0]);
    const colours = (bm: Bitmap) => new Set(pixels(bm, 0).map((p) => p.join()));
    expect(colours(light)).toEqual(new Set(['255,255,255', '0,0,0']));
    expect(colours(dark)).toEqual(new Set(['0,0,0', '255,255,255']));
  });

  it('draws dim text half-way to the background, and inverse and underline', async () => {
    const term = await terminal(3, 1, '\x1b[2mH\x1b[0m\x1b[7m \x1b[0m\x1b[4m ');
    const bm = paint(term, DARK);
    expect(new Set(pixels(bm, 0).map((p) => p.join()))).toEqual(new Set(['0,0,0', '128,128,128']));
    expect(new Set(pixels(bm, 1).map((p) => p.join()))).toEqual(new Set(['255,255,255']));
    const underline = cellInk(bm, 2, 0, DARK.bg);
    expect(inkedRows(underline)).toEqual([12]);
  });
});

/** Every pixel of cell `col` in row 0. */
function pixels(bm: Bitmap, col: number): RGB[] {
  const out: RGB[] = [];
  for (let y = 0; y < CELL_H; y++)
    for (let x = 0; x < CELL_W; x++) out.push(bm.pixel(col * CELL_W + x, y));
  return out;
}
