/**
 * `pvevm create` and `pvevm --spec` as a user runs them: the real binary against a standalone
 * pvevm-sim, output piped (plain text), the password on standard input, the exit codes.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandaloneSim } from '../support/standalone-sim';
import { PVEVM_BIN, TmuxSession } from '../support/tmux';

let sim: ChildProcess | undefined;
let tmux: TmuxSession | undefined;
let server: { url: string; fingerprint: string };
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pvevm-create-'));
  const started = await startStandaloneSim(['--task-seconds', '0']);
  sim = started.process;
  server = started;
});
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
  sim?.kill('SIGTERM');
});

function pvevm(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'node',
      [PVEVM_BIN, ...args],
      { env: { ...process.env, XDG_CONFIG_HOME: dir, NO_COLOR: '' } },
      (error, out, err) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
    child.stdin!.end(stdin);
  });
}

function spec(data: unknown): string {
  const path = join(dir, 'vm.json');
  writeFileSync(path, JSON.stringify(data));
  return path;
}

it('creates from a spec with the password on stdin: a plain line per stage, exit 0', async () => {
  const file = spec({ version: 1, general: { name: 'from-spec' }, cpu: { cores: 4 } });
  const login = ['--server', server.url, '--fingerprint', server.fingerprint, '--user', 'root@pam'];
  const { code, out, err } = await pvevm(
    ['create', '--spec', file, ...login, '--password-stdin'],
    'proxmox\n',
  );
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(out).not.toContain('\x1b');
  expect(out).toContain('Creating VM 103 (from-spec) on pve1\n[ .. ] Create the VM\n');
  expect(out).toContain('[ ok ] Serial console (serial0=socket, vga=serial0)\n');
  expect(out).toMatch(/VM 103 was created on pve1\. Console: qm terminal 103\n$/);
  // The same spec again: the VM ID it named is taken now.
  const again = await pvevm(
    [
      'create',
      '--spec',
      spec({ version: 1, general: { vmid: 103 } }),
      ...login,
      '--password-stdin',
    ],
    'proxmox',
  );
  expect(again.code).toBe(1);
  expect(again.err).toBe('pvevm: VM ID 103 is in use (the next free one is 104)\n');
});

it('exit 2 for a bad spec (naming file and field) and for create without a way to log in', async () => {
  const bad = await pvevm([
    'create',
    '--dry-run',
    '--spec',
    spec({ version: 1, cpu: { cors: 2 } }),
  ]);
  expect(bad.code).toBe(2);
  expect(bad.err).toBe(`pvevm: ${join(dir, 'vm.json')}: cpu.cors: unknown key\n`);
  const noLogin = await pvevm(['create', '--spec', spec({ version: 1 }), '--server', server.url]);
  expect(noLogin.code).toBe(2);
  expect(noLogin.err).toContain('needs an API token');
  expect((await pvevm(['create'])).code).toBe(2);
});

it('pvevm --spec opens the wizard with the spec’s answers', async () => {
  const file = spec({ version: 1, general: { vmid: 150, name: 'templated' } });
  tmux = TmuxSession.start({
    args: ['--demo', '--spec', file],
    env: { XDG_CONFIG_HOME: dir },
  });
  await tmux.waitFor((s) => s.includes('(pve)'));
  tmux.type('demo-pass');
  tmux.sendKeys('Enter');
  const general = await tmux.waitFor(
    (s) => s.includes('templated') && /VM ID ─+┐\n\s*│ 1\d\d /.test(s),
  );
  // A template's VM ID is not reused: the next free one is filled in.
  expect(general).not.toMatch(/│ 150 /);
});
