/**
 * Terminus 14px, normal and bold, as neo-blessed ships it (usr/fonts/ter-u14{n,b}.json: 8×14
 * cells, each glyph a `map` of rows where a non-space is a pixel). Parsed on first use and kept
 * for the rest of the test file.
 */
import { readFileSync } from 'node:fs';

export const FONT_W = 8;
export const FONT_H = 14;

/** One glyph as FONT_H row masks, bit 7 = leftmost pixel. */
export type Glyph = readonly number[];

interface FontFile {
  glyphs: Record<string, { map: string[] }>;
}

const fonts = new Map<'n' | 'b', Map<string, Glyph>>();

function load(weight: 'n' | 'b'): Map<string, Glyph> {
  const file = require.resolve(`blessed/usr/fonts/ter-u14${weight}.json`);
  const { glyphs } = JSON.parse(readFileSync(file, 'utf8')) as FontFile;
  const font = new Map<string, Glyph>();
  for (const [ch, { map }] of Object.entries(glyphs)) {
    font.set(
      ch,
      map.map((row) =>
        [...row].reduce((bits, px, x) => (px === ' ' ? bits : bits | (0x80 >> x)), 0),
      ),
    );
  }
  return font;
}

/** The Terminus glyph of `ch`, or undefined when the font lacks it. */
export function terminusGlyph(ch: string, bold: boolean): Glyph | undefined {
  const weight = bold ? 'b' : 'n';
  let font = fonts.get(weight);
  if (!font) fonts.set(weight, (font = load(weight)));
  return font.get(ch);
}
