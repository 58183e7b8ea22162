/** The real binary's own messages (usage, a spec file's problems) never pass a control through. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PVEVM_BIN } from '../support/tmux';

function pvevm(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const home = mkdtempSync(join(tmpdir(), 'pvevm-plain-'));
  return new Promise((resolve) => {
    execFile(
      'node',
      [PVEVM_BIN, ...args],
      { env: { ...process.env, XDG_CONFIG_HOME: home } },
      (error, out, err) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

// eslint-disable-next-line no-control-regex -- the point of the check
const OBEYED = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

it.each([
  ['an unknown option', ['--colour\x1b]0;pwned\x07\x1b[2J']],
  ['a spec file that is not there', ['create', '--dry-run', '--spec', '/nowhere/\x1b[2J\x9b.json']],
])('%s: exit 2, the text shown, not obeyed', async (_what, args) => {
  const { code, out, err } = await pvevm(args);
  expect(code).toBe(2);
  expect(err).toContain('␛[2J');
  expect(out + err).not.toMatch(OBEYED);
});
