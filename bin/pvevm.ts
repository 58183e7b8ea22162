#!/usr/bin/env node
/**
 * The pvevm command: parses the command line, runs the wizard on the process's terminal, and
 * always gives the terminal back — on exit, Ctrl-C, SIGTERM, SIGHUP and crashes.
 */
import { EXIT, startApp, type App } from '../lib/app';
import { USAGE } from '../lib/strings';
import { packageVersion } from '../lib/version';
import { parseCommandLine } from './args';

function main(argv: string[]): void {
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
      run();
  }
}

function run(): void {
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
    onExit: (code) => finish(code),
  });
}

main(process.argv.slice(2));
