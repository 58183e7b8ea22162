/** `pvevm create` run in-process against a simulator, its output and exit code collected. */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCreateCommand, type CreateCommandOptions } from '../../lib/create-command';
import { KnownServers } from '../../lib/known-servers';
import { defaultConfig } from '../../lib/model/config';
import type { Settings } from '../../lib/settings';
import { ProxmoxClient } from '../../services/client/client';

export interface CreateRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Log in as root@pam with the simulator's pinned certificate and create from `specPath`;
 * `login` changes the settings, the other options replace the command's.
 */
export async function createInProcess(
  sim: { url: string; fingerprint: string },
  dir: string,
  specPath: string,
  options: Partial<CreateCommandOptions> & { login?: Partial<Settings> } = {},
): Promise<CreateRun> {
  const { login, ...command } = options;
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const settings: Settings = {
    server: sim.url,
    user: 'root',
    realm: 'pam',
    tls: { fingerprint: sim.fingerprint },
    defaults: {},
    demo: false,
    configFile: join(dir, 'config.json'),
    theme: 'auto',
    ...login,
  };
  const code = await runCreateCommand(
    {
      settings,
      specPath,
      base: { config: defaultConfig(), explicit: [] },
      dryRun: false,
      password: 'proxmox',
      known: new KnownServers(join(dir, 'known_servers')),
      makeApi: (o) => new ProxmoxClient(o),
      out,
      color: false,
      ...command,
    },
    err,
  );
  return { code, stdout, stderr };
}
