/**
 * The login step: Server (when not given), Username, Password, Realm and Log in; or, with an
 * API token, the token secret. Then, when asked, the second factor. It shows every state —
 * loading realms, realms failed, logging in, failed, untrusted certificate, second factor,
 * unreachable — and reports outcomes upward; it knows nothing of HTTP.
 */
import type {
  LoginInput,
  LoginOutcome,
  NotRemembered,
  RealmChoice,
  RealmsOutcome,
} from '../lib/login';
import { Button } from '../widgets/button';
import { Dialog } from '../widgets/dialog';
import { Form } from '../widgets/form';
import { ReadonlyField } from '../widgets/readonly-field';
import { SelectField } from '../widgets/select-field';
import { TextField } from '../widgets/text-field';
import { afterFlush } from '../widgets/blessed-internals';
import { wrap } from '../widgets/text';
import type { StepContext, StepScreen } from './step-screen';

export interface LoginPort {
  realms(server: string): Promise<RealmsOutcome>;
  logIn(input: LoginInput): Promise<LoginOutcome>;
  answerTfa(
    server: string,
    response: { type: 'totp' | 'recovery' | 'yubico'; code: string },
  ): Promise<LoginOutcome>;
  trust(
    server: string,
    fingerprint: string,
    remember: boolean,
  ): Promise<LoginOutcome | RealmsOutcome | NotRemembered | undefined>;
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

const PAM: RealmChoice = { value: 'pam', label: 'Linux PAM standard authentication (pam)' };

const TFA_LABELS = {
  totp: 'TOTP code (authenticator app)',
  recovery: 'Recovery key',
  yubico: 'Yubico OTP',
} as const;

export function createLoginScreen(ctx: StepContext, options: LoginOptions): StepScreen {
  const { screen, parent, status } = ctx;
  const port = options.port;
  let form: Form;
  let busy = false;
  let page: 'credentials' | 'tfa' = 'credentials';
  let dialog: Dialog | undefined;
  let realmValue = options.realm ?? 'pam';
  let realmOptions: RealmChoice[] = [PAM];
  let realmsLoadedFor: string | undefined;

  // Credentials page.
  let serverField: TextField | undefined;
  let userField: TextField | undefined;
  let secretField: TextField | undefined;
  let realmField: SelectField | undefined;
  let loginButton: Button;
  let reloadButton: Button | undefined;
  // Second-factor page.
  let tfaType: SelectField | undefined;
  let codeField: TextField | undefined;

  const serverValue = () => options.server ?? serverField?.value.trim() ?? '';
  const render = () => screen.render();

  const setStatus = (kind: Parameters<typeof status.set>[0], text: string) => {
    status.set(kind, text);
    render();
  };
  const idleStatus = () => {
    if (options.hint) setStatus('info', options.hint);
    else status.clear();
  };

  const inputs = (): { setDisabled(d: boolean): void }[] =>
    [
      serverField,
      userField,
      secretField,
      realmField,
      loginButton,
      reloadButton,
      tfaType,
      codeField,
    ].filter((w): w is NonNullable<typeof w> => w !== undefined);

  const setBusy = (value: boolean) => {
    busy = value;
    for (const w of inputs()) w.setDisabled(value);
    if (reloadButton && !value) reloadButton.setDisabled(!serverValue());
    render();
  };

  let rebuilding = false;
  const clearForm = () => {
    // Move the focus off the fields first, so destroying them does not trigger their blur work.
    rebuilding = true;
    parent.focus();
    for (const child of parent.children.slice()) child.destroy();
    rebuilding = false;
  };

  /** An error in the status line; a long one also in a dialog, so it can be read at 80×24. */
  const showProblem = (title: string, message: string) => {
    setStatus('error', message);
    const width = Math.min((screen.width as number) - 8, 72);
    if (message.length <= (screen.width as number) - 10) return;
    dialog = new Dialog(screen, {
      title,
      lines: wrap(message, width),
      buttons: [{ label: 'OK', onPress: () => undefined }],
      role: 'borderError',
    });
  };

  const buildCredentials = () => {
    clearForm();
    page = 'credentials';
    form = new Form(screen, { parent, top: 0, left: 0, right: 0, bottom: 0 });
    tfaType = undefined;
    codeField = undefined;
    if (options.server === undefined) {
      serverField = form.add(
        new TextField(screen, {
          label: 'Server',
          placeholder: 'pve.example.com or https://host:8006',
          value: serverField?.value ?? '',
          onChange: () => ctx.dispatch({ type: 'touched' }),
        }),
      );
      serverField.el.on('blur', () => {
        if (!rebuilding && serverValue() && serverValue() !== realmsLoadedFor) void loadRealms();
      });
    }
    if (options.token) {
      form.add(new ReadonlyField(screen, { label: 'API token', value: options.token }));
    } else {
      userField = form.add(
        new TextField(screen, {
          label: 'Username',
          placeholder: 'user or user@realm',
          exact: true,
          value: userField?.value ?? options.username ?? '',
          onChange: (value) => {
            ctx.dispatch({ type: 'touched' });
            const realm = value.includes('@') ? value.slice(value.lastIndexOf('@') + 1) : undefined;
            if (realm && realmOptions.some((r) => r.value === realm)) {
              realmValue = realm;
              realmField?.setValue(realm);
            }
          },
        }),
      );
    }
    if (!options.token || options.tokenSecret === undefined) {
      secretField = form.add(
        new TextField(screen, {
          label: options.token ? 'Token secret' : 'Password',
          mask: true,
          onChange: () => ctx.dispatch({ type: 'touched' }),
        }),
        { onEnter: () => void logIn() },
      );
    } else secretField = undefined;
    if (!options.token) {
      realmField = form.add(
        new SelectField(screen, {
          label: 'Realm',
          options: realmOptions,
          value: realmValue,
          onChange: (value) => (realmValue = value),
        }),
      );
    }
    loginButton = new Button(screen, { label: 'Log in', onPress: () => void logIn() });
    reloadButton = options.token
      ? undefined
      : new Button(screen, {
          label: 'Reload realms',
          disabled: !serverValue(),
          onPress: () => void loadRealms(),
        });
    form.addButtons(reloadButton ? [loginButton, reloadButton] : [loginButton]);
    const firstEmpty = [serverField, userField, secretField].find((f) => f && f.value === '');
    form.focus(firstEmpty ?? loginButton);
  };

  const buildTfa = (
    offer: { totp: boolean; recovery: boolean; yubico: boolean },
    message?: string,
  ) => {
    clearForm();
    page = 'tfa';
    form = new Form(screen, { parent, top: 0, left: 0, right: 0, bottom: 0 });
    const kinds = (['totp', 'recovery', 'yubico'] as const).filter((k) => offer[k]);
    form.add(
      new ReadonlyField(screen, { label: 'Second factor for', value: userField?.value ?? '' }),
    );
    tfaType = form.add(
      new SelectField(screen, {
        label: 'Second factor',
        options: kinds.map((k) => ({ value: k, label: TFA_LABELS[k] })),
        value: kinds[0],
      }),
    );
    codeField = form.add(new TextField(screen, { label: 'Code', exact: true }), {
      onEnter: () => void verify(),
    });
    loginButton = new Button(screen, { label: 'Verify', onPress: () => void verify() });
    const back = new Button(screen, { label: 'Back', onPress: () => backToCredentials() });
    reloadButton = undefined;
    form.addButtons([loginButton, back]);
    form.focus(codeField);
    setStatus(
      message ? 'error' : 'info',
      message ?? 'This account has a second factor: enter a code (Ctrl-P goes back)',
    );
  };

  const backToCredentials = () => {
    buildCredentials();
    if (secretField) form.focus(secretField);
    idleStatus();
  };

  const applyRealms = (realms: RealmChoice[]) => {
    realmOptions = realms.some((r) => r.value === 'pam') ? realms : [PAM, ...realms];
    // A user given as user@realm names the realm to show.
    const typed = userField?.value ?? '';
    const named = typed.includes('@') ? typed.slice(typed.lastIndexOf('@') + 1) : undefined;
    if (named && realmOptions.some((r) => r.value === named)) realmValue = named;
    if (!realmOptions.some((r) => r.value === realmValue)) realmValue = 'pam';
    realmField?.setOptions(realmOptions, realmValue);
  };

  let destroyed = false;
  const showOutcome = (outcome: LoginOutcome | RealmsOutcome | undefined): void => {
    // An answer that arrives after the step was left (or the app closed) has nowhere to go.
    if (destroyed) return;
    setBusy(false);
    if (!outcome) return idleStatus();
    switch (outcome.kind) {
      case 'ok':
        if ('realms' in outcome) {
          applyRealms(outcome.realms);
          realmsLoadedFor = serverValue();
          ctx.dispatch({ type: 'loaded', step: 'login' });
          return outcome.leftOut ? setStatus('warning', outcome.leftOut) : idleStatus();
        }
        status.set('success', `Logged in as ${outcome.username}`);
        ctx.dispatch({ type: 'authenticated' });
        return;
      case 'tfa':
        return buildTfa(outcome);
      case 'untrusted':
        return askTrust(outcome);
      case 'cancelled':
        return setStatus('warning', 'Cancelled');
      case 'failed':
      case 'unreachable':
        if (page === 'tfa' && outcome.kind === 'failed') {
          codeField?.setValue('');
          codeField?.setError(outcome.message);
          if (codeField) form.focus(codeField);
          return setStatus('error', outcome.message);
        }
        if (secretField) {
          secretField.setValue('');
          if (outcome.kind === 'failed') form.focus(secretField);
        }
        return showProblem(
          outcome.kind === 'failed' ? 'Login failed' : 'Cannot connect',
          outcome.message,
        );
    }
  };

  /** What an untrusted certificate interrupted, so trusting it resumes that. */
  let interrupted: 'realms' | 'login' = 'realms';

  const askTrust = (outcome: Extract<LoginOutcome, { kind: 'untrusted' }>) => {
    const fp = outcome.fingerprint;
    dialog = new Dialog(screen, {
      title: 'Untrusted certificate',
      lines: [
        `${outcome.server} presented a certificate that is not trusted.`,
        `Subject: ${outcome.subject}`,
        'SHA-256 fingerprint:',
        `  ${fp.slice(0, 47)}`,
        `  ${fp.slice(48)}`,
        "Compare it with the node's (pvenode cert info, or the node's",
        'Certificates panel) before you trust it.',
      ],
      buttons: [
        { label: 'Trust once', onPress: () => void trust(outcome, false) },
        { label: 'Trust and remember', onPress: () => void trust(outcome, true) },
        {
          label: 'Cancel',
          onPress: () =>
            setStatus('error', 'Not trusted, not connected: use --fingerprint or --ca'),
        },
      ],
      cancel: 2,
      initial: 2,
      role: 'borderError',
    });
    setStatus('warning', 'The server certificate is not trusted: compare the fingerprint');
  };

  const trust = async (
    outcome: Extract<LoginOutcome, { kind: 'untrusted' }>,
    remember: boolean,
  ) => {
    // Trusting while realms load keeps the form usable; only a login locks it.
    if (interrupted === 'login') setBusy(true);
    else setRealmsLoading(true);
    setStatus('loading', 'Connecting…');
    const next = await port.trust(outcome.server, outcome.fingerprint, remember);
    if (interrupted === 'realms') setRealmsLoading(false);
    if (next?.kind === 'notRemembered') return tellNotRemembered(outcome, next.message);
    showOutcome(next);
  };

  /** known_servers could not be written: said plainly, then trusted for this session. */
  const tellNotRemembered = (
    outcome: Extract<LoginOutcome, { kind: 'untrusted' }>,
    message: string,
  ) => {
    if (destroyed) return;
    setBusy(false);
    const width = Math.min((screen.width as number) - 8, 72);
    dialog = new Dialog(screen, {
      title: 'Not remembered',
      lines: wrap(`${message}. The certificate is trusted for this session only.`, width),
      buttons: [{ label: 'Continue', onPress: () => void trust(outcome, false) }],
      role: 'borderError',
    });
    setStatus('warning', 'The certificate could not be remembered');
  };

  /** Realms load in the background: only the realm list and its button wait for them. */
  const setRealmsLoading = (loading: boolean) => {
    realmField?.setDisabled(loading);
    reloadButton?.setDisabled(loading || !serverValue());
    render();
  };

  const loadRealms = () => ctx.track(fetchRealms());
  const fetchRealms = async () => {
    const server = serverValue();
    if (!server) return;
    interrupted = 'realms';
    setRealmsLoading(true);
    setStatus('loading', `Loading realms from ${server}…`);
    realmField?.setOptions(realmOptions, realmValue);
    const outcome = await port.realms(server);
    if (destroyed) return;
    setRealmsLoading(false);
    if (outcome.kind === 'failed') {
      ctx.dispatch({ type: 'loaded', step: 'login' });
      return showProblem(
        'Realms not loaded',
        `Could not load realms: ${outcome.message}. Log in with pam, or press Reload realms.`,
      );
    }
    showOutcome(outcome);
  };

  const logIn = async () => {
    if (busy || page !== 'credentials') return;
    const server = serverValue();
    if (!server) {
      serverField?.setError('Enter the server address');
      if (serverField) form.focus(serverField);
      return setStatus('error', 'Enter the server address first');
    }
    const username = userField?.value.trim() ?? '';
    if (!options.token && !username) {
      userField?.setError('Enter a user name');
      if (userField) form.focus(userField);
      return render();
    }
    const secret = secretField ? secretField.value : (options.tokenSecret ?? '');
    secretField?.setValue('');
    interrupted = 'login';
    setBusy(true);
    const who = options.token ?? (username.includes('@') ? username : `${username}@${realmValue}`);
    setStatus('loading', `Logging in as ${who}… (Esc cancels)`);
    showOutcome(await port.logIn({ server, username, secret, realm: realmValue }));
  };

  const verify = async () => {
    if (busy || !codeField || !tfaType) return;
    const code = codeField.value.trim();
    if (!code) {
      codeField.setError('Enter the code');
      return render();
    }
    setBusy(true);
    setStatus('loading', 'Checking the code… (Esc cancels)');
    showOutcome(
      await port.answerTfa(serverValue(), {
        type: tfaType.value as 'totp' | 'recovery' | 'yubico',
        code,
      }),
    );
  };

  const onEscape = () => {
    if (busy && !dialog?.isOpen) port.cancel();
  };
  screen.key('escape', onEscape);

  buildCredentials();
  idleStatus();
  // The form is drawn first; loading the HTTP client for the realms would delay it.
  // Tracked as one piece of work, so nothing counts as idle between the frame and the request.
  if (options.server) void ctx.track(afterFlush().then(loadRealms));
  else ctx.dispatch({ type: 'loaded', step: 'login' });

  return {
    update: () => undefined,
    focusField: (field) => {
      const target = {
        server: serverField,
        username: userField,
        password: secretField,
        realm: realmField,
      }[field];
      if (target) form.focus(target);
    },
    forward: () => {
      if (page === 'tfa') void verify();
      else void logIn();
    },
    back: () => {
      if (page === 'tfa' && !busy) backToCredentials();
    },
    destroy: () => {
      destroyed = true;
      port.cancel();
      screen.unkey('escape', onEscape);
      dialog?.close();
      clearForm();
    },
  };
}
