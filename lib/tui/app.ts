/**
 * The composition root: the screen host, the shell, the login flow, the step screens and their
 * loaders, the controller driving the step mounter, the global keys and the size guard.
 */
import type { Widgets } from 'blessed';
import { Shell } from '../../screens/shell';
import type { StepScreenFactory } from '../../screens/step-screen';
import { memoryAdvancedChoice } from '../advanced-choice';
import { Controller, type Loader } from '../controller';
import { EXIT } from '../exit-codes';
import { initialAnswers } from '../initial-config';
import { wizardCreate } from '../interrupted-create';
import type { Settings } from '../settings';
import * as strings from '../strings';
import { footerHints } from '../wizard/keys';
import { initialState, type WizardState } from '../wizard/machine';
import type { Step } from '../wizard/steps';
import type { App, AppOptions } from './app-types';
import { DialogHost } from './dialog-host';
import { bindGlobalKeys } from './global-keys';
import { wireLogin } from './login-flow';
import { createScreenHost } from './screen-host';
import { guardSize } from './size-guard';
import { StepMounter } from './step-mounter';
import { lazySteps } from './lazy-steps';

export function startApp(options: AppOptions): App {
  const host = createScreenHost(options);
  const { screen } = host;
  const shell = createShell(screen, options.login?.settings);
  const dialogs = new DialogHost();
  const parts = { screen, shell, dialogs, controller: () => controller };
  const steps =
    options.login &&
    lazySteps({
      login: options.login,
      specDir: options.specDir,
      session: () => {
        if (!login?.api) throw new Error('Not logged in');
        return login.api;
      },
      state: () => controller.state,
      dispatch: (event) => controller.dispatch(event),
    });
  const login = options.login && wireLogin(options.login, parts, () => steps?.prepare());
  const registry: Partial<Record<Step, StepScreenFactory>> = {
    ...(login && { login: login.loginScreen }),
    ...steps?.registry,
    ...options.registry,
  };
  const loaders: Partial<Record<Step, Loader>> = { ...steps?.loaders, ...options.loaders };
  const advanced = options.advanced ?? memoryAdvancedChoice();
  const mounter = new StepMounter({ ...parts, registry, advanced });
  const controller: Controller = new Controller({
    initial: startingState(options),
    view: mounter,
    loaders,
    submit: (state) => steps!.submit(state),
    checkVmid: (vmid) =>
      login?.api ? login.api.isVmidFree(vmid) : Promise.reject(new Error('Not logged in')),
    ...pauses(options.login),
    nodeLoad: (node) => (steps ? steps.nodeLoad(node) : Promise.reject(new Error('Not logged in'))),
    onQuit: (state) => options.onExit(state.step === 'done' ? EXIT.created : EXIT.cancelled),
  });
  bindGlobalKeys({
    ...parts,
    controller,
    current: () => mounter.current,
    askingToLogIn: () => login?.asking ?? false,
  });
  guardSize(screen);
  screen.on('destroy', () => {
    mounter.close();
    login?.api?.cancelAll();
  });
  controller.start();
  return {
    host,
    shell,
    controller,
    get api() {
      return login?.api;
    },
    creating: () => wizardCreate(controller.state),
  };
}

/** How long the controller waits on typing before a VM ID check and before node hours. */
const pauses = (login: AppOptions['login']) => ({
  vmidCheckDelayMs: login?.vmidCheckDelayMs,
  nodeLoadPauseMs: login?.nodeLoadPauseMs,
});

function createShell(screen: Widgets.Screen, settings?: Settings): Shell {
  return new Shell(screen, {
    step: 'login',
    visited: [],
    invalid: [],
    keys: footerHints(),
    warning: settings?.tls.insecure ? strings.INSECURE_WARNING : undefined,
    // On every screen, the login's included, at any width (the header's right side gives way
    // to the breadcrumb), so a wrong preset is noticed before anything is typed.
    note: settings?.preset ? `preset ${settings.preset.name}` : undefined,
  });
}

/** A template's answers, else the defaults, the config file's and the preset's. */
function startingState(options: AppOptions): WizardState | undefined {
  if (options.config) return initialState(options.config, options.explicit);
  if (!options.login) return undefined;
  const { config, explicit } = initialAnswers(options.login.settings);
  return initialState(config, explicit);
}
