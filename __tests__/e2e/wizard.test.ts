/** The real binary logs in: to the built-in demo cluster, and to a standalone pvevm-sim. */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandaloneSim } from '../support/standalone-sim';
import { PVEVM_BIN, TmuxSession } from '../support/tmux';

const configHome = () => mkdtempSync(join(tmpdir(), 'pvevm-xdg-'));

describe('logging in with the real binary in tmux', () => {
  let tmux: TmuxSession | undefined;
  let sim: ChildProcess | undefined;
  afterEach(() => {
    tmux?.kill();
    sim?.kill('SIGTERM');
  });

  it('pvevm --demo shows the demo credentials, fills in the user, and logs in to the General step', async () => {
    tmux = TmuxSession.start({ args: ['--demo'], env: { XDG_CONFIG_HOME: configHome() } });
    const first = await tmux.waitFor(
      (s) => s.includes('Demo cluster: user demo@pve, password demo-pass') && s.includes('(pve)'),
    );
    expect(first).toMatch(/─ Username ─+┐\n\s*│ demo@pve/);
    // The user is filled in: the focus is on the password.
    tmux.type('demo-pass');
    tmux.sendKeys('Enter');
    const general = await tmux.waitFor((s) => s.includes('General › OS › System'));
    // The whole breadcrumb at 80 columns, and who is logged in where on the row below.
    expect(general.split('\n')[0]).toMatch(/^ pvevm {3}General › OS › System/);
    expect(general.split('\n')[1]).toMatch(/ demo@pve on 127\.0\.0\.1 *$/);
  });

  async function logInToDemo(session: TmuxSession) {
    await session.waitFor((s) => s.includes('(pve)'));
    session.type('demo-pass');
    session.sendKeys('Enter');
    await session.waitFor((s) => /\bmem\b.*%/.test(s) && /VM ID/.test(s));
  }

  it.each([
    [80, 24, 'screen-256color'],
    [80, 24, 'tmux-256color'],
    [120, 40, 'screen-256color'],
    [120, 40, 'tmux-256color'],
  ])(
    'pvevm --demo at %ix%i under TERM=%s creates a VM by pressing Ctrl-N on every step',
    async (cols, rows, term) => {
      tmux = TmuxSession.start({
        args: ['--demo'],
        cols,
        rows,
        term,
        env: { XDG_CONFIG_HOME: configHome() },
      });
      await logInToDemo(tmux);
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
      tmux.sendKeys('C-n');
      const done = await tmux.waitFor((s) => s.includes('was created on'), 15000);
      expect(done).toContain('Serial console: configured (serial0: socket, vga: serial0).');
      expect(done).toMatch(/High Availability: vm:\d+ is an HA resource\./);
      tmux.sendKeys('C-q');
      const after = await tmux.waitFor((s) => /^END$/m.test(s));
      expect(after).toContain('exit=0');
    },
  );

  it('redraws on resize mid-wizard, keeping values; below 60x18 shows a notice instead', async () => {
    tmux = TmuxSession.start({ args: ['--demo'], env: { XDG_CONFIG_HOME: configHome() } });
    await logInToDemo(tmux);
    tmux.sendKeys('Tab', 'Tab');
    tmux.type('resize-me');
    tmux.resize(120, 40);
    await tmux.waitFor((s) => s.split('\n').some((l) => l.length > 100 && l.includes('─ VM ID ─')));
    expect(tmux.capture()).toContain('resize-me');
    tmux.resize(50, 15);
    await tmux.waitFor((s) => s.replace(/\s+/g, ' ').includes('pvevm needs at least 60x18'));
    tmux.resize(80, 24);
    const back = await tmux.waitFor((s) => s.includes('─ Name ─'));
    expect(back).toContain('resize-me');
  });

  it('the first frame after opening a list, and after each scrolling Tab, keeps the header and footer', async () => {
    const pane = TmuxSession.start({ args: ['--demo'], env: { XDG_CONFIG_HOME: configHome() } });
    tmux = pane;
    await logInToDemo(pane);
    const header = pane.capture().split('\n')[0]!;
    expect(header).toMatch(/^ pvevm {3}General › OS/);
    const footer = (s: string) => s.split('\n')[23]!;
    expect(footer(pane.capture())).toContain('F1 help');
    // Space on Node opens its list; the first capture that shows the list is the first frame.
    // Twice: the second time nothing else (prefetching the next step) can redraw meanwhile.
    for (const time of [1, 2]) {
      pane.sendKeys('Space');
      const open = await pane.waitFor((s) => s.includes('type to filter'));
      expect({ time, header: open.split('\n')[0] }).toEqual({ time, header });
      expect(footer(open)).toContain('F1 help');
      pane.sendKeys('Escape');
      await pane.waitFor((s) => !s.includes('type to filter'));
    }
    // A focus move may change only colours: frames are told apart with their escapes.
    let before = pane.captureWithEscapes();
    for (let i = 0; i < 6; i++) {
      pane.sendKeys('Tab');
      const previous = before;
      await pane.waitFor(() => (before = pane.captureWithEscapes()) !== previous);
      const shown = pane.capture();
      expect({ tab: i + 1, header: shown.split('\n')[0] }).toEqual({ tab: i + 1, header });
      expect(footer(shown)).toContain('F1 help');
    }
    expect(pane.capture()).toContain('more rows: 1 above');
  });

  it('draws ASCII lines when the locale is not UTF-8, and no colour with NO_COLOR', async () => {
    tmux = TmuxSession.start({
      args: ['--demo'],
      env: { XDG_CONFIG_HOME: configHome(), LANG: 'C', NO_COLOR: '1' },
    });
    const screen = await tmux.waitFor((s) => s.includes('Username'));
    expect(screen).toMatch(/\+- Username -+\+/);
    expect(screen).not.toMatch(/[┌─│]/);
    // No foreground colour escapes at all (bold and inverse are fine).
    expect(tmux.captureWithEscapes()).not.toMatch(
      new RegExp(`${String.fromCharCode(27)}\\[(3[0-7]|9[0-7]|38;5)`),
    );
  });

  it('pvevm --server --fingerprint logs in to a standalone pvevm-sim', async () => {
    const started = await startStandaloneSim();
    sim = started.process;
    const { url, fingerprint } = started;
    tmux = TmuxSession.start({
      args: ['--server', url, '--fingerprint', fingerprint, '--user', 'root'],
      env: { XDG_CONFIG_HOME: configHome() },
    });
    await tmux.waitFor((s) => s.includes('(pam)') && s.includes('─ Password ─'));
    tmux.type('proxmox');
    tmux.sendKeys('Enter');
    await tmux.waitFor((s) => s.includes('General › OS › System'));
  });
});

describe('command line errors', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        'node',
        [PVEVM_BIN, ...args],
        { env: { ...process.env, ...env } },
        (err, _out, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });

  it('a broken config file exits 2 naming the file and the problem', async () => {
    const file = join(configHome(), 'config.json');
    writeFileSync(file, '{"server": 5}');
    const { code, stderr } = await run(['--config', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(file);
    expect(stderr).toContain('server must be a `string`');
  });

  it('unknown flags and a password flag are usage errors (exit 2)', async () => {
    expect((await run(['--password', 'x'])).code).toBe(2);
    expect((await run(['--fingerprint', 'AB', '--insecure'])).stderr).toContain('only one of');
  });
});
