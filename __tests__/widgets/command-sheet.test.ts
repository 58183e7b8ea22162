/**
 * The command sheet (Confirm's F5): commands alone on the whole screen, borderless; taller than
 * the screen, it scrolls by rows and says which rows show, every row but the commands a comment;
 * each part selected alone still ends at a row boundary, so pasting the parts one after the
 * other gives bash the same command.
 */
import { execFileSync } from 'node:child_process';
import { CommandSheet } from '../../widgets/command-sheet';
import { Harness } from '../support/harness';

let h: Harness;
afterEach(() => h.destroy());

const options = Array.from({ length: 30 }, (_, i) => `  --opt${i} value-${i}`);
const command = ['qm create 100', ...options].map((l, i, all) =>
  i < all.length - 1 ? `${l} \\` : l,
);

async function open(cols: number, rows: number) {
  h = new Harness({ cols, rows });
  const closed: string[] = [];
  const sheet = new CommandSheet(h.screen, {
    title: 'The same VM on pve1',
    commands: [command.join('\n'), 'qm start 100'],
    closeKeys: ['f5'],
    onClose: () => closed.push('closed'),
  });
  await h.render();
  return { sheet, closed };
}

const shown = () => h.lines().map((l) => l.trimEnd());

it('taller than the screen: scrolls, saying which rows show; the parts paste as one command', async () => {
  const { sheet } = await open(40, 8);
  const all = sheet.rows();
  expect(all.length).toBeGreaterThan(6);
  const first = shown();
  expect(first[0]).toBe('# The same VM on pve1');
  expect(first[7]).toMatch(/^# rows 1-6 of \d+: PgUp\/PgDn/);
  // Page by page, each row where the last row says it is.
  const seen: string[] = [];
  for (let page = 0; page < 10; page++) {
    const rows = shown();
    const [, from, to, of] = /rows (\d+)-(\d+) of (\d+)/.exec(rows[7]!)!.map(Number);
    rows.slice(1, 1 + to! - from! + 1).forEach((row, i) => (seen[from! - 1 + i] = row));
    if (to === of) break;
    await h.press('pagedown');
  }
  expect(seen).toEqual(all);
  const words = execFileSync('bash', ['-c', `qm() { printf '%s\\n' "$@"; }\n${seen.join('\n')}`], {
    encoding: 'utf8',
  }).split('\n');
  expect(words.slice(0, 4)).toEqual(['create', '100', '--opt0', 'value-0']);
  expect(words).toContain('--opt29');
  expect(words.slice(-3)).toEqual(['start', '100', '']);
});

it('Esc or the key that opened it closes it', async () => {
  const { sheet, closed } = await open(60, 20);
  await h.press('f5');
  expect(sheet.isOpen).toBe(false);
  expect(closed).toEqual(['closed']);
});
