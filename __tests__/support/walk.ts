/**
 * A walk through the whole wizard as a new user takes it: login (with the demo hint), General
 * with two tags in their colours, an open select list, the list of the cluster's (coloured)
 * tags, OS … Network, Confirm and the F1 help. Each screen is handed to `visit`
 * as the emulator shows it after the app's own output settled.
 */
import type { Simulator } from '../../services/simulator/server';
import { FORM_STEPS, type Step } from '../../lib/wizard/steps';
import type { HarnessOptions } from './harness';
import { loginApp, logInAsRoot } from './login-app';

export type WalkedScreen =
  'login' | 'list' | 'tags' | 'help' | Exclude<Step, 'submitting' | 'done'>;

/** The form steps after General, each reached with Ctrl-N. */
const FORWARD = FORM_STEPS.slice(1);

export const WALKED_SCREENS: readonly WalkedScreen[] = [
  'login',
  'general',
  'list',
  'tags',
  ...FORWARD,
  'help',
];

export async function walkWizard(
  sim: Simulator,
  options: HarnessOptions,
  visit: (screen: WalkedScreen, t: ReturnType<typeof loginApp>) => void | Promise<void>,
): Promise<void> {
  const t = loginApp(sim, {
    generalCheckDelayMs: 0,
    hint: 'Demo cluster: user root@pam, password proxmox',
    ...options,
  });
  try {
    await t.h.settle();
    // The realms load starts once the first frame is out: wait for it too.
    await t.h.settle();
    expect(t.h.text()).toContain('Demo cluster');
    await visit('login', t);
    await logInAsRoot(t);
    expect(t.app.controller.state.step).toBe('general');
    // Two tags: one in the cluster's color-map, one coloured by its name; back to Node.
    await t.h.press('tab', 'tab', 'tab', 'tab');
    await t.h.type('prod');
    await t.h.press('enter');
    await t.h.type('nixos');
    await t.h.press('enter', 'S-tab', 'S-tab', 'S-tab', 'S-tab');
    expect(t.app.controller.state.config.general.tags).toEqual(['prod', 'nixos']);
    await visit('general', t);
    // Space on the focused Node field opens its list.
    await t.h.press('space');
    await visit('list', t);
    await t.h.press('escape');
    // The cluster's other tags, each in its colour.
    await t.h.press('tab', 'tab', 'tab', 'tab', 'tab', 'space');
    expect(t.h.text()).toMatch(/Add a cluster tag.*3\/3/);
    await visit('tags', t);
    await t.h.press('escape');
    for (const step of FORWARD) {
      await t.h.press('C-n');
      expect(t.app.controller.state.step).toBe(step);
      await visit(step as WalkedScreen, t);
    }
    await t.h.press('f1');
    await visit('help', t);
  } finally {
    t.h.destroy();
  }
}
