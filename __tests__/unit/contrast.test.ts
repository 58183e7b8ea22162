import { Terminal } from '@xterm/headless';
import {
  contrastRatio,
  dimCells,
  lowContrastCells,
  paletteTextOnDefault,
} from '../support/contrast';
import { DARK, LIGHT, xtermColor } from '../support/xterm-palette';

/** A 10×1 terminal showing `sgr` + `text`. */
async function cells(sgr: string, text = 'ab'): Promise<Terminal> {
  const term = new Terminal({ cols: 10, rows: 1, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(`\x1b[${sgr}m${text}\x1b[m`, resolve));
  return term;
}

const worst = (term: Terminal, scheme = LIGHT) =>
  Math.min(...lowContrastCells(term, scheme, 21.1).map((c) => c.ratio));

describe('contrast ratio', () => {
  it('is 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([127, 127, 127], [127, 127, 127])).toBe(1);
  });

  it('xterm cyan on white is about 2; #0087af on white about 4.1', () => {
    expect(contrastRatio(xtermColor(6), [255, 255, 255])).toBeCloseTo(2.0, 1);
    expect(contrastRatio(xtermColor(31), [255, 255, 255])).toBeCloseTo(4.1, 1);
  });
});

describe('low-contrast cells', () => {
  it('finds cyan text on a white background, with position, glyph and ratio', async () => {
    const term = await cells('36');
    expect(lowContrastCells(term, LIGHT)).toEqual([
      { x: 0, y: 0, char: 'a', ratio: expect.closeTo(2.0, 1) },
      { x: 1, y: 0, char: 'b', ratio: expect.closeTo(2.0, 1) },
    ]);
    expect(lowContrastCells(term, DARK)).toEqual([]);
  });

  it('passes #0087af (palette 31) on both backgrounds and the default foreground', async () => {
    for (const scheme of [LIGHT, DARK]) {
      expect(lowContrastCells(await cells('38;5;31'), scheme)).toEqual([]);
      expect(lowContrastCells(await cells('0'), scheme)).toEqual([]);
    }
  });

  it('ignores blank cells whatever their colours', async () => {
    expect(lowContrastCells(await cells('37;47', '   '), LIGHT)).toEqual([]);
  });

  it('takes the worse of a bold colour 0–7 and its bright twin', async () => {
    // Magenta is 4.7:1 on white, bright magenta 3.1:1, blue on black 2.2:1 but bright blue 4.6:1.
    expect(worst(await cells('35'))).toBeCloseTo(4.7, 1);
    expect(worst(await cells('1;35'))).toBeCloseTo(3.1, 1);
    expect(worst(await cells('1;34'), DARK)).toBeCloseTo(2.2, 1);
    expect(lowContrastCells(await cells('1;31'), DARK)).toEqual([]);
  });

  it('resolves inverse: default colours swapped read fully; white on an inverted white does not', async () => {
    expect(worst(await cells('7'))).toBeCloseTo(21, 0);
    expect(lowContrastCells(await cells('7;37'), LIGHT)).toHaveLength(2);
  });

  it('treats faint text as xterm does: half way to the background', async () => {
    // Default black at half strength on white is mid-grey (about 4:1).
    expect(worst(await cells('2'))).toBeCloseTo(3.9, 1);
    expect(dimCells(await cells('2'))).toBe(2);
    expect(dimCells(await cells('1'))).toBe(0);
  });
});

describe('palette text on the default background', () => {
  it('finds black and white text, not the same colours as a filled background', async () => {
    expect(paletteTextOnDefault(await cells('30'), [0, 7, 15])).toHaveLength(2);
    expect(paletteTextOnDefault(await cells('97'), [0, 7, 15])).toHaveLength(2);
    expect(paletteTextOnDefault(await cells('30;47'), [0, 7, 15])).toEqual([]);
    expect(paletteTextOnDefault(await cells('35'), [0, 7, 15])).toEqual([]);
  });
});
