/** The whole app on the headless harness. */
import { startApp } from '../../lib/tui/app';
import type { App, AppOptions } from '../../lib/tui/app-types';
import { Harness, type HarnessOptions } from './harness';

export interface AppHarness {
  h: Harness;
  app: App;
  exits: number[];
}

export function appHarness(
  options: HarnessOptions = {},
  app: Partial<Omit<AppOptions, 'input' | 'output' | 'onExit'>> = {},
): AppHarness {
  const exits: number[] = [];
  let started: App | undefined;
  const h = new Harness(options, (io) => {
    started = startApp({ ...io, ...app, onExit: (code) => exits.push(code) });
    return started.host;
  });
  const running = started!;
  h.appDraws = true;
  h.idle = () => running.controller.idle();
  return { h, app: running, exits };
}
