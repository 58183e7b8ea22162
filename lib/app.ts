/**
 * Wires the wizard together: the screen host, the shell, the step screens of the registry, the
 * controller and the global keys of the keyboard contract.
 */
import { Shell } from '../screens/shell';
import type { StepScreen, StepScreenFactory } from '../screens/step-screen';
import { Dialog } from '../widgets/dialog';
import { Controller, type Loader, type WizardView } from './controller';
import { footerHints, KEY_BINDINGS, type KeyAction } from './keys';
import { createScreenHost, type ScreenHost, type ScreenHostOptions } from './screen-host';
import * as strings from './strings';
import type { WizardState } from './wizard/machine';
import type { Step } from './wizard/steps';

/** Exit codes of the command line (Part 3 of the plan; documented in the README). */
export const EXIT = { created: 0, failed: 1, usage: 2, cancelled: 130 } as const;

export interface AppOptions extends ScreenHostOptions {
  registry?: Partial<Record<Step, StepScreenFactory>>;
  loaders?: Partial<Record<Step, Loader>>;
  /** The app is done; the caller restores the terminal and exits with `code`. */
  onExit: (code: number) => void;
}

export interface App {
  readonly host: ScreenHost;
  readonly shell: Shell;
  readonly controller: Controller;
}

export function startApp(options: AppOptions): App {
  const host = createScreenHost(options);
  const { screen } = host;
  const registry = options.registry ?? {};
  const shell = new Shell(screen, { step: 'login', visited: [], invalid: [], keys: footerHints() });
  let mounted: { step: Step; view: StepScreen } | undefined;
  let dialog: Dialog | undefined;

  const openDialog = (make: () => Dialog) => {
    dialog?.close();
    dialog = make();
  };

  const view: WizardView = {
    show(state) {
      if (mounted?.step !== state.step) {
        mounted?.view.destroy();
        const factory = registry[state.step];
        mounted = factory
          ? {
              step: state.step,
              view: factory({
                screen,
                parent: shell.body,
                status: shell.status,
                dispatch: (e) => controller.dispatch(e),
                state,
              }),
            }
          : undefined;
      } else {
        mounted.view.update(state);
      }
      shell.update(shellProps(state));
      screen.render();
    },
    focusField(step, field) {
      if (mounted?.step === step) mounted.view.focusField(field);
      screen.render();
    },
    confirmQuit(quit) {
      const creating = controller.state.step === 'submitting';
      openDialog(
        () =>
          new Dialog(screen, {
            title: strings.QUIT_TITLE,
            lines: creating ? strings.QUIT_WHILE_CREATING_LINES : strings.QUIT_LINES,
            buttons: [
              { label: strings.STAY_BUTTON, onPress: () => undefined },
              { label: strings.QUIT_BUTTON, onPress: quit },
            ],
            cancel: 0,
            role: 'borderError',
          }),
      );
    },
  };

  const controller = new Controller({
    view,
    loaders: options.loaders,
    onQuit: (state) => options.onExit(state.step === 'done' ? EXIT.created : EXIT.cancelled),
  });

  const actions: Partial<Record<KeyAction, () => void>> = {
    forward: () => {
      if (dialog?.isOpen) return;
      if (mounted?.view.forward) mounted.view.forward();
      else controller.dispatch({ type: 'next' });
    },
    back: () => {
      if (!dialog?.isOpen) controller.dispatch({ type: 'back' });
    },
    help: () => {
      if (dialog?.isOpen) {
        dialog.close();
        return;
      }
      openDialog(
        () =>
          new Dialog(screen, {
            title: strings.HELP_TITLE,
            lines: strings.helpLines(),
            buttons: [{ label: strings.CLOSE_BUTTON, onPress: () => undefined }],
          }),
      );
    },
    quit: () => {
      // A second Ctrl-C/Ctrl-Q while the question is open means yes.
      if (dialog?.isOpen && controller.state.dirty) {
        dialog.close();
        controller.dispatch({ type: 'quitConfirmed' });
      } else controller.dispatch({ type: 'cancel' });
    },
  };
  for (const binding of KEY_BINDINGS) {
    const action = actions[binding.action];
    if (binding.global && action) screen.key(binding.keys, () => action());
  }
  screen.on('resize', () => screen.render());

  controller.start();
  return { host, shell, controller };
}

function shellProps(state: WizardState): {
  step: Step;
  visited: Step[];
  invalid: Step[];
  keys: { key: string; text: string }[];
} {
  const forward =
    state.step === 'login' ? 'log in' : state.step === 'confirm' ? 'create VM' : 'next';
  const hidden: KeyAction[] = state.step === 'login' || state.step === 'general' ? ['back'] : [];
  return {
    step: state.step,
    visited: state.visited,
    invalid: [...new Set(state.issues.map((i) => i.section as Step))],
    keys: footerHints(hidden).map((k) => (k.text === 'next' ? { ...k, text: forward } : k)),
  };
}
