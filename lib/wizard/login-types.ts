/**
 * The login machine's vocabulary: what the login step's work answers (realms, a login, a second
 * factor, a trusted certificate; `lib/login.ts` produces these), and the machine's state, events
 * and effects.
 */
export interface RealmChoice {
  value: string;
  label: string;
}

export type LoginOutcome =
  | { kind: 'ok'; username: string }
  | { kind: 'failed'; message: string }
  | { kind: 'tfa'; totp: boolean; recovery: boolean; yubico: boolean }
  | { kind: 'untrusted'; server: string; fingerprint: string; subject: string }
  | { kind: 'unreachable'; message: string }
  | { kind: 'cancelled' };

export type RealmsOutcome =
  | { kind: 'ok'; realms: RealmChoice[]; leftOut?: string }
  | Extract<LoginOutcome, { kind: 'untrusted' | 'unreachable' | 'failed' | 'cancelled' }>;

export type Untrusted = Extract<LoginOutcome, { kind: 'untrusted' }>;

/** "Trust and remember" could not write known_servers: trusted for this session only. */
export interface NotRemembered {
  kind: 'notRemembered';
  message: string;
}

export interface LoginInput {
  server: string;
  username: string;
  /** The password, or the API token secret in token mode. */
  secret: string;
  realm: string;
}

export type TfaKind = 'totp' | 'recovery' | 'yubico';

export type LoginStatus =
  | { kind: 'info' | 'loading' | 'success' | 'warning' | 'error'; text: string }
  /** Nothing to say: the hint (e.g. the demo credentials), if any. */
  | { kind: 'idle' };

export type LoginField = 'server' | 'username' | 'secret' | 'code';

export interface LoginState {
  /** Given on the command line, environment or config: no field asks for them. */
  readonly given: { readonly server?: string; readonly token?: string };
  page: 'credentials' | 'tfa';
  /** The Server field's text, as typed. */
  server: string;
  username: string;
  realm: string;
  realms: RealmChoice[];
  realmsLoadedFor?: string;
  /** Realms load in the background: only the realm list and its button wait for them. */
  realmsLoading: boolean;
  /** A login or code check runs: the form is locked. */
  busy: boolean;
  /** What an untrusted certificate interrupted, so trusting it resumes that. */
  interrupted: 'realms' | 'login';
  /** The certificate being asked about. */
  untrusted?: Untrusted;
  /** The second factors the server offers (second-factor page). */
  tfa: TfaKind[];
  status: LoginStatus;
  /** The step was left: late answers have nowhere to go. */
  left: boolean;
}

export type TrustAnswer = LoginOutcome | RealmsOutcome | NotRemembered | undefined;

export type LoginEvent =
  | { type: 'serverTyped'; text: string }
  | { type: 'usernameTyped'; text: string }
  | { type: 'realmChosen'; realm: string }
  /** The Server field lost the focus. */
  | { type: 'serverLeft' }
  | { type: 'loadRealms' }
  | { type: 'realmsAnswered'; outcome: RealmsOutcome }
  | { type: 'logIn'; secret: string }
  | { type: 'verify'; kind: TfaKind; code: string }
  | { type: 'answered'; outcome: LoginOutcome | undefined }
  | { type: 'trust'; remember: boolean }
  | { type: 'trustAnswered'; outcome: TrustAnswer }
  | { type: 'distrust' }
  /** Ctrl-P: back to the credentials, unless a check runs. */
  | { type: 'back' }
  /** The second-factor page's Back button (never locked). */
  | { type: 'backPressed' }
  | { type: 'escape' }
  | { type: 'left' };

export type LoginEffect =
  | { type: 'fetchRealms'; server: string }
  | { type: 'logIn'; input: LoginInput }
  | { type: 'answerTfa'; server: string; response: { type: TfaKind; code: string } }
  | { type: 'trust'; server: string; fingerprint: string; remember: boolean }
  | { type: 'cancel' }
  /** Run `effect` once the first frame is drawn (nothing to draw: no event, no second frame). */
  | { type: 'whenDrawn'; effect: LoginEffect }
  /** The wizard's `loaded` for the login step. */
  | { type: 'loaded' }
  | { type: 'authenticated' }
  | { type: 'askTrust'; untrusted: Untrusted }
  | { type: 'tellNotRemembered'; message: string }
  /** An error in the status line; a long one also in a dialog, so it can be read at 80×24. */
  | { type: 'showProblem'; title: string; message: string }
  | { type: 'focus'; field: LoginField }
  | { type: 'fieldError'; field: LoginField; message: string }
  | { type: 'clear'; field: 'secret' | 'code' };

export interface LoginTransition {
  state: LoginState;
  effects: LoginEffect[];
}
