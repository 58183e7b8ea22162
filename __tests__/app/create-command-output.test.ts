/**
 * `pvevm create` in-process against the simulator: what it prints from the server (task errors,
 * per-parameter errors) reaches standard output and error shown, never obeyed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCreateCommand } from '../../lib/create-command';
import { KnownServers } from '../../lib/known-servers';
import { defaultConfig } from '../../lib/model/config';
import type { Settings } from '../../lib/settings';
import { ProxmoxClient } from '../../services/client/client';
import { HOSTILE } from '../../services/simulator/datasets';
import { startSimulator, type Simulator } from '../../services/simulator/server';

let sim: Simulator;
let dir: string;
beforeEach(async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0 });
  dir = mkdtempSync(join(tmpdir(), 'pvevm-output-'));
});
afterEach(() => sim.close());

async function create(login: Partial<Settings> = {}) {
  const spec = join(dir, 'vm.json');
  writeFileSync(spec, JSON.stringify({ version: 1, general: { name: 'safe' } }));
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await runCreateCommand(
    {
      settings: {
        server: sim.url,
        user: 'root',
        realm: 'pam',
        tls: { fingerprint: sim.fingerprint },
        defaults: {},
        demo: false,
        configFile: join(dir, 'config.json'),
        theme: 'auto',
        ...login,
      },
      specPath: spec,
      base: defaultConfig(),
      dryRun: false,
      password: 'proxmox',
      known: new KnownServers(join(dir, 'known_servers')),
      makeApi: (o) => new ProxmoxClient(o),
      out,
      color: false,
    },
    err,
  );
  return { code, stdout, stderr };
}

// ESC, BEL, the other C0 controls but the line break, DEL and the C1 controls (0x9b is CSI).
// eslint-disable-next-line no-control-regex -- the point of the check
const OBEYED = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

it('a task error with a clear-screen, a title OSC, BEL and C1 controls is shown, not obeyed', async () => {
  sim.fault('POST /nodes/{node}/qemu', {
    taskError: `disk full ${HOSTILE.ansi} ${HOSTILE.control}`,
    times: 1,
  });
  const { code, stdout, stderr } = await create();
  expect(code).toBe(1);
  expect(stdout + stderr).toContain('disk full');
  expect(stdout).not.toMatch(OBEYED);
  expect(stderr).not.toMatch(OBEYED);
  // Made visible as the wizard shows it.
  expect(stdout + stderr).toContain('␛[2J');
  expect(stdout + stderr).toContain('␇');
});

it('per-parameter errors of a refused create are shown, not obeyed', async () => {
  sim.fault('POST /nodes/{node}/qemu', {
    status: 400,
    message: 'Parameter verification failed.',
    errors: { name: `bad ${HOSTILE.ansi}`, cores: HOSTILE.control },
    times: 1,
  });
  const { code, stdout, stderr } = await create();
  expect(code).toBe(1);
  expect(stderr).toContain('name: bad ␛[31mred␛]0;pwned␇␛[2J');
  expect(stdout).not.toMatch(OBEYED);
  expect(stderr).not.toMatch(OBEYED);
});
