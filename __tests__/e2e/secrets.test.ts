/**
 * Secrets stay secret with the real binary: the password and the token secret never reach the
 * process's arguments, the screen, or any file pvevm writes; what it writes is 0600.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TOKEN, ROOT_USER } from '../../services/simulator/datasets';
import { startStandaloneSim } from '../support/standalone-sim';
import { PVEVM_BIN, TmuxSession } from '../support/tmux';

let tmux: TmuxSession | undefined;
let sim: ChildProcess | undefined;
afterEach(() => {
  tmux?.kill();
  sim?.kill('SIGTERM');
});

async function standaloneSimulator(): Promise<{ url: string; fingerprint: string }> {
  const started = await startStandaloneSim();
  sim = started.process;
  return started;
}

/** The pvevm process in the pane (the pane runs `sh -c "env … node pvevm …"`). */
function pvevmPid(session: TmuxSession): string {
  const shell = session.info('pane_pid');
  return readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/)[0]!;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

it('a password typed at login is on no screen, in no argument and in no file; known_servers is 0600', async () => {
  const { url } = await standaloneSimulator();
  const config = mkdtempSync(join(tmpdir(), 'pvevm-xdg-'));
  tmux = TmuxSession.start({
    args: ['--server', url, '--user', 'root'],
    env: { XDG_CONFIG_HOME: config },
  });
  // The certificate is new: trust and remember it, which writes known_servers.
  await tmux.waitFor((s) => s.includes('Trust and remember'));
  tmux.sendKeys('BTab', 'Enter');
  await tmux.waitFor((s) => s.includes('(pam)') && s.includes('─ Password ─'));
  tmux.type(ROOT_USER.password);
  const typed = await tmux.waitFor((s) => s.includes('*'.repeat(ROOT_USER.password.length)));
  expect(typed).not.toContain(ROOT_USER.password);
  tmux.sendKeys('Enter');
  const general = await tmux.waitFor((s) => s.includes('General › OS › System'));
  expect(general).not.toContain(ROOT_USER.password);

  const pid = pvevmPid(tmux);
  expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(ROOT_USER.password);
  expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain(ROOT_USER.password);
  const files = filesUnder(config);
  expect(files.map((f) => f.slice(config.length))).toEqual(['/pvevm/known_servers']);
  for (const file of files) {
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(ROOT_USER.password);
  }
});

it('a token secret from the environment is on no screen, in no argument and in no file', async () => {
  const { url, fingerprint } = await standaloneSimulator();
  const config = mkdtempSync(join(tmpdir(), 'pvevm-xdg-'));
  tmux = TmuxSession.start({
    args: ['--server', url, '--fingerprint', fingerprint],
    env: {
      XDG_CONFIG_HOME: config,
      PVEVM_TOKEN: DEMO_TOKEN.id,
      PVEVM_TOKEN_SECRET: DEMO_TOKEN.secret,
    },
  });
  const login = await tmux.waitFor((s) => s.includes('─ API token ─') && s.includes('Log in'));
  expect(login).not.toContain(DEMO_TOKEN.secret);
  tmux.sendKeys('C-n');
  const general = await tmux.waitFor((s) => s.includes('General › OS › System'));
  expect(general).not.toContain(DEMO_TOKEN.secret);
  const pid = pvevmPid(tmux);
  expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(DEMO_TOKEN.secret);
  for (const file of filesUnder(config)) {
    expect(readFileSync(file, 'utf8')).not.toContain(DEMO_TOKEN.secret);
  }
});

describe('a marker secret through the real binary’s error paths is never printed', () => {
  const MARKER = 'S3CRET-MARKER-e2e';
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; text: string }>((resolve) => {
      execFile(
        'node',
        [PVEVM_BIN, ...args],
        {
          env: { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'pvevm-m-')), ...env },
        },
        (error, out, err) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, text: out + err }),
      ).stdin!.end();
    });
  const config = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'pvevm-m-')), 'config.json');
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  it.each([
    ['--token with =secret', () => ['--server', 'pve', '--token', `root@pam!ci=${MARKER}`]],
    [
      'create --token with =secret',
      () => ['create', '--spec', 'x.json', '--token', `r@pam!ci=${MARKER}`],
    ],
    ['tokenSecret of the wrong type', () => ['--config', config(`{"tokenSecret": ["${MARKER}"]}`)]],
    ['a config that is not JSON', () => ['--config', config(`{"tokenSecret": "${MARKER}" x}`)]],
    ['a bad option', () => [`--token-secret=${MARKER}`]],
  ])('%s', async (_, args) => {
    const { code, text } = await run(args());
    expect(code).toBe(2);
    expect(text).not.toContain(MARKER);
  });
});
