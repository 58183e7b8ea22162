/**
 * Wires the wizard together: the screen host, the shell, the step screens of the registry, the
 * controller and the global keys of the keyboard contract.
 */
import { createLoginScreen } from '../screens/login';
import { Shell } from '../screens/shell';
import type { ClientOptions } from '../services/client/client';
import type { Clock } from '../services/tasks';
import type { KnownServers } from './known-servers';
import { initialAnswers } from './initial-config';
import { wizardCreate, type RunningCreate } from './interrupted-create';
import type { ChoicePath } from './model/choices';
import type { VmConfig } from './model/config';
import { EXIT } from './exit-codes';
import { wireSteps } from './wire-steps';
import { LoginActions, type SessionApi } from './login';
import { guardSession } from './session-guard';
import { openReloginDialog } from '../screens/relogin';
import type { Settings } from './settings';
import type { StepScreen, StepScreenFactory } from '../screens/step-screen';
import { forgetDestroyed } from '../widgets/blessed-internals';
import { Dialog } from '../widgets/dialog';
import { wrap } from '../widgets/text';
import { Controller, type Loader, type WizardView } from './controller';
import blessed from 'blessed';
import { footerHints, KEY_BINDINGS, keysFor, type KeyAction } from './keys';
import { createScreenHost, type ScreenHost, type ScreenHostOptions } from './screen-host';
import * as strings from './strings';
import { initialState, serverIssues, type WizardEvent, type WizardState } from './wizard/machine';
import { FORM_STEPS, isFormStep, STEP_LOADS, STEP_TITLES, type Step } from './wizard/steps';

/** Smallest terminal the wizard is usable in. */
export const MIN_SIZE = { cols: 60, rows: 18 } as const;

export { EXIT } from './exit-codes';

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

