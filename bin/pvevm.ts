#!/usr/bin/env node
/**
 * The pvevm command: parses the command line, runs the wizard on the process's terminal, and
 * always gives the terminal back — on exit, Ctrl-C, SIGTERM, SIGHUP and crashes.
 */
import { EXIT, startApp, type App, type AppLogin } from '../lib/app';
import { defaultKnownServersPath, KnownServers } from '../lib/known-servers';
import {
  forgetSecretEnv,
  resolveSettings,
  SettingsError,
  type Flags,
  type Settings,
} from '../lib/settings';
import { USAGE } from '../lib/strings';
import { packageVersion } from '../lib/version';
import { ProxmoxClient } from '../services/client/client';
import { parseCommandLine } from './args';

async function main(argv: string[]): Promise<void> {
  const command = parseCommandLine(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE + '\n');
      return;
    case 'version':
      process.stdout.write(`pvevm ${packageVersion()}\n`);
      return;
    case 'usage-error':
      process.stderr.write(`pvevm: ${command.message}\n\n${USAGE}\n`);
      process.exitCode = EXIT.usage;
      return;
    case 'run':
      await run(command.flags);
  }
}

async function loginFor(flags: Flags): Promise<AppLogin> {
  const settings: Settings = resolveSettings(flags, process.env);
  forgetSecretEnv(process.env);
  const known = new KnownServers(defaultKnownServersPath(settings.configFile));
  const makeApi: AppLogin['makeApi'] = (options) => new ProxmoxClient(options);
  if (!settings.demo) return { settings, known, makeApi };
  // The simulator is loaded only for --demo, so a normal start does not pay for it.
  const { startSimulator } = await import('../services/simulator/server');
  const { DEMO_USER } = await import('../services/simulator/datasets');
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

async function run(flags: Flags): Promise<void> {
  let login: AppLogin;
  try {
    login = await loginFor(flags);
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    process.stderr.write(`pvevm: ${err.message}\n`);
    process.exit(EXIT.usage);
  }
  // Set once the app runs; a failure while it starts still exits cleanly.
  const running: { app?: App } = {};
  const finish = (code: number, error?: unknown) => {
    running.app?.host.restore();
    if (error !== undefined) {
      process.stderr.write(
        `pvevm: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(code);
  };
  // Signal exit codes follow the shell's 128 + signal number.
  process.on('SIGTERM', () => finish(143));
  process.on('SIGHUP', () => finish(129));
  process.on('SIGINT', () => finish(EXIT.cancelled));
  process.on('uncaughtException', (err) => finish(EXIT.failed, err));
  process.on('unhandledRejection', (err) => finish(EXIT.failed, err));
  running.app = startApp({
    input: process.stdin,
    output: process.stdout,
    login,
    onExit: (code) => finish(code),
  });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`pvevm: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(EXIT.failed);
});
