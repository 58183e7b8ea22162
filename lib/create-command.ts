/**
 * `pvevm create --spec FILE`: the wizard's work without the wizard. The spec is checked by the
 * same schemas, what it leaves open is filled by the same loaders (node, VM ID, ISO, storages,
 * bridge), and the VM is created by the same orchestration; progress is one line per stage.
 * `--dry-run` prints the API parameters and the equivalent `qm create` line and creates nothing.
 * Every line goes through `plainText`: server and file text is shown, never obeyed.
 */
import type { ClientOptions } from '../services/client/client';
import { plainText } from '../widgets/terminal-text';
import { EXIT } from './exit-codes';
import { INSECURE_WARNING } from './strings';
import {
  createFromConfig,
  creationPlan,
  STAGE_MARKS,
  STAGE_TITLES,
  type Progress,
} from './creation';
import type { Clock } from '../services/tasks';
import type { Answers } from './initial-config';
import type { RunningCreate } from './interrupted-create';
import type { KnownServers } from './known-servers';
import { stepLoaders, type ConfirmData } from './loaders';
import { LoginActions, type SessionApi } from './login';
import { choiceValues, issuePath } from './model/choices';
import type { VmConfig } from './model/config';
import { updateSection } from './model/derive';
import { paramLines, qmCreateCommand } from './model/payload';
import { describeMissing } from './model/privileges';
import { missingForCreate } from './preflight';
import { validateConfig } from './model/schemas';
import { checkSpecFile, SpecFileError } from './spec-file';
import type { Settings } from './settings';
import { takenVmid, takenVmidMessage } from './vmid-taken';
import {
  initialState,
  serverIssues,
  transition,
  type WizardEvent,
  type WizardState,
} from './wizard/machine';
import { FORM_STEPS } from './wizard/steps';

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

class CommandError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function checkValues(path: string, config: VmConfig): void {
  const issues = validateConfig(config);
  if (issues.length > 0) {
    throw new CommandError(
      issues.map((i) => `${path}: ${issuePath(i)}: ${i.message}`).join('\n'),
      EXIT.usage,
    );
  }
}

/** The privileges the create needs and the user lacks stop it before anything is sent. */
function checkPrivileges(config: VmConfig, confirm: ConfirmData | undefined): void {
  const missing = missingForCreate(config, confirm?.release ?? '', confirm?.permissions);
  if (missing.length === 0) return;
  const lines = missing.map((need) => {
    const where = need.section === 'disks' ? `disks${need.field}` : `${need.section}.${need.field}`;
    return `  ${where}: ${describeMissing(need)}`;
  });
  throw new CommandError(
    ['the user lacks privileges this create needs (nothing was created):', ...lines].join('\n'),
    EXIT.usage,
  );
}

async function logIn(options: CreateCommandOptions): Promise<SessionApi> {
  const { settings } = options;
  if (!settings.server) throw new CommandError('create needs --server (or a profile)', EXIT.usage);
  let api: SessionApi | undefined;
  const actions = new LoginActions({
    tls: settings.tls,
    token: settings.token,
    known: options.known,
    makeApi: options.makeApi,
    onAuthenticated: (session) => (api = session),
  });
  let secret: string;
  if (settings.token) {
    if (settings.tokenSecret === undefined)
      throw new CommandError(`the token ${settings.token} needs PVEVM_TOKEN_SECRET`, EXIT.usage);
    secret = settings.tokenSecret;
  } else if (settings.user && options.password !== undefined) {
    secret = options.password;
  } else {
    throw new CommandError(
      'create needs an API token (--token with PVEVM_TOKEN_SECRET) or --user with --password-stdin',
      EXIT.usage,
    );
  }
  const outcome = await actions.logIn({
    server: settings.server,
    username: settings.user ?? '',
    secret,
    realm: settings.realm ?? 'pam',
  });
  if (outcome.kind === 'ok' && api) return api;
  const why =
    outcome.kind === 'untrusted'
      ? `the certificate of ${outcome.server} is not trusted (SHA-256 ${outcome.fingerprint}): pass --fingerprint or --ca`
      : outcome.kind === 'tfa'
        ? 'this user needs a second factor: use an API token for create'
        : 'message' in outcome
          ? outcome.message
          : 'not logged in';
  throw new CommandError(`Login failed: ${why}`, EXIT.failed);
}

/**
 * Choices the server lacks stop the command: the spec's own (exit 2, the spec asked for them)
 * or defaults the server could not fill (exit 1). Each is named by its field and value.
 */
function checkChoices(state: WizardState): void {
  const issues = serverIssues(state).filter((i) => i.section !== 'general' || i.field !== 'vmid');
  if (issues.length === 0) return;
  const explicit = issues.every((i) => state.explicit.includes(issuePath(i)));
  throw new CommandError(
    issues.map((i) => `${issuePath(i)}: ${i.message}`).join('\n'),
    explicit ? EXIT.usage : EXIT.failed,
  );
}

/** What the spec leaves open, filled the way the wizard's steps fill it. */
async function completeFromServer(
  api: SessionApi,
  answers: Answers,
  settings: Settings,
  say: (line: string) => void,
): Promise<WizardState> {
  // In the wizard's order: each step's defaults may depend on the ones before (the node).
  const loaders = stepLoaders(() => api, settings.defaults);
  let state: WizardState = {
    ...initialState(answers.config, answers.explicit),
    authenticated: true,
    step: 'general',
  };
  for (const step of FORM_STEPS) {
    const event: WizardEvent = await loaders[step](state);
    if (event.type === 'loadFailed') say(`warning: ${event.message}`);
    if (event.type === 'loaded' && event.empty) say(`warning: ${event.empty}`);
    if (event.type === 'loaded' || event.type === 'loadFailed') {
      // Only the data and the defaults it implies: no step changes here.
      state = { ...state, views: { ...state.views, [event.step]: { status: 'loading' } } };
      state = transition(state, event).state;
    }
    // A node the server lacks has no storages to ask for: stop at the first step with problems.
    checkChoices(state);
  }
  return state;
}

