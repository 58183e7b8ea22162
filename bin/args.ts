/** Command-line parsing: pure, so every form of the command line is tested directly. */
import { parseArgs } from 'node:util';
import { isThemeChoice } from '../lib/theme-choice';
import type { Flags } from '../lib/settings';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  /** The wizard, optionally prefilled from a spec. */
  | { kind: 'run'; flags: Flags; spec?: string }
  /** `pvevm create --spec FILE`: no wizard. */
  | { kind: 'create'; flags: Flags; spec: string; dryRun: boolean; passwordStdin: boolean }
  | { kind: 'usage-error'; message: string };

export function parseCommandLine(argv: readonly string[]): Command {
  try {
    const { values, positionals } = parseArgs({
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
        preset: { type: 'string' },
        profile: { type: 'string' },
        theme: { type: 'string' },
        spec: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'password-stdin': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    const {
      help,
      version,
      spec,
      'dry-run': dryRun,
      'password-stdin': passwordStdin,
      theme,
      ...rest
    } = values;
    if (help) return { kind: 'help' };
    if (version) return { kind: 'version' };
    if (theme !== undefined && !isThemeChoice(theme))
      return usage(`--theme must be auto, dark or light (got "${theme}")`);
    const flags: Flags = theme === undefined ? rest : { ...rest, theme };
    const [subcommand, ...extra] = positionals;
    if (extra.length > 0) return usage(`unexpected argument: ${extra[0]}`);
    if (subcommand === 'create') {
      if (!spec) return usage('create needs --spec FILE');
      if (flags.demo) return usage('--demo is for the wizard; use --server with create');
      return {
        kind: 'create',
        flags,
        spec,
        dryRun: dryRun ?? false,
        passwordStdin: passwordStdin ?? false,
      };
    }
    if (subcommand !== undefined) return usage(`unknown command: ${subcommand}`);
    if (dryRun || passwordStdin) return usage('--dry-run and --password-stdin go with create');
    return { kind: 'run', flags, spec };
  } catch (err) {
    return usage(err instanceof Error ? err.message : String(err));
  }
}

function usage(message: string): Command {
  return { kind: 'usage-error', message };
}
