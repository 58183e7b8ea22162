/** Command-line parsing: pure, so every form of the command line is tested directly. */
import { parseArgs } from 'node:util';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run' }
  | { kind: 'usage-error'; message: string };

export function parseCommandLine(argv: readonly string[]): Command {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) return { kind: 'help' };
    if (values.version) return { kind: 'version' };
    return { kind: 'run' };
  } catch (err) {
    return { kind: 'usage-error', message: err instanceof Error ? err.message : String(err) };
  }
}
