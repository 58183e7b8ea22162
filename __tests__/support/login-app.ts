/** The app on the headless harness, logging in to a simulator. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownServers } from '../../lib/known-servers';
import type { Settings } from '../../lib/settings';
import type { VmConfig } from '../../lib/model/config';
import { ProxmoxClient } from '../../services/client/client';
import type { Simulator } from '../../services/simulator/server';
import { appHarness, type AppHarness } from './app';
import type { FakeClock } from './simulator';
import type { HarnessOptions } from './harness';
import type { AdvancedChoice } from '../../lib/advanced-choice';
import type { Step } from '../../lib/wizard/steps';

export interface LoginAppOptions extends HarnessOptions {
  settings?: Partial<Settings>;
  hint?: string;
  /** Where trusted certificates are remembered (default: a new temporary folder). */
  knownServersPath?: string;
  /** Start with the simulator's certificate pinned (default) or untrusted. */
  trusted?: boolean;
  /** Debounce of the General step's VM ID check. */
  generalCheckDelayMs?: number;
  /** Pause in typing before node hours are asked for (0 unless a test pins the pause). */
  nodeLoadPauseMs?: number;
  /** The client's clock (ticket age) and the creation's (task polls, locked retries). */
  clock?: FakeClock;
  /** The client's timeout per call. */
  timeoutMs?: number;
  /** Where Confirm's "Save as spec" suggests writing. */
  specDir?: string;
  /** The answers to start from (a spec opened as a template). */
  config?: VmConfig;
  /** Each step's Advanced checkbox (default: all off, kept in memory). */
  advanced?: AdvancedChoice;
  /** Sees (and may wrap methods of) each client the app makes. */
  onApi?: (client: ProxmoxClient) => void;
}

export function loginApp(
  sim: Simulator,
  options: LoginAppOptions = {},
): AppHarness & { known: KnownServers } {
  const known = new KnownServers(
    options.knownServersPath ?? join(mkdtempSync(join(tmpdir(), 'pvevm-known-')), 'known_servers'),
  );
  const settings: Settings = {
    server: sim.url,
    tls: options.trusted === false ? {} : { fingerprint: sim.fingerprint },
    defaults: {},
    demo: false,
    configFile: '/nonexistent/config.json',
    theme: 'auto',
    ...options.settings,
  };
  const t = appHarness(options, {
    specDir: options.specDir,
    config: options.config,
    ...(options.advanced ? { advanced: options.advanced } : {}),
    login: {
      settings,
      known,
      makeApi: (o) => {
        const client = new ProxmoxClient({
          ...o,
          clock: options.clock?.now,
          timeoutMs: options.timeoutMs,
        });
        options.onApi?.(client);
        return client;
      },
      clock: options.clock,
      hint: options.hint,
      vmidCheckDelayMs: options.generalCheckDelayMs,
      // Tests ask for node hours at once unless they pin the pause.
      nodeLoadPauseMs: options.nodeLoadPauseMs ?? 0,
    },
  });
  return { ...t, known };
}

/** Log in as root@pam through the login screen. */
export async function logInAsRoot(t: AppHarness): Promise<void> {
  await t.h.settle();
  await t.h.type('root');
  await t.h.press('tab');
  await t.h.type('proxmox');
  await t.h.press('enter');
}

/** Ctrl-N through every form step to Confirm, checking each step is shown in order. */
export async function nextToConfirm(t: AppHarness): Promise<void> {
  const order: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network'];
  for (const s of order) {
    expect(t.app.controller.state.step).toBe(s);
    await t.h.press('C-n');
  }
  expect(t.app.controller.state.step).toBe('confirm');
}
