/**
 * The login step as a pure state machine: (state, event) → state + effects, like the wizard's.
 * Pages (credentials, second factor), the form lock while a login runs, realms loading in the
 * background, and the certificate question with what it interrupted. No terminal, no network:
 * screens/login.ts renders the state and runs the effects, feeding their answers back as events.
 */
import type {
  LoginEvent,
  LoginOutcome,
  LoginState,
  LoginTransition,
  RealmChoice,
  RealmsOutcome,
  TrustAnswer,
} from './login-types';
import { idle, realmNamedBy, say, serverOf, stay, usernameOf } from './login-helpers';
import { logIn, verify } from './login-submit';

export { serverOf } from './login-helpers';

export const PAM: RealmChoice = { value: 'pam', label: 'Linux PAM standard authentication (pam)' };

export interface LoginStart {
  server?: string;
  username?: string;
  realm?: string;
  token?: string;
}

export function initialLogin(start: LoginStart): LoginTransition {
  const state: LoginState = {
    given: { server: start.server, token: start.token },
    page: 'credentials',
    server: '',
    username: start.username ?? '',
    realm: start.realm ?? 'pam',
    realms: [PAM],
    realmsLoading: false,
    busy: false,
    interrupted: 'realms',
    tfa: [],
    status: { kind: 'idle' },
    left: false,
  };
  if (!start.server) return { state, effects: [{ type: 'loaded' }] };
  // The first frame already says the realms are loading; they are fetched once it is drawn
  // (loading the HTTP client first would delay it), without a second frame right after it.
  const loading = loadRealms(state);
  return {
    state: loading.state,
    effects: loading.effects.map((effect) => ({ type: 'whenDrawn', effect })),
  };
}

export function loginTransition(s: LoginState, e: LoginEvent): LoginTransition {
  switch (e.type) {
    case 'serverTyped':
      return stay({ ...s, server: e.text });
    case 'usernameTyped': {
      const named = realmNamedBy(e.text);
      const follows = named !== undefined && s.realms.some((r) => r.value === named);
      return stay({ ...s, username: e.text, realm: follows ? named : s.realm });
    }
    case 'realmChosen':
      return stay({ ...s, realm: e.realm });
    case 'serverLeft':
      return serverOf(s) && serverOf(s) !== s.realmsLoadedFor ? loadRealms(s) : stay(s);
    case 'loadRealms':
      return loadRealms(s);
    case 'realmsAnswered':
      return realmsAnswered(s, e.outcome);
    case 'logIn':
      return logIn(s, e.secret);
    case 'verify':
      return verify(s, e.kind, e.code);
    case 'answered':
      return answered(s, e.outcome);
    case 'trust':
      return trust(s, e.remember);
    case 'trustAnswered':
      return trustAnswered(s, e.outcome);
    case 'distrust':
      return stay(say(s, 'error', 'Not trusted, not connected: use --fingerprint or --ca'));
    case 'back':
      return s.page === 'tfa' && !s.busy ? backToCredentials(s) : stay(s);
    case 'backPressed':
      return s.busy ? stay(s) : backToCredentials(s);
    case 'escape':
      return { state: s, effects: s.busy ? [{ type: 'cancel' }] : [] };
    case 'left':
      return { state: { ...s, left: true }, effects: [{ type: 'cancel' }] };
  }
}

function loadRealms(s: LoginState): LoginTransition {
  const server = serverOf(s);
  if (!server) return stay(s);
  return {
    state: say(
      { ...s, interrupted: 'realms', realmsLoading: true },
      'loading',
      `Loading realms from ${server}…`,
    ),
    effects: [{ type: 'fetchRealms', server }],
  };
}

function realmsAnswered(s: LoginState, outcome: RealmsOutcome): LoginTransition {
  if (s.left) return stay(s);
  const state = { ...s, realmsLoading: false };
  // A login under way keeps the form locked and its words; the realms only fill the list.
  if (s.busy) {
    const listed = outcome.kind === 'ok' ? withRealms(state, outcome.realms) : state;
    return { state: listed, effects: [{ type: 'loaded' }] };
  }
  if (outcome.kind !== 'failed') return answered(state, outcome);
  const message = `Could not load realms: ${outcome.message}. Log in with pam, or press Reload realms.`;
  return {
    state: say(state, 'error', message),
    effects: [{ type: 'loaded' }, { type: 'showProblem', title: 'Realms not loaded', message }],
  };
}

