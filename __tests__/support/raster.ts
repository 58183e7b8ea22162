/**
 * Rasterises the cells of an emulated terminal into a PNG: colours, bold, dim, underline and
 * inverse, with the 5×7 bitmap font of the oled-font-5x7 npm package for ASCII and drawn box
 * lines for the box-drawing characters. Same cells, same pixels, on every machine.
 */
import type { Terminal } from '@xterm/headless';
import { deflateSync } from 'node:zlib';
import font from 'oled-font-5x7';

const CELL_W = 6;
const CELL_H = 10;
const SCALE = 2;

type RGB = [number, number, number];

const BASE16: RGB[] = [
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

function palette(i: number): RGB {
  if (i < 16) return BASE16[i]!;
  if (i < 232) {
    const n = i - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return [level(Math.floor(n / 36)), level(Math.floor(n / 6) % 6), level(n % 6)];
  }
  const g = 8 + (i - 232) * 10;
  return [g, g, g];
}

const DEFAULT_FG: RGB = [208, 208, 208];
const DEFAULT_BG: RGB = [16, 16, 24];

/** Box-drawing characters as the segments they join: [left, right, up, down]. */
const BOX: Record<string, [number, number, number, number]> = {
  '─': [1, 1, 0, 0],
  '│': [0, 0, 1, 1],
  '┌': [0, 1, 0, 1],
  '┐': [1, 0, 0, 1],
  '└': [0, 1, 1, 0],
  '┘': [1, 0, 1, 0],
  '├': [0, 1, 1, 1],
  '┤': [1, 0, 1, 1],
  '┬': [1, 1, 0, 1],
  '┴': [1, 1, 1, 0],
  '┼': [1, 1, 1, 1],
};

/** A few non-ASCII symbols the UI uses, as 5×7 rows (bit 4 = leftmost pixel). */
const SYMBOLS: Record<string, number[]> = {
  '▾': [0, 0, 0x1f, 0x0e, 0x04, 0, 0],
  '…': [0, 0, 0, 0, 0, 0, 0x15],
  '›': [0, 0x08, 0x04, 0x02, 0x04, 0x08, 0],
  '–': [0, 0, 0, 0x1f, 0, 0, 0],
  '·': [0, 0, 0, 0x04, 0, 0, 0],
};

const glyphIndex = new Map(font.lookup.map((ch, i) => [ch, i]));

/** An RGB image, scaled up by SCALE, encoded as PNG with zlib (fast even inside jest's sandbox). */
class Canvas {
  private readonly data: Buffer;
  private readonly stride: number;
  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    // Each row starts with its filter-type byte (0 = none).
    this.stride = width * SCALE * 3 + 1;
    this.data = Buffer.alloc(this.stride * height * SCALE);
  }
  /** Fill an unscaled rectangle. */
  rect(x: number, y: number, w: number, h: number, c: RGB): void {
    const data = this.data;
    for (let py = y * SCALE; py < (y + h) * SCALE; py++) {
      let i = py * this.stride + 1 + x * SCALE * 3;
      for (let px = 0; px < w * SCALE; px++, i += 3) {
        data[i] = c[0];
        data[i + 1] = c[1];
        data[i + 2] = c[2];
      }
    }
  }
  encode(): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width * SCALE, 0);
    header.writeUInt32BE(this.height * SCALE, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(this.data)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function drawChar(
  cv: Canvas,
  ch: string,
  x0: number,
  y0: number,
  cells: number,
  fg: RGB,
  bold: boolean,
): void {
  const box = BOX[ch];
  if (box) {
    const cx = x0 + 2;
    const cy = y0 + 4;
    if (box[0]) cv.rect(x0, cy, 3, 1, fg);
    if (box[1]) cv.rect(cx, cy, CELL_W - 2, 1, fg);
    if (box[2]) cv.rect(cx, y0, 1, 5, fg);
    if (box[3]) cv.rect(cx, cy, 1, CELL_H - 4, fg);
    return;
  }
  const rows = SYMBOLS[ch];
  const index = glyphIndex.get(ch);
  if (rows) {
    rows.forEach((bits, y) => {
      for (let x = 0; x < 5; x++)
        if (bits & (0x10 >> x)) cv.rect(x0 + x, y0 + 1 + y, bold ? 2 : 1, 1, fg);
    });
  } else if (index !== undefined) {
    for (let x = 0; x < font.width; x++) {
      const column = font.fontData[index * font.width + x]!;
      for (let y = 0; y < font.height; y++) {
        if (column & (1 << y)) cv.rect(x0 + x, y0 + 1 + y, bold ? 2 : 1, 1, fg);
      }
    }
  } else if (ch !== ' ' && ch !== '') {
    // Anything the font lacks (wide characters, other symbols): a hollow box the cells' width.
    const w = cells * CELL_W - 2;
    cv.rect(x0, y0 + 1, w, 1, fg);
    cv.rect(x0, y0 + 7, w, 1, fg);
    cv.rect(x0, y0 + 1, 1, 7, fg);
    cv.rect(x0 + w - 1, y0 + 1, 1, 7, fg);
  }
}

export function rasterize(term: Terminal): Buffer {
  const cols = term.cols;
  const rows = term.rows;
  const cv = new Canvas(cols * CELL_W, rows * CELL_H);
  const buffer = term.buffer.active;
  const cell = buffer.getNullCell();
  for (let y = 0; y < rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    for (let x = 0; x < cols; x++) {
      if (!line?.getCell(x, cell)) continue;
      const width = cell.getWidth();
      if (width === 0) continue;
      let fg = cell.isFgDefault()
        ? DEFAULT_FG
        : cell.isFgPalette()
          ? palette(cell.getFgColor())
          : rgb(cell.getFgColor());
      let bg = cell.isBgDefault()
        ? DEFAULT_BG
        : cell.isBgPalette()
          ? palette(cell.getBgColor())
          : rgb(cell.getBgColor());
      if (cell.isInverse()) [fg, bg] = [bg, fg];
      if (cell.isDim()) fg = [fg[0] >> 1, fg[1] >> 1, fg[2] >> 1];
      const x0 = x * CELL_W;
      const y0 = y * CELL_H;
      cv.rect(x0, y0, CELL_W * width, CELL_H, bg);
      drawChar(cv, cell.getChars(), x0, y0, width, fg, !!cell.isBold());
      if (cell.isUnderline()) cv.rect(x0, y0 + CELL_H - 1, CELL_W * width, 1, fg);
    }
  }
  return cv.encode();
}

function rgb(n: number): RGB {
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
