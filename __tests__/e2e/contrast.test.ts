/**
 * The real binary in tmux at 100x30 (xterm-256color, no colour hints in the environment): every
 * visible cell of login, each step, an open list, Confirm and the F1 help reads at least 3:1 on
 * a white and on a black background. The pane is read with its colours (`capture-pane -e`) and
 * replayed into an emulator, so the check sees exactly what tmux shows.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Terminal } from '@xterm/headless';
import { lowContrastCells } from '../support/contrast';
import { TmuxSession } from '../support/tmux';
import { SCHEMES } from '../support/xterm-palette';

const COLS = 100;
const ROWS = 30;

let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

/** The pane as an emulator shows it, from tmux's own rendering of the cells. */
async function replay(pane: string): Promise<Terminal> {
  const term = new Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true, scrollback: 0 });
  const lines = pane.replace(/\n$/, '').split('\n');
  await new Promise<void>((resolve) => term.write(lines.join('\x1b[0m\r\n'), resolve));
  return term;
}

it('no visible cell is below 3:1 on white or on black, on any screen of the wizard', async () => {
  const pane = TmuxSession.start({
    args: ['--demo'],
    cols: COLS,
    rows: ROWS,
    term: 'xterm-256color',
    env: { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'pvevm-xdg-')), COLORFGBG: '' },
  });
  tmux = pane;
  const problems: string[] = [];
  const screens: string[] = [];
  const check = async (name: string) => {
    const term = await replay(pane.captureWithEscapes());
    screens.push(name);
    for (const scheme of SCHEMES) {
      const low = lowContrastCells(term, scheme);
      if (low.length > 0) {
        const first = low[0]!;
        problems.push(
          `${name} on ${scheme.name}: ${low.length} cells, first '${first.char}' at ${first.x},${first.y} (${first.ratio.toFixed(2)}:1)`,
        );
      }
    }
    term.dispose();
  };
  const ready = (s: string) => !s.includes('Loading') && !s.includes('Checking');

  await pane.waitFor((s) => s.includes('(pve)'));
  await check('login');
  pane.type('demo-pass');
  pane.sendKeys('Enter');
  await pane.waitFor((s) => /\bmem\b.*%/.test(s) && /VM ID/.test(s) && ready(s));
  await check('general');
  pane.sendKeys('Space');
  await pane.waitFor((s) => s.includes('type to filter'));
  await check('node list');
  pane.sendKeys('Escape');
  await pane.waitFor((s) => !s.includes('type to filter'));
  for (const [name, first] of [
    ['os', 'Installation media'],
    ['system', 'Graphic card'],
    ['disks', '─ Disk ─'],
    ['cpu', 'Sockets'],
    ['memory', 'Memory (MiB)'],
    ['network', 'No network device'],
    ['confirm', 'Summary'],
  ] as const) {
    pane.sendKeys('C-n');
    await pane.waitFor((s) => s.includes(first) && ready(s));
    await check(name);
  }
  pane.sendKeys('F1');
  await pane.waitFor((s) => s.includes('Keys') && s.includes('Close'));
  await check('help');

  expect(screens).toHaveLength(11);
  expect(problems).toEqual([]);
});
