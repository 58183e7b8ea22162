/**
 * The login step's form, drawn from the login machine's state: the credentials page (Server
 * when not given, Username or the API token, Password or token secret, Realm, Log in, Reload
 * realms) or the second-factor page. It reports what is typed and pressed as login events.
 */
import type { Widgets } from 'blessed';
import { serverOf } from '../lib/wizard/login-machine';
import type { LoginEvent, LoginField, LoginState, TfaKind } from '../lib/wizard/login-types';
import { Button } from '../widgets/button';
import { Form } from '../widgets/form';
import { ReadonlyField } from '../widgets/readonly-field';
import { SelectField } from '../widgets/select-field';
import { TextField } from '../widgets/text-field';

const TFA_LABELS: Record<TfaKind, string> = {
  totp: 'TOTP code (authenticator app)',
  recovery: 'Recovery key',
  yubico: 'Yubico OTP',
};

export interface LoginFormOptions {
  /** Token mode with the secret from the environment: no field asks for it. */
  tokenSecretGiven: boolean;
  dispatch(event: LoginEvent): void;
  /** Something was typed or chosen (the wizard asks before quitting). */
  touched(): void;
  /** The page's main action: Log in, or Verify. */
  forward(): void;
}

interface Fields {
  server?: TextField;
  username?: TextField;
  secret?: TextField;
  realm?: SelectField;
  main?: Button;
  reload?: Button;
  tfaKind?: SelectField;
  code?: TextField;
}

export class LoginForm {
  private form: Form | undefined;
  private fields: Fields = {};
  /** What the widgets show, so only changes are applied. */
  private shown: { page?: string; locks?: string; realms?: unknown; realm?: string } = {};
  private rebuilding = false;

  constructor(
    private readonly screen: Widgets.Screen,
    private readonly parent: Widgets.BoxElement,
    private readonly options: LoginFormOptions,
  ) {}

  /** Bring the widgets in line with `state`, changing only what changed. */
  show(state: LoginState): void {
    if (this.shown.page !== state.page) {
      if (state.page === 'tfa') this.buildTfa(state);
      else this.buildCredentials(state);
      this.shown = { page: state.page };
    }
    this.showLocks(state);
    if (this.shown.realms !== state.realms || this.shown.realm !== state.realm) {
      this.fields.realm?.setOptions(state.realms, state.realm);
      this.shown.realms = state.realms;
      this.shown.realm = state.realm;
    }
  }

  get secret(): string | undefined {
    return this.fields.secret?.value;
  }

  get code(): { kind: TfaKind; code: string } | undefined {
    const { tfaKind, code } = this.fields;
    return tfaKind && code ? { kind: tfaKind.value as TfaKind, code: code.value } : undefined;
  }

  focus(field: LoginField | 'realm'): void {
    const target = field === 'realm' ? this.fields.realm : this.fields[field];
    if (target) this.form?.focus(target);
  }

  setError(field: LoginField, message: string): void {
    this.fields[field]?.setError(message);
  }

  clear(field: 'secret' | 'code'): void {
    this.fields[field]?.setValue('');
  }

  destroy(): void {
    this.clearForm();
  }

  /** A login locks every input; loading realms only the realm list and its button. */
  private showLocks(state: LoginState): void {
    const locks = `${state.busy}|${state.realmsLoading}`;
    if (this.shown.locks === locks) return;
    this.shown.locks = locks;
    const { server, username, secret, realm, main, reload, tfaKind, code } = this.fields;
    for (const w of [server, username, secret, main, tfaKind, code]) w?.setDisabled(state.busy);
    realm?.setDisabled(state.busy || state.realmsLoading);
    reload?.setDisabled(state.busy || state.realmsLoading || !serverOf(state));
  }

  private clearForm(): void {
    // Move the focus off the fields first, so destroying them does not trigger their blur work.
    this.rebuilding = true;
    this.parent.focus();
    for (const child of this.parent.children.slice()) child.destroy();
    this.rebuilding = false;
  }

  private newForm(): Form {
    this.clearForm();
    this.fields = {};
    this.form = new Form(this.screen, {
      parent: this.parent,
      top: 0,
      left: 0,
      right: 0,
      bottom: 0,
    });
    return this.form;
  }

  private buildCredentials(state: LoginState): void {
    const form = this.newForm();
    const { screen, options } = this;
    const { dispatch, touched } = options;
    const token = state.given.token;
    const f: Fields = {};
    if (state.given.server === undefined) {
      f.server = form.add(
        new TextField(screen, {
          label: 'Server',
          placeholder: 'pve.example.com or https://host:8006',
          value: state.server,
          onChange: (text) => (touched(), dispatch({ type: 'serverTyped', text })),
        }),
      );
      f.server.el.on('blur', () => {
        if (!this.rebuilding) dispatch({ type: 'serverLeft' });
      });
    }
    if (token) form.add(new ReadonlyField(screen, { label: 'API token', value: token }));
    else {
      f.username = form.add(
        new TextField(screen, {
          label: 'Username',
          placeholder: 'user or user@realm',
          exact: true,
          value: state.username,
          onChange: (text) => (touched(), dispatch({ type: 'usernameTyped', text })),
        }),
      );
    }
    if (!token || !options.tokenSecretGiven) {
      const label = token ? 'Token secret' : 'Password';
      f.secret = form.add(new TextField(screen, { label, mask: true, onChange: touched }), {
        onEnter: options.forward,
      });
    }
    if (!token) {
      f.realm = form.add(
        new SelectField(screen, {
          label: 'Realm',
          options: state.realms,
          value: state.realm,
          onChange: (realm) => dispatch({ type: 'realmChosen', realm }),
        }),
      );
    }
    this.addCredentialButtons(form, f, state);
  }

  private addCredentialButtons(form: Form, f: Fields, state: LoginState): void {
    f.main = new Button(this.screen, { label: 'Log in', onPress: this.options.forward });
    if (!state.given.token) {
      f.reload = new Button(this.screen, {
        label: 'Reload realms',
        disabled: !serverOf(state),
        onPress: () => this.options.dispatch({ type: 'loadRealms' }),
      });
    }
    form.addButtons(f.reload ? [f.main, f.reload] : [f.main]);
    this.fields = f;
    const firstEmpty = [f.server, f.username, f.secret].find((w) => w && w.value === '');
    form.focus(firstEmpty ?? f.main);
  }

  private buildTfa(state: LoginState): void {
    const form = this.newForm();
    const { screen, options } = this;
    const f: Fields = {};
    form.add(new ReadonlyField(screen, { label: 'Second factor for', value: state.username }));
    f.tfaKind = form.add(
      new SelectField(screen, {
        label: 'Second factor',
        options: state.tfa.map((k) => ({ value: k, label: TFA_LABELS[k] })),
        value: state.tfa[0],
      }),
    );
    f.code = form.add(new TextField(screen, { label: 'Code', exact: true }), {
      onEnter: options.forward,
    });
    f.main = new Button(screen, { label: 'Verify', onPress: options.forward });
    const back = new Button(screen, {
      label: 'Back',
      onPress: () => options.dispatch({ type: 'backPressed' }),
    });
    form.addButtons([f.main, back]);
    this.fields = f;
    form.focus(f.code);
  }
}
