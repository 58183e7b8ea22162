/** The login form's submissions: logging in (what the form must hold first) and a TFA code. Pure. */
import { say, serverOf, stay, usernameOf } from './login-helpers';
import type { LoginState, LoginTransition, TfaKind } from './login-types';

/** What a login needs from the form, in field order; the first one missing is asked for. */
const NEEDED: {
  field: 'server' | 'username' | 'secret';
  missing(s: LoginState, secret: string): boolean;
  message: string;
  status?: string;
}[] = [
  {
    field: 'server',
    missing: (s) => !serverOf(s),
    message: 'Enter the server address',
    status: 'Enter the server address first',
  },
  {
    field: 'username',
    missing: (s) => !s.given.token && !usernameOf(s).trim(),
    message: 'Enter a user name',
  },
  // The web UI does not allow a blank password either: nothing is sent.
  {
    field: 'secret',
    missing: (s, secret) => !s.given.token && secret === '',
    message: 'Enter the password',
    status: 'Enter the password',
  },
];

export function logIn(s: LoginState, secret: string): LoginTransition {
  if (s.busy || s.page !== 'credentials') return stay(s);
  const need = NEEDED.find((n) => n.missing(s, secret));
  if (need) {
    return {
      state: need.status ? say(s, 'error', need.status) : s,
      effects: [
        { type: 'fieldError', field: need.field, message: need.message },
        { type: 'focus', field: need.field },
      ],
    };
  }
  const server = serverOf(s);
  const username = usernameOf(s).trim();
  const { token } = s.given;
  const who = token ?? (username.includes('@') ? username : `${username}@${s.realm}`);
  return {
    state: say(
      { ...s, interrupted: 'login', busy: true },
      'loading',
      `Logging in as ${who}… (Esc cancels)`,
    ),
    effects: [
      { type: 'clear', field: 'secret' },
      { type: 'logIn', input: { server, username, secret, realm: s.realm } },
    ],
  };
}

export function verify(s: LoginState, kind: TfaKind, typed: string): LoginTransition {
  if (s.busy || s.page !== 'tfa') return stay(s);
  const code = typed.trim();
  if (!code) {
    return {
      state: s,
      effects: [{ type: 'fieldError', field: 'code', message: 'Enter the code' }],
    };
  }
  return {
    state: say({ ...s, busy: true }, 'loading', 'Checking the code… (Esc cancels)'),
    effects: [{ type: 'answerTfa', server: serverOf(s), response: { type: kind, code } }],
  };
}
