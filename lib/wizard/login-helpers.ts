/** Small pure helpers the login machine's parts share. */
import type { LoginState, LoginStatus, LoginTransition } from './login-types';

/** The server to talk to: the given one, or the Server field's. */
export const serverOf = (s: LoginState): string => s.given.server ?? s.server.trim();

/** The Username field's text (token mode has none). */
export const usernameOf = (s: LoginState): string => (s.given.token ? '' : s.username);

/** `user@realm` names a realm; a bare user (or `user@`) names none. */
export const realmNamedBy = (username: string): string | undefined =>
  username.includes('@') ? username.slice(username.lastIndexOf('@') + 1) || undefined : undefined;

export const stay = (state: LoginState): LoginTransition => ({ state, effects: [] });
export const say = (
  state: LoginState,
  kind: Exclude<LoginStatus['kind'], 'idle'>,
  text: string,
) => ({
  ...state,
  status: { kind, text },
});
export const idle = (state: LoginState): LoginState => ({ ...state, status: { kind: 'idle' } });
