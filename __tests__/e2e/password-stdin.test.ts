/**
 * Part 13 row 7: `pvevm create --password-stdin` on a terminal asks on stderr with echo off,
 * takes Backspace and Ctrl-C, and leaves the terminal as it found it (icanon and echo back on).
 * From a pipe it reads standard input as before (create-command.test.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_USER } from '../../services/simulator/datasets';
import { startStandaloneSim } from '../support/standalone-sim';
import { TmuxSession } from '../support/tmux';

let sim: ChildProcess | undefined;
let tmux: TmuxSession | undefined;
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
  sim?.kill('SIGTERM');
});

async function createOnTerminal(): Promise<TmuxSession> {
  const started = await startStandaloneSim(['--task-seconds', '0']);
  sim = started.process;
  const dir = mkdtempSync(join(tmpdir(), 'pvevm-pwstdin-'));
  const spec = join(dir, 'vm.json');
  writeFileSync(spec, JSON.stringify({ version: 1, general: { name: 'typed' } }));
  const session = TmuxSession.start({
    args: [
      'create',
      '--spec',
      spec,
      '--server',
      started.url,
      '--fingerprint',
      started.fingerprint,
      '--user',
      'root@pam',
      '--password-stdin',
    ],
    env: { XDG_CONFIG_HOME: dir },
  });
  tmux = session;
  await session.waitFor((s) => s.includes('Password for root@pam:'));
  return session;
}

/** The lines `stty -a` gave after pvevm exited: `icanon`/`-icanon`, `echo`/`-echo`. */
const ttyModes = (screen: string) => screen.split('\n').filter((l) => /^-?(icanon|echo)$/.test(l));

it('asks on the terminal with echo off, takes Backspace, and restores the terminal', async () => {
  const t = await createOnTerminal();
  t.type('wrong');
  for (let i = 0; i < 'wrong'.length; i++) t.sendKeys('BSpace');
  t.type(ROOT_USER.password);
  const typed = await t.waitFor((s) => s.includes('Password for root@pam:'));
  expect(typed).not.toContain(ROOT_USER.password);
  expect(typed).not.toContain('wrong');
  t.sendKeys('Enter');
  const done = await t.waitFor((s) => s.includes('END'));
  expect(done).toContain('was created on pve1');
  expect(done).toContain('exit=0');
  expect(done).not.toContain(ROOT_USER.password);
  expect(ttyModes(done)).toEqual(['icanon', 'echo']);
});

it('Ctrl-C at the prompt cancels (exit 130) and restores the terminal', async () => {
  const t = await createOnTerminal();
  t.type('half');
  t.sendKeys('C-c');
  const done = await t.waitFor((s) => s.includes('END'));
  expect(done).toContain('exit=130');
  expect(done).not.toContain('half');
  expect(done).not.toContain('Creating VM');
  expect(ttyModes(done)).toEqual(['icanon', 'echo']);
});
