/**
 * The controller's view: mounts the registered screen of the current step (destroying the one
 * before), passes state changes to it, keeps the shell (breadcrumb, footer) in line, and asks
 * before quitting.
 */
import type { Widgets } from 'blessed';
import type { Shell } from '../../screens/shell';
import type { StepScreen, StepScreenFactory } from '../../screens/step-screen';
import { forgetDestroyed } from '../../widgets/blessed-internals';
import { Dialog } from '../../widgets/dialog';
import type { Controller, WizardView } from '../controller';
import { wizardCreate } from '../interrupted-create';
import * as strings from '../strings';
import { footerHints, type KeyAction } from '../wizard/keys';
import { serverIssues, type WizardEvent, type WizardState } from '../wizard/machine';
import type { Step } from '../wizard/steps';
import type { AdvancedChoice } from '../advanced-choice';
import type { DialogHost } from './dialog-host';

export interface StepMounterDeps {
  screen: Widgets.Screen;
  shell: Shell;
  dialogs: DialogHost;
  registry: Partial<Record<Step, StepScreenFactory>>;
  advanced?: AdvancedChoice;
  /** The controller, made after the view it drives. */
  controller(): Controller;
}

export class StepMounter implements WizardView {
  private mounted: { step: Step; view: StepScreen } | undefined;
  /** A screen may report intents while it is being built; they wait until it is mounted. */
  private mounting = false;
  private readonly queued: WizardEvent[] = [];
  /** Once the terminal is given back, late answers change nothing on screen. */
  private closed = false;

  constructor(private readonly deps: StepMounterDeps) {}

  /** The current step's screen, if it has one. */
  get current(): StepScreen | undefined {
    return this.mounted?.view;
  }

  show(state: WizardState): void {
    if (this.closed) return;
    if (this.mounted?.step !== state.step) this.mount(state);
    else this.mounted.view.update(state);
    this.deps.shell.update(shellProps(state));
    this.deps.screen.render();
    const controller = this.deps.controller();
    while (this.queued.length > 0) controller.dispatch(this.queued.shift()!);
  }

  focusField(step: Step, field: string): void {
    if (this.closed) return;
    if (this.mounted?.step === step) this.mounted.view.focusField(field);
    this.deps.screen.render();
  }

  confirmQuit(quit: () => void): void {
    if (this.closed) return;
    const { screen, dialogs } = this.deps;
    const { state } = this.deps.controller();
    const lines =
      state.step === 'submitting'
        ? strings.quitWhileCreatingLines(wizardCreate(state))
        : strings.QUIT_LINES;
    dialogs.open(
      () =>
        new Dialog(screen, {
          title: strings.QUIT_TITLE,
          lines,
          buttons: [
            { label: strings.STAY_BUTTON, onPress: () => undefined },
            { label: strings.QUIT_BUTTON, onPress: quit },
          ],
          cancel: 0,
          role: 'borderError',
        }),
    );
  }

  /** The terminal is being given back: the step's screen stops its work. */
  close(): void {
    this.closed = true;
    this.mounted?.view.destroy();
    this.mounted = undefined;
  }

  private mount(state: WizardState): void {
    const { screen, shell, registry } = this.deps;
    this.mounted?.view.destroy();
    this.mounted = undefined;
    forgetDestroyed(screen);
    const factory = registry[state.step];
    if (!factory) return;
    const controller = this.deps.controller();
    this.mounting = true;
    try {
      const view = factory({
        screen,
        parent: shell.body,
        status: shell.status,
        dispatch: (event) => {
          if (this.mounting) this.queued.push(event);
          else controller.dispatch(event);
        },
        track: (work) => controller.track(work),
        state,
        ...(this.deps.advanced ? { advanced: this.deps.advanced } : {}),
      });
      this.mounted = { step: state.step, view };
    } finally {
      this.mounting = false;
    }
  }
}

/** The breadcrumb's marks and the footer's words for `state`. */
function shellProps(state: WizardState) {
  const words: Partial<Record<Step, string>> = {
    login: 'log in',
    confirm: 'create VM',
    done: 'create another',
  };
  const forward = words[state.step] ?? 'next';
  const hidden: KeyAction[] = ['login', 'general', 'submitting', 'done'].includes(state.step)
    ? ['back']
    : [];
  if (state.step === 'submitting') hidden.push('forward');
  return {
    step: state.step,
    visited: state.visited,
    // Steps with a choice the server lacks are marked as soon as it is known, not only on Next.
    invalid: [...new Set([...state.issues, ...serverIssues(state)].map((i) => i.section as Step))],
    keys: footerHints(hidden).map((k) => (k.text === 'next' ? { ...k, text: forward } : k)),
  };
}
