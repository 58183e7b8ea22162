/**
 * What a person sees on a light (black on white) and a dark (white on black) terminal, with no
 * colour hints in the environment: every visible cell of login, each step, an open list,
 * Confirm and the F1 help reads at least 3:1 under xterm's palette, on each terminal kind.
 */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { dimCells, lowContrastCells, paletteTextOnDefault } from '../support/contrast';
import type { Harness } from '../support/harness';
import { walkWizard, WALKED_SCREENS, type WalkedScreen } from '../support/walk';
import { DARK, LIGHT, SCHEMES } from '../support/xterm-palette';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());

const KINDS: [string, string, Record<string, string>][] = [
  ['xterm-256color', 'xterm-256color', { LANG: 'C.UTF-8' }],
  ['xterm (8 colours)', 'xterm', { LANG: 'C.UTF-8' }],
  ['linux', 'linux', { LANG: 'C.UTF-8' }],
  ['NO_COLOR=1', 'xterm-256color', { LANG: 'C.UTF-8', NO_COLOR: '1' }],
];

/** The low-contrast cells of a screen, one line per row: `general light row 4: "Node" 2.0`. */
function lowContrast(screen: WalkedScreen, h: Harness, schemes = SCHEMES): string[] {
  return schemes.flatMap((scheme) => {
    const byRow = new Map<number, { chars: string; ratio: number }>();
    for (const cell of lowContrastCells(h.term, scheme)) {
      const row = byRow.get(cell.y) ?? { chars: '', ratio: 21 };
      byRow.set(cell.y, { chars: row.chars + cell.char, ratio: Math.min(row.ratio, cell.ratio) });
    }
    return [...byRow].map(
      ([y, { chars, ratio }]) =>
        `${screen} ${scheme.name} row ${y}: "${chars}" ${ratio.toFixed(1)}`,
    );
  });
}

describe.each(KINDS)('%s at 100x30', (_name, term, env) => {
  it('no visible cell below 3:1 on white or on black; no black, white or faint text', async () => {
    const seen: WalkedScreen[] = [];
    const problems: string[] = [];
    await walkWizard(sim, { cols: 100, rows: 30, term, env }, (screen, t) => {
      seen.push(screen);
      problems.push(...lowContrast(screen, t.h));
      const blackOrWhite = paletteTextOnDefault(t.h.term, [0, 7, 8, 15, 16, 231]);
      if (blackOrWhite.length > 0)
        problems.push(`${screen}: ${blackOrWhite.length} cells of black or white text`);
      if (dimCells(t.h.term) > 0) problems.push(`${screen}: faint text`);
    });
    expect(seen).toEqual(WALKED_SCREENS);
    expect(problems).toEqual([]);
  });
});

describe.each([
  ['xterm-256color', 'dark', '15;0', DARK],
  ['xterm-256color', 'light', '0;15', LIGHT],
  ['xterm', 'dark', '15;0', DARK],
  ['xterm', 'light', '0;15', LIGHT],
] as const)('%s with COLORFGBG saying %s', (term, background, colorfgbg, scheme) => {
  it('the richer accents read at least 3:1 on that background', async () => {
    const problems: string[] = [];
    const env = { LANG: 'C.UTF-8', COLORFGBG: colorfgbg };
    await walkWizard(sim, { cols: 100, rows: 30, term, env }, (screen, t) => {
      expect(t.h.host.theme.background).toBe(background);
      problems.push(...lowContrast(screen, t.h, [scheme]));
    });
    expect(problems).toEqual([]);
  });
});

describe('NO_COLOR=1', () => {
  it('draws no colour; the current step and the focus (field, list row, button) are inverse', async () => {
    const problems: string[] = [];
    await walkWizard(
      sim,
      { cols: 100, rows: 30, env: { LANG: 'C.UTF-8', NO_COLOR: '1' } },
      (screen, t) => {
        const buffer = t.h.term.buffer.active;
        let coloured = 0;
        const inverseRows = new Set<number>();
        for (let y = 0; y < t.h.term.rows; y++) {
          for (let x = 0; x < t.h.term.cols; x++) {
            const cell = buffer.getLine(y)!.getCell(x)!;
            if (!cell.isFgDefault() || !cell.isBgDefault()) coloured++;
            if (cell.isInverse() && cell.getChars().trim() !== '') inverseRows.add(y);
          }
        }
        if (coloured > 0) problems.push(`${screen}: ${coloured} coloured cells`);
        if (!inverseRows.has(0)) problems.push(`${screen}: the current step is not inverse`);
        if (![...inverseRows].some((y) => y > 0)) problems.push(`${screen}: no focus shows`);
      },
    );
    expect(problems).toEqual([]);
  });
});
