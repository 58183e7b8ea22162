declare module 'oled-font-5x7' {
  /** Column-major 5×7 glyphs: `width` bytes per glyph, bit 0 = top row; `lookup` maps chars. */
  const font: { width: number; height: number; fontData: number[]; lookup: string[] };
  export = font;
}
