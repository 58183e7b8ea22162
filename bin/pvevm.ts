/**
 * The pvevm command: parses the command line, runs the wizard on the process's terminal, and
 * gives the terminal back on exit, signals and crashes — never touching one that is gone
 * (lib/process-lifecycle.ts). An exit while a VM is being created says the task goes on.
 */
import type { App, AppLogin } from '../lib/tui/app-types';
import { defaultStatePath, fileAdvancedChoice } from '../lib/advanced-choice';
import { CaFileError, readCaFile } from '../lib/ca-file';
import { EXIT } from '../lib/exit-codes';
import { initialAnswers, type Answers } from '../lib/initial-config';
import { interruptedCreateNotice, type RunningCreate } from '../lib/interrupted-create';
import { defaultKnownServersPath, KnownServers } from '../lib/known-servers';
import {
  forgetSecretEnv,
  resolveSettings,
  SettingsError,
  type Flags,
  type Settings,
} from '../lib/settings';
import { installLifecycle, keepMemoryOutOfCoreDumps } from './lifecycle';
import { USAGE } from '../lib/strings';
import { packageVersion } from '../lib/version';
import { ProxmoxClient } from '../services/client/client';
import { plainText } from '../widgets/terminal-text';
import { parseCommandLine } from './args';

async function main(argv: string[]): Promise<void> {
  keepMemoryOutOfCoreDumps();
  const command = parseCommandLine(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE + '\n');
      return;
    case 'version':
      process.stdout.write(`pvevm ${packageVersion()}\n`);
      return;
    case 'usage-error':
      process.stderr.write(`pvevm: ${plainText(command.message)}\n\n${USAGE}\n`);
      process.exitCode = EXIT.usage;
      return;
    case 'run':
      await run(command.flags, command.spec);
      return;
    case 'create':
      process.exitCode = await create(command);
  }
}

/** Settings, or exit 2 naming the problem (a --ca file that cannot serve included). */
function settingsFor(flags: Flags): Settings {
  try {
    const settings = resolveSettings(flags, process.env);
    forgetSecretEnv(process.env);
    if (settings.tls.ca !== undefined) readCaFile(settings.tls.ca);
    return settings;
  } catch (err) {
    if (!(err instanceof SettingsError || err instanceof CaFileError)) throw err;
    process.stderr.write(`pvevm: ${plainText(err.message)}\n`);
    process.exit(EXIT.usage);
  }
}

/** The password for `--password-stdin`: asked for on a terminal, else read to the end. */
async function passwordFromStdin(user: string | undefined): Promise<string> {
  if (process.stdin.isTTY) {
    const { promptPassword, PromptCancelled } = await import('../lib/password-prompt');
    try {
      return await promptPassword(
        process.stdin,
        process.stderr,
        `Password for ${plainText(user ?? 'the user')}: `,
      );
    } catch (err) {
      if (!(err instanceof PromptCancelled)) throw err;
      process.exit(EXIT.cancelled);
    }
  }
  return readStdin();
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // The line break `echo` or a password manager adds is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function create(command: Extract<ReturnType<typeof parseCommandLine>, { kind: 'create' }>) {
  // `pvevm create … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.created);
    throw err;
  });
  let creating: RunningCreate | undefined;
  installLifecycle({
    watchTerminal: false,
    restore: () => undefined,
    notice: () => (creating ? interruptedCreateNotice(creating) : undefined),
  });
  const settings = settingsFor(command.flags);
  const { runCreateCommand } = await import('../lib/create-command');
  return runCreateCommand(
    {
      settings,
      specPath: command.spec,
      base: initialAnswers(settings),
      dryRun: command.dryRun,
      password: command.passwordStdin ? await passwordFromStdin(settings.user) : undefined,
      known: new KnownServers(defaultKnownServersPath(settings.configFile)),
      makeApi: (options) =>
        new ProxmoxClient({ ...options, maxAnswerBytes: settings.maxAnswerBytes }),
      out: process.stdout,
      color: process.stdout.isTTY === true && !process.env.NO_COLOR,
      onCreating: (running) => (creating = running),
    },
    process.stderr,
  );
}

/** A spec opened in the wizard is a template: its VM ID is for the VM it made, not the next. */
async function templateFrom(path: string, settings: Settings): Promise<Answers> {
  const { readSpecFile } = await import('../lib/spec-file');
  const answers = readSpecFile(path, initialAnswers(settings));
  answers.config.general.vmid = '';
  return { ...answers, explicit: answers.explicit.filter((p) => p !== 'general.vmid') };
}

async function loginFor(flags: Flags): Promise<AppLogin> {
  const settings = settingsFor(flags);
  const known = new KnownServers(defaultKnownServersPath(settings.configFile));
  const makeApi: AppLogin['makeApi'] = (options) =>
    new ProxmoxClient({ ...options, maxAnswerBytes: settings.maxAnswerBytes });
  if (!settings.demo) return { settings, known, makeApi };
  // The simulator is loaded only for --demo, so a normal start does not pay for it.
  const { startSimulator, DEMO_USER } = await import('../services/simulator/demo');
  const sim = await startSimulator({ dataset: 'demo', authDelayMs: 3000, taskDurationMs: 2000 });
  return {
    // The demo user is filled in, so a new user only types the password shown.
    settings: {
      ...settings,
      server: sim.url,
      user: `${DEMO_USER.username}@${DEMO_USER.realm}`,
      token: undefined,
      tls: { fingerprint: sim.fingerprint },
    },
    known,
    makeApi,
    hint: `Demo cluster: user ${DEMO_USER.username}@${DEMO_USER.realm}, password ${DEMO_USER.password}`,
  };
}

async function run(flags: Flags, spec: string | undefined): Promise<void> {
  const login = await loginFor(flags);
  let template: Answers | undefined;
  if (spec !== undefined) {
    try {
      template = await templateFrom(spec, login.settings);
    } catch (err) {
      process.stderr.write(
        `pvevm: ${plainText(err instanceof Error ? err.message : String(err))}\n`,
      );
      process.exit(EXIT.usage);
    }
  }
  const { startApp } = await import('../lib/tui/app');
  // Set once the app runs; a failure while it starts still exits cleanly.
  const running: { app?: App } = {};
  const lifecycle = installLifecycle({
    watchTerminal: true,
    restore: () => running.app?.host.restore(),
    notice: () => {
      const creating = running.app?.creating();
      return creating ? interruptedCreateNotice(creating) : undefined;
    },
  });
  const finish = (code: number, error?: unknown) => {
    if (error === undefined) lifecycle.exit(code);
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    lifecycle.exit(code, `pvevm: ${plainText(text)}\n`);
  };
  process.on('uncaughtException', (err) => finish(EXIT.failed, err));
  process.on('unhandledRejection', (err) => finish(EXIT.failed, err));
  running.app = startApp({
    input: process.stdin,
    output: process.stdout,
    theme: login.settings.theme,
    login,
    config: template?.config,
    explicit: template?.explicit,
    advanced: fileAdvancedChoice(defaultStatePath(process.env)),
    onExit: (code) => finish(code),
  });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`pvevm: ${plainText(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(EXIT.failed);
});
