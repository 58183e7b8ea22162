/** Command-line parsing: pure, so every form of the command line is tested directly. */
import { parseArgs } from 'node:util';
import type { Flags } from '../lib/settings';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; flags: Flags }
  | { kind: 'usage-error'; message: string };

export function parseCommandLine(argv: readonly string[]): Command {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
        server: { type: 'string' },
        user: { type: 'string' },
        realm: { type: 'string' },
        token: { type: 'string' },
        fingerprint: { type: 'string' },
        ca: { type: 'string' },
        insecure: { type: 'boolean' },
        config: { type: 'string' },
        demo: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
    const { help, version, ...flags } = values;
    if (help) return { kind: 'help' };
    if (version) return { kind: 'version' };
    return { kind: 'run', flags };
  } catch (err) {
    return { kind: 'usage-error', message: err instanceof Error ? err.message : String(err) };
  }
}
