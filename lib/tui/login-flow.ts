/**
 * Logging in, first and again: the login step's screen with its port (LoginActions), and, once
 * logged in, the client guarded so that a call meeting an expired session waits for the
 * session-expired question (password again, or quit) and is repeated once.
 */
import type { Widgets } from 'blessed';
import { createLoginScreen, type LoginPort } from '../../screens/login';
import { openReloginDialog } from '../../screens/relogin';
import type { Shell } from '../../screens/shell';
import type { StepScreenFactory } from '../../screens/step-screen';
import type { Controller } from '../controller';
import { LoginActions, type SessionApi } from '../login';
import { guardSession } from '../session-guard';
import { keepYoungGenerationSmall } from '../young-generation';
import type { AppLogin } from './app-types';
import type { DialogHost } from './dialog-host';

export interface LoginFlowDeps {
  screen: Widgets.Screen;
  shell: Shell;
  dialogs: DialogHost;
  /** The controller, made after the login screen's factory. */
  controller(): Controller;
}

export interface LoginFlow {
  loginScreen: StepScreenFactory;
  /** The logged-in API, once there is one. */
  readonly api: SessionApi | undefined;
  /** The session-expired question is open. */
  readonly asking: boolean;
}

type Who = { username: string; server: string };

/**
 * `prepare` runs once a login is sent, while the server answers: the steps after the login are
 * loaded then (lazy-steps.ts), not while pvevm starts.
 */
export function wireLogin(
  login: AppLogin,
  deps: LoginFlowDeps,
  prepare: () => void = () => {},
): LoginFlow {
  const { settings } = login;
  let api: SessionApi | undefined;
  let asking = false;
  const actions: LoginActions = new LoginActions({
    tls: settings.tls,
    token: settings.token,
    known: login.known,
    makeApi: login.makeApi,
    track: (work) => deps.controller().track(work),
    onAuthenticated: (session, who) => {
      // Start-up is over and the cluster's long lists are about to arrive: from here on V8's
      // young generation keeps the size start-up gave it (lib/young-generation.ts).
      keepYoungGenerationSmall();
      api = guardSession(session, () => askToLogInAgain(who));
      deps.shell.update({ session: who });
    },
  });
  // The wizard waits (loads and the create call included) until the user logs in or quits.
  const askToLogInAgain = (who: Who) =>
    new Promise<boolean>((resolve) => {
      asking = true;
      askAgain(actions, deps, who, (loggedIn) => {
        asking = false;
        resolve(loggedIn);
      });
    });
  return {
    loginScreen: (ctx) =>
      createLoginScreen(ctx, {
        port: preparing(actions, prepare),
        server: settings.server,
        username: settings.user,
        realm: settings.realm,
        token: settings.token,
        tokenSecret: settings.tokenSecret,
        hint: login.hint,
      }),
    get api() {
      return api;
    },
    get asking() {
      return asking;
    },
  };
}

/** The login port, with `prepare` run after a login's request has gone out. */
function preparing(actions: LoginActions, prepare: () => void): LoginPort {
  return {
    realms: (server) => actions.realms(server),
    logIn: (input) => {
      const outcome = actions.logIn(input);
      setImmediate(prepare);
      return outcome;
    },
    answerTfa: (server, response) => actions.answerTfa(server, response),
    trust: (server, fingerprint, remember) => actions.trust(server, fingerprint, remember),
    cancel: () => actions.cancel(),
  };
}

/** The session-expired question, asked again with the reason until logged in or quit. */
function askAgain(
  actions: LoginActions,
  deps: LoginFlowDeps,
  who: Who,
  answer: (loggedIn: boolean) => void,
): void {
  const ask = (problem?: string) =>
    deps.dialogs.open(() =>
      openReloginDialog(deps.screen, {
        ...who,
        problem,
        logIn: (password) => {
          void actions
            .logIn({ server: who.server, username: who.username, secret: password, realm: '' })
            .then((outcome) => {
              if (outcome.kind === 'ok') answer(true);
              else if (outcome.kind === 'tfa')
                ask('This user needs a second factor: quit and log in again.');
              else ask('message' in outcome ? outcome.message : 'Not logged in');
            });
        },
        quit: () => {
          answer(false);
          deps.controller().dispatch({ type: 'quitConfirmed' });
        },
      }),
    );
  ask();
}
