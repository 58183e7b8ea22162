/** A `pvevm-sim` process of its own, as a user starts it, for the end-to-end tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const SIM_BIN = join(__dirname, '..', '..', 'dist', 'bin', 'pvevm-sim.js');

export interface StandaloneSim {
  process: ChildProcess;
  url: string;
  fingerprint: string;
}

/** Start it with `args` and read the URL and fingerprint from its banner. */
export async function startStandaloneSim(args: string[] = []): Promise<StandaloneSim> {
  const child = spawn('node', [SIM_BIN, '--auth-delay', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const banner = await new Promise<string>((resolve) => {
    let text = '';
    child.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      if (text.includes('API token')) resolve(text);
    });
  });
  return {
    process: child,
    url: /listening on (\S+)/.exec(banner)![1]!,
    fingerprint: /fingerprint: (\S+)/.exec(banner)![1]!,
  };
}
