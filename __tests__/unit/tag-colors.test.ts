/**
 * Tags in the cluster's own colours: the `tag-style` color-map as the web UI reads it
 * (pve-manager www/manager6/UIOptions.js `parseTagOverrides`), the colour of a tag the map does
 * not name and the text colour when the map gives none (proxmox-widget-toolkit src/Utils.js
 * `stringToRGB`, `getTextContrastClass`, `getTagElement`), then the terminal's palette: the
 * nearest xterm colour and a foreground that reads at least 3:1 on it.
 */
import { clusterTags, parseColorMap } from '../../services/client/tag-style';
import { nameColor, tagColor, textContrast } from '../../lib/model/tag-colors';
import {
  colorDistance,
  contrast,
  nearestColor,
  readableColors,
  xtermRgb,
} from '../../widgets/palette';
import { contrastRatio } from '../support/contrast';
import { xtermColor } from '../support/xterm-palette';

describe('the color-map (UIOptions.js parseTagOverrides)', () => {
  it('reads tag:bg and tag:bg:fg, hex without #, in either case', () => {
    const map = parseColorMap('prod:C62828:ffffff;db:1565c0');
    expect([...map]).toEqual([
      ['prod', { bg: [0xc6, 0x28, 0x28], fg: [255, 255, 255] }],
      ['db', { bg: [0x15, 0x65, 0xc0] }],
    ]);
  });

  it('skips malformed entries and keeps the rest; a later entry for a tag wins', () => {
    const map = parseColorMap(
      ';;a:ff0000;b;c:12345;d:gg0000;e:00ff00:12;:00ff00;{red-fg}:ff0000;f:0000ff:ffffff:000000;a:00ff00;g:ABCDEF',
    );
    expect([...map.keys()]).toEqual(['a', 'e', 'g']);
    expect(map.get('a')).toEqual({ bg: [0, 255, 0] });
    // A text colour that is not six hex digits is dropped; the background stays.
    expect(map.get('e')).toEqual({ bg: [0, 255, 0] });
  });

  it('a tag named like an object property is a tag like any other', () => {
    const map = parseColorMap('__proto__:ff0000;constructor:00ff00');
    expect(map.get('__proto__')).toEqual({ bg: [255, 0, 0] });
    expect(map.get('toString')).toBeUndefined();
  });

  it('from /cluster/options: allowed-tags sorted once, tag-style an object (trap 21), else no colours', () => {
    const tags = clusterTags({
      'allowed-tags': ['web', 'db', 'db'],
      'tag-style': { shape: 'full', 'color-map': 'db:336699' },
    });
    expect(tags.tags).toEqual(['db', 'web']);
    expect([...tags.colors]).toEqual([['db', { bg: [0x33, 0x66, 0x99] }]]);
    for (const style of [undefined, 'color-map=db:336699', { 'color-map': 5 }, null, []]) {
      const bare = clusterTags({ 'allowed-tags': ['db'], 'tag-style': style });
      expect(bare).toEqual({ tags: ['db'], colors: new Map() });
    }
    expect(clusterTags({})).toEqual({ tags: [], colors: new Map() });
  });
});

describe("the web UI's colours (proxmox-widget-toolkit src/Utils.js)", () => {
  it('a tag the map does not name gets a colour made from its name (stringToRGB)', () => {
    // Values of the web UI's own function (copied from Utils.js and run under node).
    expect(nameColor('db')).toEqual([239.6, 121.3, 119.9].map(expect.closeTo));
    expect(nameColor('prod')).toEqual([122.7, 213, 105.2].map(expect.closeTo));
    expect(nameColor('nixos')).toEqual([196.9, 255, 189.2].map(expect.closeTo));
  });

  it('text colour: white or black by getTextContrastClass (SAPC), grey turns dark at #a4a4a4', () => {
    expect(textContrast([0, 0, 0])).toBe('light');
    expect(textContrast([255, 255, 255])).toBe('dark');
    expect(textContrast([255, 0, 0])).toBe('light');
    expect(textContrast([255, 153, 0])).toBe('dark');
    expect(textContrast([163, 163, 163])).toBe('light');
    expect(textContrast([164, 164, 164])).toBe('dark');
  });

  it("a tag's colours: the map's (with its text colour), else by name, text by the rule", () => {
    const map = parseColorMap('prod:c62828:ffff00;db:ffd54f');
    expect(tagColor('prod', map)).toEqual({ bg: [0xc6, 0x28, 0x28], fg: [255, 255, 0] });
    expect(tagColor('db', map)).toEqual({ bg: [0xff, 0xd5, 0x4f], fg: [0, 0, 0] });
    expect(tagColor('k8s', map)).toEqual({ bg: nameColor('k8s'), fg: [255, 255, 255] });
    // The web UI looks a tag up as it is spelt.
    expect(tagColor('PROD', map).bg).toEqual(nameColor('PROD'));
  });
});