/** The realm list as loaded (pam always in it); a user given as user@realm names the realm. */
function withRealms(s: LoginState, loaded: RealmChoice[]): LoginState {
  const realms = loaded.some((r) => r.value === 'pam') ? loaded : [PAM, ...loaded];
  const has = (value: string | undefined) => realms.some((r) => r.value === value);
  const named = realmNamedBy(usernameOf(s));
  const realm = named && has(named) ? named : has(s.realm) ? s.realm : 'pam';
  return { ...s, realms, realm, realmsLoadedFor: serverOf(s) };
}

function answered(
  s: LoginState,
  outcome: LoginOutcome | RealmsOutcome | undefined,
): LoginTransition {
  if (s.left) return stay(s);
  const state = { ...s, busy: false };
  if (!outcome) return stay(idle(state));
  switch (outcome.kind) {
    case 'ok':
      if ('realms' in outcome) {
        const loaded = withRealms(state, outcome.realms);
        return {
          state: outcome.leftOut ? say(loaded, 'warning', outcome.leftOut) : idle(loaded),
          effects: [{ type: 'loaded' }],
        };
      }
      return {
        state: say(state, 'success', `Logged in as ${outcome.username}`),
        effects: [{ type: 'authenticated' }],
      };
    case 'tfa': {
      const tfa = (['totp', 'recovery', 'yubico'] as const).filter((k) => outcome[k]);
      const text = 'This account has a second factor: enter a code (Ctrl-P goes back)';
      return stay(say({ ...state, page: 'tfa', tfa }, 'info', text));
    }
    case 'untrusted':
      return {
        state: say(
          { ...state, untrusted: outcome },
          'warning',
          'The server certificate is not trusted: compare the fingerprint',
        ),
        effects: [{ type: 'askTrust', untrusted: outcome }],
      };
    case 'cancelled':
      return stay(say(state, 'warning', 'Cancelled'));
    case 'failed':
    case 'unreachable':
      return refused(state, outcome);
  }
}

function refused(
  s: LoginState,
  outcome: Extract<LoginOutcome, { kind: 'failed' | 'unreachable' }>,
): LoginTransition {
  const state = say(s, 'error', outcome.message);
  if (s.page === 'tfa' && outcome.kind === 'failed') {
    return {
      state,
      effects: [
        { type: 'clear', field: 'code' },
        { type: 'fieldError', field: 'code', message: outcome.message },
        { type: 'focus', field: 'code' },
      ],
    };
  }
  const failed = outcome.kind === 'failed';
  return {
    state,
    effects: [
      { type: 'clear', field: 'secret' },
      ...(failed ? [{ type: 'focus', field: 'secret' } as const] : []),
      {
        type: 'showProblem',
        title: failed ? 'Login failed' : 'Cannot connect',
        message: outcome.message,
      },
    ],
  };
}

function trust(s: LoginState, remember: boolean): LoginTransition {
  const asked = s.untrusted;
  if (!asked) return stay(s);
  // Trusting while realms load keeps the form usable; only a login locks it.
  const locked = s.interrupted === 'login' ? { busy: true } : { realmsLoading: true };
  return {
    state: say({ ...s, ...locked }, 'loading', 'Connecting…'),
    effects: [{ type: 'trust', server: asked.server, fingerprint: asked.fingerprint, remember }],
  };
}

function trustAnswered(s: LoginState, outcome: TrustAnswer): LoginTransition {
  const state = s.interrupted === 'realms' ? { ...s, realmsLoading: false } : s;
  if (outcome?.kind !== 'notRemembered') return answered(state, outcome);
  // known_servers could not be written: said plainly, then trusted for this session.
  if (state.left) return stay(state);
  return {
    state: say({ ...state, busy: false }, 'warning', 'The certificate could not be remembered'),
    effects: [{ type: 'tellNotRemembered', message: outcome.message }],
  };
}

function backToCredentials(s: LoginState): LoginTransition {
  return {
    state: idle({ ...s, page: 'credentials' }),
    effects: [{ type: 'focus', field: 'secret' }],
  };
}
