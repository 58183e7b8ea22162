/**
 * `pvevm create --spec FILE`: the wizard's work without the wizard. The spec is checked by the
 * same schemas, what it leaves open is filled by the same loaders (node, VM ID, ISO, storages,
 * bridge), and the VM is created by the same orchestration; progress is one line per stage.
 * `--dry-run` prints the API parameters and the equivalent `qm create` line and creates nothing.
 * Every line goes through `plainText`: server and file text is shown, never obeyed. The parts
 * are in lib/create-command/.
 */
import type { ClientOptions } from '../services/client/client';
import type { Clock } from '../services/tasks';
import { plainText } from '../widgets/terminal-text';
import { checkPrivileges, checkValues } from './create-command/checks';
import { CommandError } from './create-command/command-error';
import { completeFromServer, defaultsUsed } from './create-command/complete';
import { createVmOnce, reportCreated } from './create-command/create';
import { printDryRun } from './create-command/dry-run';
import { logIn } from './create-command/log-in';
import { EXIT } from './exit-codes';
import type { Answers } from './initial-config';
import type { RunningCreate } from './interrupted-create';
import type { KnownServers } from './known-servers';
import type { SessionApi } from './login';
import { checkSpecFile, SpecFileError } from './spec-file';
import type { Settings } from './settings';
import { INSECURE_WARNING } from './strings';

export interface CreateCommandOptions {
  settings: Settings;
  specPath: string;
  /** Where the spec's open answers come from: the defaults, the site's and the preset's. */
  base: Answers;
  dryRun: boolean;
  /** The password, read from standard input (`--password-stdin`). */
  password?: string;
  known: KnownServers;
  makeApi(options: ClientOptions): SessionApi;
  out: NodeJS.WritableStream;
  /** Colour the stage marks (standard output is a terminal). */
  color: boolean;
  clock?: Clock;
  /** Told when a create starts and ends (undefined), so an interruption can say which VM. */
  onCreating?(running: RunningCreate | undefined): void;
}

/** The spec with every problem of it at once; what the server fills is judged once it has. */
function readSpec(options: CreateCommandOptions): Answers {
  try {
    return checkSpecFile(options.specPath, options.base, options.dryRun ? 'all' : 'own');
  } catch (err) {
    if (!(err instanceof SpecFileError)) throw err;
    throw new CommandError(err.message, EXIT.usage);
  }
}

async function run(options: CreateCommandOptions): Promise<number> {
  const say = (line: string) => options.out.write(`${plainText(line)}\n`);
  const spec = readSpec(options);
  if (options.dryRun) {
    printDryRun(spec.config, say);
    return EXIT.created;
  }
  const api = await logIn(options);
  const state = await completeFromServer(api, spec, options.settings, say);
  const confirm = state.data.confirm;
  if (confirm && !confirm.vmidFree) {
    throw new CommandError(
      `VM ID ${state.config.general.vmid} is in use${confirm.nextFree ? ` (the next free one is ${confirm.nextFree})` : ''}`,
      EXIT.failed,
    );
  }
  checkValues(options.specPath, state.config);
  checkPrivileges(state.config, confirm);
  for (const line of defaultsUsed(state)) say(line);
  const created = await createVmOnce(api, state, { ...options, say });
  return reportCreated(created, state.config, say);
}

/** Run the command; errors are printed to `err` and become the exit code. */
export async function runCreateCommand(
  options: CreateCommandOptions,
  err: NodeJS.WritableStream,
): Promise<number> {
  // Said on every run that connects, since no header shows it here.
  if (options.settings.tls.insecure && !options.dryRun)
    err.write(
      `pvevm: warning: ${INSECURE_WARNING}: anyone between you and the server can read and change what is sent\n`,
    );
  try {
    return await run(options);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    err.write(`pvevm: ${plainText(error.message)}\n`);
    return error.code;
  }
}
