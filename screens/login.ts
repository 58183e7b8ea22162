/**
 * The login step: Server (when not given), Username, Password, Realm and Log in; or, with an
 * API token, the token secret. Then, when asked, the second factor. Its states live in the pure
 * login machine (lib/wizard/login-machine.ts); this screen draws them, runs the machine's
 * effects through the port and reports outcomes upward. It knows nothing of HTTP.
 */
import { initialLogin, loginTransition } from '../lib/wizard/login-machine';
import type {
  LoginEffect,
  LoginEvent,
  LoginField,
  LoginInput,
  LoginOutcome,
  LoginState,
  RealmsOutcome,
  TfaKind,
  TrustAnswer,
} from '../lib/wizard/login-types';
import { afterFlush } from '../widgets/blessed-internals';
import type { Dialog } from '../widgets/dialog';
import { notRememberedDialog, problemDialog, trustDialog } from './login-dialogs';
import { LoginForm } from './login-form';
import type { StepContext, StepScreen } from './step-screen';

export interface LoginPort {
  realms(server: string): Promise<RealmsOutcome>;
  logIn(input: LoginInput): Promise<LoginOutcome>;
  answerTfa(server: string, response: { type: TfaKind; code: string }): Promise<LoginOutcome>;
  trust(server: string, fingerprint: string, remember: boolean): Promise<TrustAnswer>;
  cancel(): void;
}

export interface LoginOptions {
  port: LoginPort;
  /** Given on the command line, environment or config: no Server field. */
  server?: string;
  username?: string;
  realm?: string;
  /** API token id in token mode. */
  token?: string;
  /** The token secret came from the environment: nothing to ask. */
  tokenSecret?: string;
  /** Shown in the status line when nothing else is (e.g. the demo credentials). */
  hint?: string;
}

export function createLoginScreen(ctx: StepContext, options: LoginOptions): StepScreen {
  return new LoginScreen(ctx, options);
}

const FOCUSABLE: Record<string, LoginField | 'realm'> = {
  server: 'server',
  username: 'username',
  password: 'secret',
  realm: 'realm',
};

class LoginScreen implements StepScreen {
  private state: LoginState;
  private readonly form: LoginForm;
  private dialog: Dialog | undefined;
  private shownStatus: LoginState['status'] | undefined;
  private readonly onEscape = () => {
    if (!this.dialog?.isOpen) this.dispatch({ type: 'escape' });
  };

  constructor(
    private readonly ctx: StepContext,
    private readonly options: LoginOptions,
  ) {
    const start = initialLogin(options);
    this.state = start.state;
    this.form = new LoginForm(ctx.screen, ctx.parent, {
      tokenSecretGiven: options.tokenSecret !== undefined,
      dispatch: (event) => this.dispatch(event),
      touched: () => ctx.dispatch({ type: 'touched' }),
      forward: () => this.forward(),
    });
    ctx.screen.key('escape', this.onEscape);
    this.show();
    for (const effect of start.effects) this.run(effect);
  }

  update(): void {}

  focusField(field: string): void {
    const target = FOCUSABLE[field];
    if (target) this.form.focus(target);
  }

  forward(): void {
    const code = this.form.code;
    if (this.state.page === 'tfa' && code) this.dispatch({ type: 'verify', ...code });
    else if (this.state.page === 'credentials') {
      const secret = this.form.secret ?? this.options.tokenSecret ?? '';
      this.dispatch({ type: 'logIn', secret });
    }
  }

  back(): void {
    this.dispatch({ type: 'back' });
  }

  destroy(): void {
    this.dispatch({ type: 'left' });
    this.ctx.screen.unkey('escape', this.onEscape);
    this.dialog?.close();
    this.form.destroy();
  }

  private dispatch(event: LoginEvent): void {
    const before = this.state;
    const next = loginTransition(before, event);
    this.state = next.state;
    this.show();
    for (const effect of next.effects) this.run(effect);
    if (!this.state.left && (next.state !== before || next.effects.length > 0))
      this.ctx.screen.render();
  }

  /** Draw the state: the form's page and locks, the status line. */
  private show(): void {
    const { state, ctx } = this;
    if (state.left) return;
    this.form.show(state);
    if (this.shownStatus === state.status) return;
    this.shownStatus = state.status;
    if (state.status.kind !== 'idle') ctx.status.set(state.status.kind, state.status.text);
    else if (this.options.hint) ctx.status.set('info', this.options.hint);
    else ctx.status.clear();
  }

  private run(effect: LoginEffect): void {
    const { ctx, options } = this;
    const { port } = options;
    switch (effect.type) {
      case 'fetchRealms':
        return void ctx.track(
          port
            .realms(effect.server)
            .then((outcome) => this.dispatch({ type: 'realmsAnswered', outcome })),
        );
      case 'logIn':
        return this.answer(port.logIn(effect.input));
      case 'answerTfa':
        return this.answer(port.answerTfa(effect.server, effect.response));
      case 'trust':
        return void port
          .trust(effect.server, effect.fingerprint, effect.remember)
          .then((outcome) => this.dispatch({ type: 'trustAnswered', outcome }));
      case 'cancel':
        return port.cancel();
      case 'whenDrawn':
        // Tracked as one piece of work, so nothing counts as idle between frame and request.
        return void ctx.track(afterFlush().then(() => this.run(effect.effect)));
      case 'loaded':
        return ctx.dispatch({ type: 'loaded', step: 'login' });
      case 'authenticated':
        return ctx.dispatch({ type: 'authenticated' });
      default:
        return this.showEffect(effect);
    }
  }

  private answer(work: Promise<LoginOutcome>): void {
    void work.then((outcome) => this.dispatch({ type: 'answered', outcome }));
  }

  /** The effects on what is shown: dialogs, focus, field errors. */
  private showEffect(effect: ShownEffect): void {
    const { screen } = this.ctx;
    switch (effect.type) {
      case 'askTrust':
        this.dialog = trustDialog(screen, effect.untrusted, {
          trust: (remember) => this.dispatch({ type: 'trust', remember }),
          distrust: () => this.dispatch({ type: 'distrust' }),
        });
        return;
      case 'tellNotRemembered':
        this.dialog = notRememberedDialog(screen, effect.message, () =>
          this.dispatch({ type: 'trust', remember: false }),
        );
        return;
      case 'showProblem':
        this.dialog = problemDialog(screen, effect.title, effect.message) ?? this.dialog;
        return;
      case 'focus':
        return this.form.focus(effect.field);
      case 'fieldError':
        return this.form.setError(effect.field, effect.message);
      case 'clear':
        return this.form.clear(effect.field);
    }
  }
}

type ShownEffect = Extract<
  LoginEffect,
  { type: 'askTrust' | 'tellNotRemembered' | 'showProblem' | 'focus' | 'fieldError' | 'clear' }
>;
