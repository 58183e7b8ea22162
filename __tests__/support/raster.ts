/**
 * Rasterises the cells of an emulated terminal into a PNG, as a terminal with Terminus 14px
 * would show them under a light or dark default colour scheme: colours, bold (the bold font),
 * dim, underline and inverse. Same cells, same pixels, on every machine.
 */
import type { Terminal } from '@xterm/headless';
import { Bitmap } from './bitmap';
import { FALLBACK_GLYPHS } from './fallback-glyphs';
import { FONT_H, FONT_W, terminusGlyph, type Glyph } from './terminus';
import { cellColors, DARK, type RGB, type Scheme } from './xterm-palette';

export const CELL_W = FONT_W;
export const CELL_H = FONT_H;
const UNDERLINE_ROW = 12; // where Terminus draws `_`, just below the baseline

/** What the font and the fallbacks lack: a hollow box as wide as the character's cells. */
function drawUnknown(bm: Bitmap, x0: number, y0: number, cells: number, fg: RGB): void {
  const w = cells * CELL_W - 2;
  bm.rect(x0 + 1, y0 + 1, w, 1, fg);
  bm.rect(x0 + 1, y0 + CELL_H - 2, w, 1, fg);
  bm.rect(x0 + 1, y0 + 1, 1, CELL_H - 2, fg);
  bm.rect(x0 + w, y0 + 1, 1, CELL_H - 2, fg);
}

function glyphOf(ch: string, bold: boolean): Glyph | undefined {
  return terminusGlyph(ch, bold) ?? FALLBACK_GLYPHS.get(ch);
}

const halfway = (a: RGB, b: RGB): RGB => [
  Math.round((a[0] + b[0]) / 2),
  Math.round((a[1] + b[1]) / 2),
  Math.round((a[2] + b[2]) / 2),
];

/** The terminal's visible screen as a bitmap, CELL_W×CELL_H pixels a cell. */
export function paint(term: Terminal, scheme: Scheme = DARK): Bitmap {
  const bm = new Bitmap(term.cols * CELL_W, term.rows * CELL_H);
  const buffer = term.buffer.active;
  const cell = buffer.getNullCell();
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    for (let x = 0; x < term.cols; x++) {
      if (!line?.getCell(x, cell)) continue;
      const cells = cell.getWidth();
      if (cells === 0) continue; // the second half of a wide character
      const colors = cellColors(cell, scheme);
      const bg = colors.bg;
      const fg = cell.isDim() ? halfway(colors.fg, bg) : colors.fg;
      const x0 = x * CELL_W;
      const y0 = y * CELL_H;
      bm.rect(x0, y0, CELL_W * cells, CELL_H, bg);
      const ch = cell.getChars();
      if (ch !== '' && ch !== ' ') {
        const glyph = glyphOf(ch, !!cell.isBold());
        if (glyph) bm.mask(x0, y0, glyph, fg);
        else drawUnknown(bm, x0, y0, cells, fg);
      }
      if (cell.isUnderline()) bm.rect(x0, y0 + UNDERLINE_ROW, CELL_W * cells, 1, fg);
    }
  }
  return bm;
}

export function rasterize(term: Terminal, scheme: Scheme = DARK): Buffer {
  return paint(term, scheme).png();
}
