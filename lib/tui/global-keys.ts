/**
 * The global keys of lib/wizard/keys.ts bound to what they do: jump, forward, reload, back,
 * help and quit; and clicks on the breadcrumb. An open dialog has the keys first.
 */
import type { Widgets } from 'blessed';
import type { Shell } from '../../screens/shell';
import type { StepScreen } from '../../screens/step-screen';
import { Dialog } from '../../widgets/dialog';
import { wrap } from '../../widgets/text';
import type { Controller } from '../controller';
import * as strings from '../strings';
import { KEY_BINDINGS, type KeyAction } from '../wizard/keys';
import { FORM_STEPS, isFormStep, STEP_LOADS, STEP_TITLES } from '../wizard/steps';
import type { DialogHost } from './dialog-host';

export interface GlobalKeysDeps {
  screen: Widgets.Screen;
  shell: Shell;
  dialogs: DialogHost;
  controller: Controller;
  /** The current step's screen: it may own forward and back (the login's pages). */
  current(): StepScreen | undefined;
  /** The session-expired question is open: F1 must not close it. */
  askingToLogIn(): boolean;
}

type Action = (key: { full?: string }) => void;

export function bindGlobalKeys(deps: GlobalKeysDeps): void {
  const { screen, shell, dialogs, controller } = deps;
  // Every key: background work for pictures waits for a pause in typing.
  screen.on('keypress', () => controller.noteInput());
  const actions: Partial<Record<KeyAction, Action>> = {
    jump: (key) => {
      const step = FORM_STEPS[Number(key.full?.slice(2)) - 1];
      if (step && !dialogs.isOpen) controller.dispatch({ type: 'jump', step });
    },
    forward: () => {
      if (dialogs.isOpen) return;
      const view = deps.current();
      if (view?.forward) view.forward();
      else controller.dispatch({ type: 'next' });
    },
    reload: () => {
      const { step } = controller.state;
      if (dialogs.isOpen || !isFormStep(step) || !STEP_LOADS[step]) return;
      controller.dispatch({ type: 'retry', step });
    },
    back: () => {
      if (dialogs.isOpen) return;
      const view = deps.current();
      if (view?.back) view.back();
      else controller.dispatch({ type: 'back' });
    },
    help: () => {
      if (!dialogs.isOpen) dialogs.open(() => helpDialog(deps));
      else if (!deps.askingToLogIn()) dialogs.close();
    },
    quit: () => {
      // A second Ctrl-C/Ctrl-Q while the question is open means yes.
      if (dialogs.isOpen && controller.state.dirty) {
        dialogs.close();
        controller.dispatch({ type: 'quitConfirmed' });
      } else controller.dispatch({ type: 'cancel' });
    },
  };
  for (const binding of KEY_BINDINGS) {
    const action = actions[binding.action];
    if (binding.global && action)
      screen.key(binding.keys, (_ch: unknown, key: { full?: string }) => action(key));
  }
  shell.onStepClick = (step) => {
    if (!dialogs.isOpen) controller.dispatch({ type: 'jump', step });
  };
}

/** F1: the focused field's message and a notice the status area had to cut, in full; the keys. */
function helpDialog({ screen, shell, controller, current }: GlobalKeysDeps): Dialog {
  const width = (screen.width as number) - 8;
  return new Dialog(screen, {
    title: strings.HELP_TITLE,
    lines: [
      ...shell.messagesForHelp().flatMap((message) => [...wrap(message, width), '']),
      ...strings.helpLines(current()?.keys, STEP_TITLES[controller.state.step]),
    ],
    buttons: [{ label: strings.CLOSE_BUTTON, onPress: () => undefined }],
  });
}
