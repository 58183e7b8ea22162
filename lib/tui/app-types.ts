/** What the app is started with and what it hands back (bin/pvevm.ts, the tests). */
import type { StepScreenFactory } from '../../screens/step-screen';
import type { Shell } from '../../screens/shell';
import type { ClientOptions } from '../../services/client/client';
import type { Clock } from '../../services/tasks';
import type { AdvancedChoice } from '../advanced-choice';
import type { Controller, Loader } from '../controller';
import type { RunningCreate } from '../interrupted-create';
import type { KnownServers } from '../known-servers';
import type { SessionApi } from '../login';
import type { ChoicePath } from '../model/choices';
import type { VmConfig } from '../model/config';
import type { Settings } from '../settings';
import type { Step } from '../wizard/steps';
import type { ScreenHost, ScreenHostOptions } from './screen-host';

export interface AppOptions extends ScreenHostOptions {
  /** Logging in: where, how, and how clients are made. Without it the login step is empty. */
  login?: AppLogin;
  /** Screens to use instead of the built-in ones (tests). */
  registry?: Partial<Record<Step, StepScreenFactory>>;
  loaders?: Partial<Record<Step, Loader>>;
  /** The answers to start from (a spec opened as a template); the defaults otherwise. */
  config?: VmConfig;
  /** The choices `config` names explicitly (the template's and the preset's). */
  explicit?: ChoicePath[];
  /** Each step's Advanced checkbox, remembered (bin: the state file); in memory otherwise. */
  advanced?: AdvancedChoice;
  /** Where "Save as spec" on Confirm suggests writing (a directory). */
  specDir?: string;
  /** The app is done; the caller restores the terminal and exits with `code`. */
  onExit: (code: number) => void;
}

export interface AppLogin {
  settings: Settings;
  known: KnownServers;
  makeApi(options: ClientOptions): SessionApi;
  /** Shown on the login screen, e.g. the demo credentials. */
  hint?: string;
  /** Wait after the last keystroke before checking a typed VM ID (default 300 ms). */
  vmidCheckDelayMs?: number;
  /** Pause in typing before node hours are asked for (default 400 ms). */
  nodeLoadPauseMs?: number;
  /** Time for task polling and locked retries while creating (tests pass a fake one). */
  clock?: Clock;
}

export interface App {
  readonly host: ScreenHost;
  readonly shell: Shell;
  readonly controller: Controller;
  /** The logged-in API, once there is one. */
  readonly api: SessionApi | undefined;
  /** The VM being created right now, if any: an exit then leaves its task running. */
  creating(): RunningCreate | undefined;
}