describe("the terminal's palette", () => {
  it("knows xterm's colours as the contrast test does", () => {
    for (let i = 0; i < 256; i++) expect(xtermRgb(i)).toEqual(xtermColor(i));
    expect(contrast(16, 231)).toBeCloseTo(21, 5);
    expect(contrast(31, 231)).toBeCloseTo(contrastRatio(xtermColor(31), [255, 255, 255]), 5);
  });

  it('256 colours: the nearest of the cube and grey ramp (16–255), never the themable 0–15', () => {
    expect(nearestColor([255, 0, 0], 256)).toBe(196);
    expect(nearestColor([0, 0x87, 0xaf], 256)).toBe(31);
    expect(nearestColor([128, 128, 128], 256)).toBe(244);
    expect(nearestColor([0, 0, 0], 256)).toBe(16);
    expect(nearestColor([255, 255, 255], 256)).toBe(231);
    expect(nearestColor([0xc6, 0x28, 0x28], 256)).toBe(160);
    // A mid green stays green (#00875f), not the grey (239) plain RGB distance calls nearer.
    expect(nearestColor([0x2e, 0x7d, 0x32], 256)).toBe(29);
    for (let r = 0; r < 256; r += 15)
      for (let g = 0; g < 256; g += 15)
        expect(nearestColor([r, g, 255 - r], 256)).toBeGreaterThanOrEqual(16);
  });

  it('256 colours: looks at the neighbours only, and picks what a scan of all 240 would', () => {
    // Checked once over all 16.7 million integer colours; here over a grid of 40,000.
    const palette = Array.from({ length: 256 }, (_, i) => xtermRgb(i));
    const scan = (rgb: readonly [number, number, number]) => {
      let best = 16;
      for (let i = 17; i < 256; i++)
        if (colorDistance(palette[i]!, rgb) < colorDistance(palette[best]!, rgb)) best = i;
      return best;
    };
    const misses: string[] = [];
    const check = (rgb: readonly [number, number, number]) => {
      if (nearestColor(rgb, 256) !== scan(rgb)) misses.push(rgb.join());
    };
    for (let r = 0; r < 256; r += 7)
      for (let g = 1; g < 256; g += 5) for (let b = 2; b < 256; b += 11) check([r, g, b]);
    // The web UI's colours by name are fractional (70% over white).
    for (let i = 0; i < 500; i++) check(nameColor(`tag-${i}`));
    expect(misses).toEqual([]);
  });

  it('8 colours: the hue decides (a mid blue is blue, not the nearer cyan); greys by lightness', () => {
    const eight = (rgb: [number, number, number]) => nearestColor(rgb, 8);
    expect([eight([255, 0, 0]), eight([0xc6, 0x28, 0x28]), eight([240, 121, 120])]).toEqual([
      1, 1, 1,
    ]);
    expect([eight([0x15, 0x65, 0xc0]), eight([0x33, 0x66, 0x99])]).toEqual([4, 4]);
    expect([eight([0x2e, 0x7d, 0x32]), eight([196.9, 255, 189.2])]).toEqual([2, 2]);
    expect([eight([0xff, 0xd5, 0x4f]), eight([0, 0x87, 0xaf]), eight([128, 0, 128])]).toEqual([
      3, 6, 5,
    ]);
    expect([eight([250, 250, 250]), eight([133, 139, 135]), eight([20, 20, 20])]).toEqual([
      7, 7, 0,
    ]);
    expect(eight([120, 120, 120])).toBe(0);
  });

  it("keeps the map's text colour when it reads 3:1 on the chosen background", () => {
    expect(readableColors({ bg: [0xc6, 0x28, 0x28], fg: [255, 255, 0] }, 256)).toEqual({
      bg: 160,
      fg: 226,
    });
  });

  it('an unreadable text colour becomes black or white, whichever reads more', () => {
    // 'db' by name: the web UI writes white on it, 2.3:1 once it is palette 210 (#ff8787).
    const db = tagColor('db', new Map());
    expect(db.fg).toEqual([255, 255, 255]);
    expect(readableColors(db, 256)).toEqual({ bg: 210, fg: 16 });
    // The map's grey on grey.
    expect(readableColors({ bg: [0x80, 0x80, 0x80], fg: [0x90, 0x90, 0x90] }, 256)).toEqual({
      bg: 244,
      fg: 16,
    });
    expect(readableColors({ bg: [0, 0, 0xee], fg: [0, 0, 0x60] }, 8)).toEqual({ bg: 4, fg: 7 });
    // No text colour given: the better of the two.
    expect(readableColors({ bg: [0x20, 0x20, 0x20] }, 256)).toEqual({ bg: 234, fg: 231 });
  });

  it('every colour gets a pair that reads at least 3:1, on 256 and 8 colours', () => {
    const worst = { 256: 21, 8: 21 };
    for (const colors of [256, 8] as const) {
      for (let r = 0; r < 256; r += 17)
        for (let g = 0; g < 256; g += 17)
          for (let b = 0; b < 256; b += 17) {
            const fg = [b, r, g] as const;
            const pair = readableColors({ bg: [r, g, b], fg }, colors);
            const ratio = contrastRatio(xtermColor(pair.fg), xtermColor(pair.bg));
            worst[colors] = Math.min(worst[colors], ratio);
          }
    }
    expect(worst[256]).toBeGreaterThanOrEqual(3);
    expect(worst[8]).toBeGreaterThanOrEqual(3);
  });
});
