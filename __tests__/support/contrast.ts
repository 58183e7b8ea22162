/**
 * WCAG contrast over an emulated terminal: every visible cell (a glyph that is not blank) is
 * resolved to the colours a person sees under a colour scheme and compared with a minimum
 * ratio. Pure: it reads the emulator's cells, nothing else.
 */
import type { IBufferCell, Terminal } from '@xterm/headless';
import { cellColors, xtermColor, type RGB, type Scheme } from './xterm-palette';

/** WCAG 2 relative luminance of an sRGB colour. */
export function luminance([r, g, b]: RGB): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours, 1 (none) to 21 (black on white). */
export function contrastRatio(a: RGB, b: RGB): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** xterm draws faint text at half strength over its background. */
function faint(fg: RGB, bg: RGB): RGB {
  return [0, 1, 2].map((i) => Math.round((fg[i]! + bg[i]!) / 2)) as unknown as RGB;
}

/**
 * The colour pairs a cell may show. xterm draws bold text in palette colours 0–7 in the bright
 * colour 8–15 by default (boldColors; xterm.js brightens the colour that ends up as the glyph's,
 * after inverse) and a user may turn that off, so each way counts.
 */
export function cellPairs(cell: IBufferCell, scheme: Scheme): { fg: RGB; bg: RGB }[] {
  const base = cellColors(cell, scheme);
  const pairs = [base];
  if (cell.isBold()) {
    const fgIndex = cell.isFgPalette() ? cell.getFgColor() : -1;
    const bgIndex = cell.isBgPalette() ? cell.getBgColor() : -1;
    const glyphIndex = cell.isInverse() ? bgIndex : fgIndex;
    if (glyphIndex >= 0 && glyphIndex < 8) pairs.push({ ...base, fg: xtermColor(glyphIndex + 8) });
    if (cell.isInverse() && fgIndex >= 0 && fgIndex < 8)
      pairs.push({ ...base, bg: xtermColor(fgIndex + 8) });
  }
  return cell.isDim() ? pairs.map(({ fg, bg }) => ({ fg: faint(fg, bg), bg })) : pairs;
}

export interface LowContrastCell {
  x: number;
  y: number;
  char: string;
  /** The worst ratio the cell can show. */
  ratio: number;
}

/** Cells of the visible screen whose glyph reads below `min`:1 against its background. */
export function lowContrastCells(term: Terminal, scheme: Scheme, min = 3): LowContrastCell[] {
  const out: LowContrastCell[] = [];
  const buffer = term.buffer.active;
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    for (let x = 0; line && x < term.cols; x++) {
      const cell = line.getCell(x);
      if (!cell || !isVisible(cell)) continue;
      const ratio = Math.min(...cellPairs(cell, scheme).map(({ fg, bg }) => contrastRatio(fg, bg)));
      if (ratio < min) out.push({ x, y, char: cell.getChars(), ratio });
    }
  }
  return out;
}

function isVisible(cell: IBufferCell): boolean {
  return cell.getWidth() > 0 && cell.getChars().trim() !== '' && !cell.isInvisible();
}

/**
 * Cells whose glyph is drawn in one of the palette colours `indices` on the terminal's own
 * background (e.g. black or white text, unreadable on one of the two).
 */
export function paletteTextOnDefault(
  term: Terminal,
  indices: readonly number[],
): { x: number; y: number; char: string; fg: number }[] {
  const out: { x: number; y: number; char: string; fg: number }[] = [];
  const buffer = term.buffer.active;
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    for (let x = 0; line && x < term.cols; x++) {
      const cell = line.getCell(x);
      if (!cell || !isVisible(cell) || cell.isInverse() || !cell.isBgDefault()) continue;
      if (cell.isFgPalette() && indices.includes(cell.getFgColor()))
        out.push({ x, y, char: cell.getChars(), fg: cell.getFgColor() });
    }
  }
  return out;
}

/** Whether any visible cell is drawn faint (the theme never asks for it). */
export function dimCells(term: Terminal): number {
  let n = 0;
  const buffer = term.buffer.active;
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    for (let x = 0; line && x < term.cols; x++) {
      const cell = line.getCell(x);
      if (cell && isVisible(cell) && cell.isDim()) n++;
    }
  }
  return n;
}