export function startApp(options: AppOptions): App {
  const host = createScreenHost(options);
  const { screen } = host;
  const shell = new Shell(screen, {
    step: 'login',
    visited: [],
    invalid: [],
    keys: footerHints(),
    warning: options.login?.settings.tls.insecure ? strings.INSECURE_WARNING : undefined,
    // On every screen, the login's included, at any width (the header's right side gives way
    // to the breadcrumb), so a wrong preset is noticed before anything is typed.
    note: options.login?.settings.preset
      ? `preset ${options.login.settings.preset.name}`
      : undefined,
  });
  let api: SessionApi | undefined;
  let askingToLogIn = false;
  const registry: Partial<Record<Step, StepScreenFactory>> = {};
  const loaders: Partial<Record<Step, Loader>> = {};
  let submit: ((state: WizardState) => Promise<WizardEvent>) | undefined;
  if (options.login) {
    const { settings, known, makeApi, hint } = options.login;
    const actions = new LoginActions({
      tls: settings.tls,
      token: settings.token,
      known,
      makeApi,
      track: (work) => controller.track(work),
      onAuthenticated: (session, who) => {
        api = guardSession(session, () => askToLogInAgain(who));
        shell.update({ session: who });
      },
    });
    // The wizard waits (loads and the create call included) until the user logs in or quits.
    const askToLogInAgain = (who: { username: string; server: string }) =>
      new Promise<boolean>((resolve) => {
        askingToLogIn = true;
        const answer = (loggedIn: boolean) => {
          askingToLogIn = false;
          resolve(loggedIn);
        };
        const ask = (problem?: string) =>
          openDialog(() =>
            openReloginDialog(screen, {
              ...who,
              problem,
              logIn: (password) => {
                void actions
                  .logIn({
                    server: who.server,
                    username: who.username,
                    secret: password,
                    realm: '',
                  })
                  .then((outcome) => {
                    if (outcome.kind === 'ok') answer(true);
                    else if (outcome.kind === 'tfa')
                      ask('This user needs a second factor: quit and log in again.');
                    else ask('message' in outcome ? outcome.message : 'Not logged in');
                  });
              },
              quit: () => {
                answer(false);
                controller.dispatch({ type: 'quitConfirmed' });
              },
            }),
          );
        ask();
      });
    registry.login = (ctx) =>
      createLoginScreen(ctx, {
        port: actions,
        server: settings.server,
        username: settings.user,
        realm: settings.realm,
        token: settings.token,
        tokenSecret: settings.tokenSecret,
        hint,
      });
  }
  if (options.login) {
    const steps = wireSteps({
      login: options.login,
      specDir: options.specDir,
      session: () => {
        if (!api) throw new Error('Not logged in');
        return api;
      },
      state: () => controller.state,
      dispatch: (event) => controller.dispatch(event),
    });
    Object.assign(registry, steps.registry);
    Object.assign(loaders, steps.loaders);
    submit = steps.submit;
  }
  Object.assign(registry, options.registry);
  Object.assign(loaders, options.loaders);
  let mounted: { step: Step; view: StepScreen } | undefined;
  let dialog: Dialog | undefined;

  const openDialog = (make: () => Dialog) => {
    dialog?.close();
    dialog = make();
  };

  // A screen may report intents while it is being built; they wait until it is mounted.
  let mounting = false;
  const queued: WizardEvent[] = [];
  const dispatchFromScreen = (event: WizardEvent) => {
    if (mounting) queued.push(event);
    else controller.dispatch(event);
  };

  // Once the terminal is given back, late answers change nothing on screen.
  let closed = false;
  const view: WizardView = {
    show(state) {
      if (closed) return;
      if (mounted?.step !== state.step) {
        mounted?.view.destroy();
        mounted = undefined;
        forgetDestroyed(screen);
        const factory = registry[state.step];
        if (factory) {
          mounting = true;
          try {
            const screenView = factory({
              screen,
              parent: shell.body,
              status: shell.status,
              dispatch: dispatchFromScreen,
              track: (work) => controller.track(work),
              state,
            });
            mounted = { step: state.step, view: screenView };
          } finally {
            mounting = false;
          }
        }
      } else {
        mounted.view.update(state);
      }
      shell.update(shellProps(state));
      screen.render();
      while (queued.length > 0) controller.dispatch(queued.shift()!);
    },
    focusField(step, field) {
      if (closed) return;
      if (mounted?.step === step) mounted.view.focusField(field);
      screen.render();
    },
    confirmQuit(quit) {
      if (closed) return;
      const creating = controller.state.step === 'submitting';
      openDialog(
        () =>
          new Dialog(screen, {
            title: strings.QUIT_TITLE,
            lines: creating
              ? strings.quitWhileCreatingLines(wizardCreate(controller.state))
              : strings.QUIT_LINES,
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
    initial: options.config
      ? initialState(options.config, options.explicit)
      : options.login
        ? startingState(initialAnswers(options.login.settings))
        : undefined,
    view,
    loaders,
    submit: (state) => submit!(state),
    checkVmid: (vmid) => (api ? api.isVmidFree(vmid) : Promise.reject(new Error('Not logged in'))),
    vmidCheckDelayMs: options.login?.vmidCheckDelayMs,
    onQuit: (state) => options.onExit(state.step === 'done' ? EXIT.created : EXIT.cancelled),
  });

  const actions: Partial<Record<KeyAction, (key: { full?: string }) => void>> = {
    jump: (key) => {
      const step = FORM_STEPS[Number(key.full?.slice(2)) - 1];
      if (step && !dialog?.isOpen) controller.dispatch({ type: 'jump', step });
    },
    forward: () => {
      if (dialog?.isOpen) return;
      if (mounted?.view.forward) mounted.view.forward();
      else controller.dispatch({ type: 'next' });
    },
    reload: () => {
      const { step } = controller.state;
      if (dialog?.isOpen || !isFormStep(step) || !STEP_LOADS[step]) return;
      controller.dispatch({ type: 'retry', step });
    },
    back: () => {
      if (dialog?.isOpen) return;
      if (mounted?.view.back) mounted.view.back();
      else controller.dispatch({ type: 'back' });
    },
    help: () => {
      if (dialog?.isOpen) {
        if (!askingToLogIn) dialog.close();
        return;
      }
      openDialog(
        () =>
          new Dialog(screen, {
            title: strings.HELP_TITLE,
            lines: [
              // The focused field's message, and a notice the status area had to cut, in full.
              ...shell
                .messagesForHelp()
                .flatMap((message) => [...wrap(message, (screen.width as number) - 8), '']),
              ...strings.helpLines(mounted?.view.keys, STEP_TITLES[controller.state.step]),
            ],
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
    if (binding.global && action)
      screen.key(binding.keys, (_ch: unknown, key: { full?: string }) => action(key));
  }
  shell.onStepClick = (step) => {
    if (!dialog?.isOpen) controller.dispatch({ type: 'jump', step });
  };

  // Below the minimum size a notice replaces the form until the terminal grows; only quitting works.
  const tooSmall = blessed.box({
    parent: screen,
    top: 0,
    left: 0,
    width: '100%',
    height: '100%',
    hidden: true,
    tags: false,
    wrap: true,
  });
  const checkSize = () => {
    const cols = screen.width as number;
    const rows = screen.height as number;
    const small = cols < MIN_SIZE.cols || rows < MIN_SIZE.rows;
    screen.lockKeys = small;
    // @types/blessed types this list as a boolean; neo-blessed reads the key names.
    (screen as unknown as { ignoreLocked: string[] }).ignoreLocked = small
      ? [...keysFor('quit')]
      : [];
    if (small) {
      tooSmall.setContent(strings.TOO_SMALL(cols, rows, MIN_SIZE.cols, MIN_SIZE.rows));
      tooSmall.setFront();
      tooSmall.show();
    } else tooSmall.hide();
  };
  screen.on('resize', () => {
    checkSize();
    screen.render();
  });
  checkSize();
  // The terminal is being given back: the step's screen stops its work.
  screen.on('destroy', () => {
    closed = true;
    mounted?.view.destroy();
    mounted = undefined;
    api?.cancelAll();
  });

  controller.start();
  return {
    host,
    shell,
    controller,
    get api() {
      return api;
    },
    creating: () => wizardCreate(controller.state),
  };
}

const startingState = ({ config, explicit }: { config: VmConfig; explicit: ChoicePath[] }) =>
  initialState(config, explicit);

function shellProps(state: WizardState): {
  step: Step;
  visited: Step[];
  invalid: Step[];
  keys: { key: string; text: string }[];
} {
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
