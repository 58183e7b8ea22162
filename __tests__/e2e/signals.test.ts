/**
 * The real binary and signals: a live terminal is given back on every catchable signal with
 * the shell's 128 + n exit code; a terminal that is gone is left alone (no abort, no core);
 * an interrupted `pvevm create` says its VM's task continues on the server.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandaloneSim, type StandaloneSim } from '../support/standalone-sim';
import { PVEVM_BIN, TmuxSession } from '../support/tmux';

let tmux: TmuxSession | undefined;
let sim: StandaloneSim | undefined;
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
  sim?.process.kill('SIGTERM');
  sim = undefined;
});

/** Wait, bounded, for `done`. */
async function until(done: () => boolean, what: string, limitMs = 10000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the wizard in tmux', () => {
  it.each([
    ['SIGHUP', 129],
    ['SIGINT', 130],
    ['SIGQUIT', 131],
    ['SIGABRT', 134],
    ['SIGUSR2', 140],
    ['SIGTERM', 143],
  ] as const)(
    '%s restores the terminal (screen, cursor, mouse, line mode) and exits with %i',
    async (signal, code) => {
      tmux = TmuxSession.start({ cols: 80, rows: 24 });
      await tmux.waitFor((s) => s.includes('Ctrl-Q quit'));
      expect(tmux.info('mouse_any_flag')).toBe('1');
      process.kill(tmux.pvevmPid(), signal);
      const after = await tmux.waitFor((s) => /^END$/m.test(s));
      expect(after).toContain(`exit=${code}`);
      expect(after).toMatch(/^icanon$/m);
      expect(after).toMatch(/^echo$/m);
      expect(tmux.info('alternate_on')).toBe('0');
      expect(tmux.info('cursor_flag')).toBe('1');
      expect(tmux.info('mouse_any_flag')).toBe('0');
      expect(after).not.toMatch(/core dumped|Aborted|Assertion/i);
    },
  );

  it('a closed pane (the terminal hangs up) ends it with 129: no abort, no core', async () => {
    const statusFile = join(mkdtempSync(join(tmpdir(), 'pvevm-hup-')), 'status');
    tmux = TmuxSession.start({ cols: 80, rows: 24, statusFile });
    await tmux.waitFor((s) => s.includes('Ctrl-Q quit'));
    const pid = tmux.pvevmPid();
    // Whatever memory holds (the password), a core dump would leave it out.
    expect(readFileSync(`/proc/${pid}/coredump_filter`, 'utf8').trim()).toBe('00000000');
    tmux.killPane();
    await until(() => existsSync(statusFile) && readFileSync(statusFile, 'utf8') !== '', 'exit');
    // 134 would be Node's abort restoring the dead terminal.
    expect(readFileSync(statusFile, 'utf8').trim()).toBe('129');
  });
});

describe('the wizard ending on the Creating step', () => {
  async function toCreating(): Promise<void> {
    sim = await startStandaloneSim(['--task-seconds', '60']);
    const home = mkdtempSync(join(tmpdir(), 'pvevm-xdg-'));
    const login = ['--server', sim.url, '--fingerprint', sim.fingerprint, '--user', 'root@pam'];
    tmux = TmuxSession.start({ cols: 120, rows: 40, args: login, env: { XDG_CONFIG_HOME: home } });
    const pane = tmux;
    await pane.waitFor((s) => s.includes('Ctrl-Q quit'));
    pane.type('proxmox');
    pane.sendKeys('Enter');
    await pane.waitFor((s) => /\bmem\b.*%/.test(s) && /VM ID/.test(s));
    const firstFields = [
      'Installation media',
      'Graphic card',
      '─ Disk ─',
      'Sockets',
      'Memory (MiB)',
      'No network device',
      'Summary',
    ];
    for (const first of firstFields) {
      pane.sendKeys('C-n');
      await pane.waitFor((s) => s.includes(first) && !/Loading|Checking/.test(s));
    }
    await pane.waitFor((s) => s.includes('Ready: Create VM'));
    pane.sendKeys('C-n');
    await pane.waitFor((s) => s.includes('[ .. ] Wait for the create task'));
  }

  const notice = (vmid: string) =>
    `pvevm: stopped while VM ${vmid} was being created on pve1.\n` +
    'The create task continues on the server; pvevm did not stop or undo it.\n' +
    `Check it on pve1 with: qm status ${vmid} (or the node's Task History in the web UI).\n`;

  it('quitting says, after the terminal is back, that the VM is still being created', async () => {
    await toCreating();
    tmux!.sendKeys('C-q');
    await tmux!.waitFor((s) => s.includes('VM 103 is being created on pve1 right now.'));
    tmux!.sendKeys('C-q');
    const after = await tmux!.waitFor((s) => /^END$/m.test(s));
    expect(after).toContain(`${notice('103')}exit=130\n`);
    expect(tmux!.info('alternate_on')).toBe('0');
  });

  it('SIGTERM says the same and exits with 143', async () => {
    await toCreating();
    process.kill(tmux!.pvevmPid(), 'SIGTERM');
    const after = await tmux!.waitFor((s) => /^END$/m.test(s));
    // The shell adds its own line for a process ended by a signal.
    expect(after).toContain(`${notice('103')}Terminated\nexit=143\n`);
  });
});

describe('pvevm create interrupted while the create task runs', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s: exit %i, and standard error names the VM, the node and how to check it',
    async (signal, code) => {
      sim = await startStandaloneSim(['--task-seconds', '60']);
      const dir = mkdtempSync(join(tmpdir(), 'pvevm-interrupt-'));
      const spec = join(dir, 'vm.json');
      writeFileSync(spec, JSON.stringify({ version: 1, general: { vmid: 150, name: 'slow' } }));
      const child = spawn(
        'node',
        [
          PVEVM_BIN,
          'create',
          '--spec',
          spec,
          '--server',
          sim.url,
          '--fingerprint',
          sim.fingerprint,
          '--user',
          'root@pam',
          '--password-stdin',
        ],
        { env: { ...process.env, XDG_CONFIG_HOME: dir } },
      );
      child.stdin.end('proxmox\n');
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const ended = new Promise<number | null>((resolve) =>
        child.on('exit', (status, killed) =>
          resolve(status ?? (killed ? 128 + constants.signals[killed] : null)),
        ),
      );
      await until(() => out.includes('[ .. ] Wait for the create task'), 'the create task');
      child.kill(signal);
      expect(await ended).toBe(code);
      expect(err).toBe(
        'pvevm: stopped while VM 150 was being created on pve1.\n' +
          'The create task continues on the server; pvevm did not stop or undo it.\n' +
          "Check it on pve1 with: qm status 150 (or the node's Task History in the web UI).\n",
      );
    },
  );
});
