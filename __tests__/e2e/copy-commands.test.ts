/**
 * The API view's commands copied off the screen as a Proxmox admin over ssh does: in tmux, F5
 * on Confirm shows them alone; tmux's own selection (copy mode, as a mouse drag) takes the rows,
 * and bash reads them as one `qm create` with the same parameters the API view lists.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmuxSession } from '../support/tmux';

const configHome = () => mkdtempSync(join(tmpdir(), 'pvevm-xdg-'));

/** The words bash makes of the `qm create` command in `script`, checked for syntax first. */
function qmCreateWords(script: string): string[] {
  execFileSync('bash', ['-n', '-c', script]);
  const shim =
    'qm() { [ "$1" = create ] && printf \'%s\\n\' "$@"; true; }; ha-manager() { true; }\n';
  const out = execFileSync('bash', ['-c', shim + script], { encoding: 'utf8' });
  return out.split('\n').slice(0, -1);
}

/**
 * The text view's lines on a screen: the rows inside its border, a row that fills the box to its
 * border joined with the next (the view wraps a long line there).
 */
function boxLines(screen: string): string[] {
  const inner = [...screen.matchAll(/^ ?│ (.*)│$/gm)].map((m) => m[1]!);
  const out: string[] = [];
  let joined: string | undefined;
  for (const row of inner) {
    joined = joined === undefined ? row.trimEnd() : joined + row.trim();
    if (row.trimEnd().length < row.length) {
      out.push(joined);
      joined = undefined;
    }
  }
  return out;
}

describe('copying the qm create command off the screen', () => {
  let tmux: TmuxSession | undefined;
  afterEach(() => tmux?.kill());

  it.each([
    [80, 24],
    [120, 40],
  ])(
    'at %ix%i: the selected rows paste as the create call the API view lists',
    async (cols, rows) => {
      tmux = TmuxSession.start({
        args: ['--demo'],
        cols,
        rows,
        env: { XDG_CONFIG_HOME: configHome() },
      });
      await tmux.waitFor((s) => s.includes('(pve)'));
      tmux.type('demo-pass');
      tmux.sendKeys('Enter');
      await tmux.waitFor((s) => /\bmem\b.*%/.test(s) && /VM ID/.test(s));
      // Each step is recognised by its first field, and is ready once nothing is loading.
      for (const first of [
        'Installation media',
        'Graphic card',
        '─ Disk ─',
        'Sockets',
        'Memory (MiB)',
        'No network device',
        'Summary',
      ]) {
        tmux.sendKeys('C-n');
        await tmux.waitFor(
          (s) => s.includes(first) && !s.includes('Loading') && !s.includes('Checking'),
        );
      }
      await tmux.waitFor((s) => s.includes('Ready: Create VM'));
      // The parameters as the API view lists them (one `key=value` a row when it fits the box).
      tmux.sendKeys('F2');
      await tmux.waitFor((s) => s.includes('API parameters and qm create'));
      const listed = new Map<string, string>();
      for (let page = 0; page < 12; page++) {
        const screen = tmux.capture();
        // The create call's parameters end where the calls after it begin.
        const end = screen.indexOf('then after creation');
        const create = end < 0 ? screen : screen.slice(0, end);
        for (const line of boxLines(create)) {
          const m = /^ {2}([a-z0-9-]+)=(\S+)$/.exec(line);
          if (m) listed.set(m[1]!, m[2]!);
        }
        if (end >= 0) break;
        tmux.sendKeys('PageDown');
        await tmux.waitFor((s) => s !== screen);
      }
      tmux.sendKeys('F5');
      const sheet = await tmux.waitFor((s) => s.startsWith('# The same VM on'));
      expect(sheet).not.toMatch(/[│┌┐└┘─]/);
      const lines = sheet.split('\n');
      const first = lines.findIndex((l) => l.startsWith('qm create'));
      const last = lines.findIndex((l, i) => i > first && !l.endsWith('\\'));
      // tmux's selection from the start of the qm create row to the end of its last row.
      tmux.select(first, last);
      const copied = tmux.buffer();
      // The rows as they are on the screen: no padding after a row's ` \`, no border.
      expect(copied.replace(/\n$/, '').split('\n')).toEqual(lines.slice(first, last + 1));
      expect(copied).not.toMatch(/ +$/m);
      const words = qmCreateWords(copied);
      expect(words[0]).toBe('create');
      const fromScreen = new Map<string, string>();
      for (let i = 2; i < words.length; i += 2) fromScreen.set(words[i]!.slice(2), words[i + 1]!);
      expect(words.length % 2).toBe(0);
      // Every parameter the box showed whole is the same word; none more, none less.
      expect(listed.get('vmid')).toBe(words[1]);
      expect(listed.size).toBeGreaterThan(10);
      expect(listed.get('ide2')).toMatch(/\.iso,media=cdrom$/);
      listed.delete('vmid');
      for (const [key, value] of listed)
        expect({ key, value: fromScreen.get(key) }).toEqual({ key, value });
      expect([...fromScreen.keys()].sort()).toEqual([...listed.keys()].sort());
      expect(fromScreen.get('ide2')).toMatch(/^\S+\.iso,media=cdrom$/);
      tmux.sendKeys('Escape');
      await tmux.waitFor((s) => s.includes('API parameters and qm create'));
    },
  );
});