/** The defaults used for what the spec left open, one line each: `disks[0].storage: ceph-pool (default)`. */
function defaultsUsed(state: WizardState): string[] {
  return choiceValues(state.config)
    .filter(([path, value]) => value !== '' && !state.explicit.includes(path))
    .map(([path, value]) => `${path}: ${value} (default)`);
}

function progressPrinter(options: CreateCommandOptions): (progress: Progress) => void {
  const shown = new Map<string, string>();
  const paint = (state: string, text: string) => {
    if (!options.color) return text;
    const code = state === 'done' ? 32 : state === 'failed' ? 31 : state === 'unknown' ? 33 : 90;
    return `\x1b[${code}m${text}\x1b[0m`;
  };
  return (progress) => {
    for (const [stage, title] of STAGE_TITLES) {
      const { state, detail } = progress.stages[stage];
      if (state === 'pending' || shown.get(stage) === state) continue;
      shown.set(stage, state);
      const line = plainText(`${title}${detail ? `: ${detail}` : ''}`);
      options.out.write(`${paint(state, STAGE_MARKS[state])} ${line}\n`);
    }
  };
}

async function run(options: CreateCommandOptions): Promise<number> {
  const say = (line: string) => options.out.write(`${plainText(line)}\n`);
  let spec: Answers;
  try {
    // Every problem of the spec at once; what the server fills is judged once it has.
    spec = checkSpecFile(options.specPath, options.base, options.dryRun ? 'all' : 'own');
  } catch (err) {
    if (!(err instanceof SpecFileError)) throw err;
    throw new CommandError(err.message, EXIT.usage);
  }
  if (options.dryRun) {
    const config = spec.config;
    const { params, ha, start } = creationPlan(config, '');
    say(`Dry run: nothing is created. POST /nodes/${config.general.node}/qemu with:`);
    for (const line of paramLines(params)) say(`  ${line}`);
    say('');
    say(`The same on ${config.general.node}:`);
    say(`  ${qmCreateCommand(params)}`);
    say(`Then: qm set ${config.general.vmid} --serial0 socket --vga serial0`);
    if (ha === 'resource') say(`Then: ha-manager add vm:${config.general.vmid} --state stopped`);
    if (start) say(`Then: qm start ${config.general.vmid}`);
    say('(ha-managed and allow-ksm are sent only to servers that know them: 9.1 and later.)');
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
  let config = state.config;
  const create = async () => {
    const { general } = config;
    say(
      `Creating VM ${general.vmid}${general.name ? ` (${general.name})` : ''} on ${general.node}`,
    );
    options.onCreating?.({ vmid: general.vmid, node: general.node });
    try {
      return await createFromConfig(api, config, {
        release: confirm?.release ?? '',
        clock: options.clock,
        onProgress: progressPrinter(options),
      });
    } finally {
      options.onCreating?.(undefined);
    }
  };
  let result = await create();
  const taken = result.kind === 'failed' ? takenVmid(result.message) : undefined;
  if (taken) {
    const next = await api.nextVmid().catch(() => undefined);
    // A VM ID the spec left open is a default: fetched again once. The spec's own is kept.
    if (state.explicit.includes('general.vmid') || next === undefined) {
      const hint = next === undefined ? '' : ` (the next free one is ${next})`;
      throw new CommandError(`${takenVmidMessage(taken)}${hint}`, EXIT.failed);
    }
    say(`${takenVmidMessage(taken)}; trying once more with the next free one`);
    say(`general.vmid: ${next} (default)`);
    config = updateSection(config, 'general', { vmid: String(next) });
    result = await create();
    const again = result.kind === 'failed' ? takenVmid(result.message) : undefined;
    if (again) throw new CommandError(takenVmidMessage(again), EXIT.failed);
  }
  if (result.kind === 'unknown') {
    throw new CommandError(`VM creation outcome unknown: ${result.message}`, EXIT.unknown);
  }
  if (result.kind === 'failed') {
    const fields = Object.entries(result.errors).map(([k, v]) => `  ${k}: ${v}`);
    throw new CommandError(
      [`VM creation failed: ${result.message}`, ...fields].join('\n'),
      EXIT.failed,
    );
  }
  const { stages } = result;
  const problems = [
    result.serial.ok ? undefined : `serial console not configured: ${result.serial.message}`,
    result.ha !== 'skipped' && !result.ha.ok ? `not added to HA: ${result.ha.message}` : undefined,
    stages.start.state === 'failed' ||
    (state.config.confirm.startAfterCreate && stages.start.state === 'skipped')
      ? `not started: ${stages.start.detail ?? ''}`
      : undefined,
  ].filter((p): p is string => p !== undefined);
  const started =
    stages.start.state === 'done'
      ? result.startViaHa
        ? ' and HA asked to start it'
        : ' and started'
      : '';
  if (problems.length === 0) {
    say(
      `VM ${result.vmid} was created on ${result.node}${started}. Console: qm terminal ${result.vmid}`,
    );
    return EXIT.created;
  }
  say(`VM ${result.vmid} was created on ${result.node}${started}, but ${problems.join('; ')}`);
  return EXIT.failed;
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
