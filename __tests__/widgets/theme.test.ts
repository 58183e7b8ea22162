/**
 * Every role of every theme, drawn by blessed on the terminal kinds pvevm drives, read back
 * from the emulator: each glyph reads at least 3:1 on the backgrounds the theme is meant for.
 */
import blessed from 'blessed';
import type { ChipColor } from '../../widgets/palette';
import { ROLES, type Role, type Theme } from '../../widgets/theme';
import { dimCells, lowContrastCells, paletteTextOnDefault } from '../support/contrast';
import { Harness } from '../support/harness';
import { DARK, LIGHT, type Scheme } from '../support/xterm-palette';

interface Case {
  name: string;
  term: string;
  env: Record<string, string>;
  schemes: Scheme[];
}

const UTF8 = { LANG: 'C.UTF-8' };
const CASES: Case[] = [
  {
    name: '256 colours, background unknown',
    term: 'xterm-256color',
    env: UTF8,
    schemes: [LIGHT, DARK],
  },
  {
    name: '8 colours (xterm), background unknown',
    term: 'xterm',
    env: UTF8,
    schemes: [LIGHT, DARK],
  },
  { name: 'Linux console, background unknown', term: 'linux', env: UTF8, schemes: [LIGHT, DARK] },
  {
    name: '256 colours on dark',
    term: 'xterm-256color',
    env: { ...UTF8, COLORFGBG: '15;0' },
    schemes: [DARK],
  },
  {
    name: '256 colours on light',
    term: 'xterm-256color',
    env: { ...UTF8, COLORFGBG: '0;15' },
    schemes: [LIGHT],
  },
  {
    name: '8 colours on dark',
    term: 'xterm',
    env: { ...UTF8, COLORFGBG: '15;0' },
    schemes: [DARK],
  },
  {
    name: '8 colours on light',
    term: 'xterm',
    env: { ...UTF8, COLORFGBG: '0;15' },
    schemes: [LIGHT],
  },
  {
    name: 'NO_COLOR',
    term: 'xterm-256color',
    env: { ...UTF8, NO_COLOR: '1' },
    schemes: [LIGHT, DARK],
  },
];

let h: Harness | undefined;
afterEach(() => h?.destroy());

/** Each role painted on a row of its own, named so a failure says which. */
async function drawRoles(c: Case): Promise<Harness> {
  h = new Harness({ cols: 40, rows: ROLES.length + 1, term: c.term, env: c.env });
  blessed.box({
    parent: h.screen,
    top: 0,
    left: 0,
    width: '100%',
    height: ROLES.length,
    tags: true,
    content: ROLES.map((role) => h!.host.theme.paint(role, ` ${role} ─│ `)).join('\n'),
  });
  await h.render();
  return h;
}

describe.each(CASES)('$name', (c) => {
  it('every role reads at least 3:1, with no faint text', async () => {
    const h = await drawRoles(c);
    for (const scheme of c.schemes) {
      const low = lowContrastCells(h.term, scheme).map(
        (cell) => `${scheme.name}: ${ROLES[cell.y]} ${cell.ratio.toFixed(2)}`,
      );
      expect([...new Set(low)]).toEqual([]);
    }
    expect(dimCells(h.term)).toBe(0);
  });

  it('tag colours: any colour a cluster may give, with any text colour, reads at least 3:1', async () => {
    // 6×6×6 backgrounds × 4 wished text colours (none, white, black, the background's own).
    const levels = [0, 51, 102, 153, 204, 255];
    const colors: ChipColor[] = [];
    for (const r of levels)
      for (const g of levels)
        for (const b of levels) {
          const bg = [r, g, b] as const;
          colors.push({ bg }, { bg, fg: [255, 255, 255] }, { bg, fg: [0, 0, 0] }, { bg, fg: bg });
        }
    const perRow = 16;
    const rows = Math.ceil(colors.length / perRow);
    h = new Harness({ cols: perRow * 5, rows: rows + 1, term: c.term, env: c.env });
    const t = h.host.theme;
    const lines: string[] = [];
    for (let i = 0; i < colors.length; i += perRow)
      lines.push(
        colors
          .slice(i, i + perRow)
          .map((color) => t.paintColor(color, ' ab '))
          .join(' '),
      );
    blessed.box({
      parent: h.screen,
      top: 0,
      left: 0,
      width: '100%',
      height: rows,
      tags: true,
      content: lines.join('\n'),
    });
    await h.render();
    for (const scheme of c.schemes) {
      const low = lowContrastCells(h.term, scheme).map(
        (cell) =>
          `${scheme.name}: ${JSON.stringify(colors[cell.y * perRow + Math.floor(cell.x / 5)])} ${cell.ratio.toFixed(2)}`,
      );
      expect([...new Set(low)]).toEqual([]);
    }
    expect(dimCells(h.term)).toBe(0);
    expect(paletteTextOnDefault(h.term, [0, 7, 8, 15, 16, 231])).toEqual([]);
  });

  it('no role draws black or white text on the terminal’s own background', async () => {
    const h = await drawRoles(c);
    const found = paletteTextOnDefault(h.term, [0, 7, 8, 15, 16, 231]).map((cell) => ROLES[cell.y]);
    expect([...new Set(found)]).toEqual([]);
  });

  it('focus, selection, the current step and errors look different from the rest', async () => {
    const h = await drawRoles(c);
    const t: Theme = h.host.theme;
    const differ = (a: Role, b: Role) => t.paint(a, 'x') !== t.paint(b, 'x');
    const pairs: [Role, Role][] = [
      ['border', 'borderFocus'],
      ['label', 'labelFocus'],
      ['value', 'selected'],
      ['value', 'highlight'],
      ['button', 'buttonFocus'],
      ['stepFuture', 'stepCurrent'],
      ['stepVisited', 'stepCurrent'],
      ['chip', 'chipSelected'],
      ['hint', 'error'],
      ['info', 'warning'],
      ['meter', 'meterError'],
    ];
    expect(pairs.filter(([a, b]) => !differ(a, b))).toEqual([]);
  });
});

describe('the theme follows what is known of the background', () => {
  it.each([
    [{}, undefined],
    [{ COLORFGBG: '15;0' }, 'dark'],
    [{ COLORFGBG: '0;15' }, 'light'],
  ])('COLORFGBG %j', (env, background) => {
    h = new Harness({ env: { ...UTF8, ...env } });
    expect(h.host.theme.background).toBe(background);
  });

  it('--theme beats COLORFGBG', () => {
    h = new Harness({ env: { ...UTF8, COLORFGBG: '15;0' }, host: { theme: 'light' } });
    expect(h.host.theme.background).toBe('light');
  });

  it('a known background brings its own accents', () => {
    const paint = (env: Record<string, string>) => {
      const harness = new Harness({ env: { ...UTF8, ...env } });
      const out = harness.host.theme.paint('borderFocus', 'x');
      harness.destroy();
      return out;
    };
    const universal = paint({});
    expect(
      new Set([universal, paint({ COLORFGBG: '15;0' }), paint({ COLORFGBG: '0;15' })]).size,
    ).toBe(3);
  });
});
