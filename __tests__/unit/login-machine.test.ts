import { initialLogin, loginTransition, PAM } from '../../lib/wizard/login-machine';
import type { LoginEffect, LoginEvent, LoginState, Untrusted } from '../../lib/wizard/login-types';

const LOGGING_IN = { kind: 'loading', text: 'Logging in as root@pam… (Esc cancels)' } as const;
const SERVER = 'pve.example.com';
const untrusted: Untrusted = {
  kind: 'untrusted',
  server: SERVER,
  fingerprint: 'AA:BB',
  subject: 'CN=pve',
};
const PVE = { value: 'pve', label: 'Proxmox VE authentication server (pve)' };

/** The credentials page with the server given, realms loaded, `root` typed. */
function at(over: Partial<LoginState> = {}): LoginState {
  return {
    ...initialLogin({ server: SERVER }).state,
    username: 'root',
    realms: [PAM, PVE],
    realmsLoadedFor: SERVER,
    realmsLoading: false,
    status: { kind: 'idle' },
    ...over,
  };
}

describe('initial state', () => {
  it('with a server: the first frame already says the realms are loading; they are fetched once it is drawn', () => {
    const { state, effects } = initialLogin({ server: SERVER, username: 'root', realm: 'pve' });
    expect(state).toMatchObject({
      page: 'credentials',
      username: 'root',
      realm: 'pve',
      realmsLoading: true,
      status: { kind: 'loading', text: `Loading realms from ${SERVER}…` },
    });
    expect(state.realms).toEqual([PAM]);
    // Fetched without a second frame: the effect runs once the first is drawn, with no event.
    expect(effects).toEqual([
      { type: 'whenDrawn', effect: { type: 'fetchRealms', server: SERVER } },
    ]);
  });

  it('without a server: nothing to load, the step is ready', () => {
    const { state, effects } = initialLogin({});
    expect(state).toMatchObject({ realm: 'pam', status: { kind: 'idle' } });
    expect(effects).toEqual([{ type: 'loaded' }]);
  });
});

// [what, state, event, expected state (a subset), expected effects]
type Row = [string, LoginState, LoginEvent, Partial<LoginState>, LoginEffect[]];

const realmsRows: Row[] = [
  [
    'loading realms marks only the realms busy',
    at(),
    { type: 'loadRealms' },
    {
      realmsLoading: true,
      busy: false,
      interrupted: 'realms',
      status: { kind: 'loading', text: `Loading realms from ${SERVER}…` },
    },
    [{ type: 'fetchRealms', server: SERVER }],
  ],
  [
    'no server typed: no realms to load',
    at({ given: {}, server: '  ' }),
    { type: 'loadRealms' },
    { realmsLoading: false },
    [],
  ],
  [
    'leaving the Server field loads its realms',
    at({ given: {}, server: ' other ', realmsLoadedFor: SERVER }),
    { type: 'serverLeft' },
    { realmsLoading: true },
    [{ type: 'fetchRealms', server: 'other' }],
  ],
  [
    'leaving the Server field again loads nothing new',
    at({ given: {}, server: SERVER }),
    { type: 'serverLeft' },
    { realmsLoading: false },
    [],
  ],
  [
    'realms arrive: pam added, user@realm names the realm, step loaded',
    at({ username: 'demo@pve', realmsLoading: true, realms: [PAM] }),
    { type: 'realmsAnswered', outcome: { kind: 'ok', realms: [PVE] } },
    { realms: [PAM, PVE], realm: 'pve', realmsLoading: false, status: { kind: 'idle' } },
    [{ type: 'loaded' }],
  ],
  [
    'a realm the server lacks falls back to pam; left-out entries are said',
    at({ realm: 'corp', realmsLoading: true }),
    { type: 'realmsAnswered', outcome: { kind: 'ok', realms: [PAM], leftOut: '1 left out' } },
    { realm: 'pam', status: { kind: 'warning', text: '1 left out' } },
    [{ type: 'loaded' }],
  ],
  [
    'realms failed: pam still works, said with the way out',
    at({ realmsLoading: true }),
    { type: 'realmsAnswered', outcome: { kind: 'failed', message: 'broken' } },
    { realmsLoading: false },
    [
      { type: 'loaded' },
      {
        type: 'showProblem',
        title: 'Realms not loaded',
        message: 'Could not load realms: broken. Log in with pam, or press Reload realms.',
      },
    ],
  ],
  [
    'realms arriving while a login runs: the list is taken, the form stays locked and says so',
    at({ realmsLoading: true, busy: true, interrupted: 'login', status: LOGGING_IN }),
    { type: 'realmsAnswered', outcome: { kind: 'ok', realms: [PVE] } },
    { realms: [PAM, PVE], realmsLoading: false, busy: true, status: LOGGING_IN },
    [{ type: 'loaded' }],
  ],
  [
    'realms failing while a login runs: the login is what is waited for',
    at({ realmsLoading: true, busy: true, interrupted: 'login', status: LOGGING_IN }),
    { type: 'realmsAnswered', outcome: { kind: 'failed', message: 'broken' } },
    { realmsLoading: false, busy: true, status: LOGGING_IN },
    [{ type: 'loaded' }],
  ],
  [
    'realms from an untrusted server: the certificate question',
    at({ realmsLoading: true }),
    { type: 'realmsAnswered', outcome: untrusted },
    { untrusted, realmsLoading: false, status: { kind: 'warning', text: expect.any(String) } },
    [{ type: 'askTrust', untrusted }],
  ],
  [
    'typing user@realm moves the realm to a known one',
    at(),
    { type: 'usernameTyped', text: 'demo@pve' },
    { username: 'demo@pve', realm: 'pve' },
    [],
  ],
  [
    'an unknown realm after @ leaves the realm as it is',
    at({ realm: 'pam' }),
    { type: 'usernameTyped', text: 'demo@nowhere' },
    { realm: 'pam' },
    [],
  ],
];

const loginRows: Row[] = [
  [
    'log in: the form locks, the password leaves the field for the call',
    at({ realm: 'pve' }),
    { type: 'logIn', secret: 'pw' },
    {
      busy: true,
      interrupted: 'login',
      status: { kind: 'loading', text: 'Logging in as root@pve… (Esc cancels)' },
    },
    [
      { type: 'clear', field: 'secret' },
      { type: 'logIn', input: { server: SERVER, username: 'root', secret: 'pw', realm: 'pve' } },
    ],
  ],
  [
    'no server: asked for at its field',
    at({ given: {}, server: '' }),
    { type: 'logIn', secret: 'pw' },
    { busy: false, status: { kind: 'error', text: 'Enter the server address first' } },
    [
      { type: 'fieldError', field: 'server', message: 'Enter the server address' },
      { type: 'focus', field: 'server' },
    ],
  ],
  [
    'no user name: asked for at its field',
    at({ username: '  ' }),
    { type: 'logIn', secret: 'pw' },
    { busy: false },
    [
      { type: 'fieldError', field: 'username', message: 'Enter a user name' },
      { type: 'focus', field: 'username' },
    ],
  ],
  [
    'no password: asked for at its field, nothing sent (the web UI does not allow it blank)',
    at({ username: 'root' }),
    { type: 'logIn', secret: '' },
    { busy: false, status: { kind: 'error', text: 'Enter the password' } },
    [
      { type: 'fieldError', field: 'secret', message: 'Enter the password' },
      { type: 'focus', field: 'secret' },
    ],
  ],
  [
    'token mode: no user name needed, the token names who',
    at({ given: { server: SERVER, token: 'u@pam!t' }, username: 'ignored' }),
    { type: 'logIn', secret: 's' },
    { busy: true, status: { kind: 'loading', text: 'Logging in as u@pam!t… (Esc cancels)' } },
    [
      { type: 'clear', field: 'secret' },
      { type: 'logIn', input: { server: SERVER, username: '', secret: 's', realm: 'pam' } },
    ],
  ],
  [
    'a second login while one runs does nothing',
    at({ busy: true }),
    { type: 'logIn', secret: 'x' },
    {},
    [],
  ],
  [
    'logged in: said, and the wizard goes on',
    at({ busy: true }),
    { type: 'answered', outcome: { kind: 'ok', username: 'root@pam' } },
    { busy: false, status: { kind: 'success', text: 'Logged in as root@pam' } },
    [{ type: 'authenticated' }],
  ],
  [
    'wrong password: cleared, focused, the message shown',
    at({ busy: true }),
    { type: 'answered', outcome: { kind: 'failed', message: 'Login failed: no' } },
    { busy: false, status: { kind: 'error', text: 'Login failed: no' } },
    [
      { type: 'clear', field: 'secret' },
      { type: 'focus', field: 'secret' },
      { type: 'showProblem', title: 'Login failed', message: 'Login failed: no' },
    ],
  ],
  [
    'unreachable: cleared, the focus stays',
    at({ busy: true }),
    { type: 'answered', outcome: { kind: 'unreachable', message: 'down' } },
    { busy: false },
    [
      { type: 'clear', field: 'secret' },
      { type: 'showProblem', title: 'Cannot connect', message: 'down' },
    ],
  ],
  [
    'cancelled (Esc): unlocked, said',
    at({ busy: true }),
    { type: 'answered', outcome: { kind: 'cancelled' } },
    { busy: false, status: { kind: 'warning', text: 'Cancelled' } },
    [],
  ],
  [
    'a second factor: its page, with the kinds the server offers',
    at({ busy: true }),
    { type: 'answered', outcome: { kind: 'tfa', totp: true, recovery: false, yubico: true } },
    {
      page: 'tfa',
      tfa: ['totp', 'yubico'],
      busy: false,
      status: { kind: 'info', text: expect.stringContaining('second factor') },
    },
    [],
  ],
  [
    'Esc while a login runs cancels it',
    at({ busy: true }),
    { type: 'escape' },
    {},
    [{ type: 'cancel' }],
  ],
  ['Esc otherwise does nothing', at(), { type: 'escape' }, {}, []],
];

const tfaRows: Row[] = [
  [
    'verify: locked, the code sent',
    at({ page: 'tfa', tfa: ['totp'] }),
    { type: 'verify', kind: 'totp', code: ' 123456 ' },
    { busy: true, status: { kind: 'loading', text: 'Checking the code… (Esc cancels)' } },
    [{ type: 'answerTfa', server: SERVER, response: { type: 'totp', code: '123456' } }],
  ],
  [
    'verify with no code: asked for at its field',
    at({ page: 'tfa' }),
    { type: 'verify', kind: 'totp', code: ' ' },
    { busy: false },
    [{ type: 'fieldError', field: 'code', message: 'Enter the code' }],
  ],
  [
    'a refused code: cleared, marked, focused',
    at({ page: 'tfa', busy: true }),
    { type: 'answered', outcome: { kind: 'failed', message: 'That code was not accepted' } },
    { page: 'tfa', busy: false },
    [
      { type: 'clear', field: 'code' },
      { type: 'fieldError', field: 'code', message: 'That code was not accepted' },
      { type: 'focus', field: 'code' },
    ],
  ],
  [
    'Ctrl-P goes back to the credentials, focus on the password',
    at({ page: 'tfa' }),
    { type: 'back' },
    { page: 'credentials', status: { kind: 'idle' } },
    [{ type: 'focus', field: 'secret' }],
  ],
  [
    'Ctrl-P while a code is checked stays',
    at({ page: 'tfa', busy: true }),
    { type: 'back' },
    { page: 'tfa' },
    [],
  ],
  [
    'the Back button waits too while the code is checked (Esc cancels the check)',
    at({ page: 'tfa', busy: true }),
    { type: 'backPressed' },
    { page: 'tfa', busy: true },
    [],
  ],
  [
    'Ctrl-P on the credentials page does nothing',
    at(),
    { type: 'back' },
    { page: 'credentials' },
    [],
  ],
];

const trustRows: Row[] = [
  [
    'trusting what interrupted the realms keeps the form usable',
    at({ untrusted, interrupted: 'realms' }),
    { type: 'trust', remember: true },
    { busy: false, realmsLoading: true, status: { kind: 'loading', text: 'Connecting…' } },
    [{ type: 'trust', server: SERVER, fingerprint: 'AA:BB', remember: true }],
  ],
  [
    'trusting what interrupted a login locks the form',
    at({ untrusted, interrupted: 'login' }),
    { type: 'trust', remember: false },
    { busy: true, realmsLoading: false },
    [{ type: 'trust', server: SERVER, fingerprint: 'AA:BB', remember: false }],
  ],
  [
    'the realms after trusting',
    at({ untrusted, interrupted: 'realms', realmsLoading: true }),
    { type: 'trustAnswered', outcome: { kind: 'ok', realms: [PVE] } },
    { realmsLoading: false, realms: [PAM, PVE] },
    [{ type: 'loaded' }],
  ],
  [
    'not remembered: said, trusted for the session on Continue',
    at({ untrusted, interrupted: 'login', busy: true }),
    { type: 'trustAnswered', outcome: { kind: 'notRemembered', message: 'is a file' } },
    { busy: false, status: { kind: 'warning', text: 'The certificate could not be remembered' } },
    [{ type: 'tellNotRemembered', message: 'is a file' }],
  ],
  [
    'nothing to repeat after trusting: idle',
    at({ untrusted, interrupted: 'login', busy: true }),
    { type: 'trustAnswered', outcome: undefined },
    { busy: false, status: { kind: 'idle' } },
    [],
  ],
  [
    'not trusted: says which option fixes it',
    at({ untrusted }),
    { type: 'distrust' },
    { status: { kind: 'error', text: 'Not trusted, not connected: use --fingerprint or --ca' } },
    [],
  ],
];

const leftRows: Row[] = [
  [
    'leaving the step cancels what runs',
    at({ busy: true }),
    { type: 'left' },
    { left: true },
    [{ type: 'cancel' }],
  ],
  [
    'an answer after the step was left changes nothing',
    at({ busy: true, left: true }),
    { type: 'answered', outcome: { kind: 'ok', username: 'root@pam' } },
    { busy: true },
    [],
  ],
  [
    'realms after the step was left change nothing',
    at({ realmsLoading: true, left: true }),
    { type: 'realmsAnswered', outcome: { kind: 'failed', message: 'x' } },
    { realmsLoading: true },
    [],
  ],
  [
    'not remembered after the step was left: no question',
    at({ untrusted, interrupted: 'login', busy: true, left: true }),
    { type: 'trustAnswered', outcome: { kind: 'notRemembered', message: 'x' } },
    { busy: true },
    [],
  ],
];

describe.each([
  ['realms', realmsRows],
  ['logging in', loginRows],
  ['second factor', tfaRows],
  ['certificate trust', trustRows],
  ['leaving', leftRows],
])('%s', (_group, rows) => {
  it.each(rows)('%s', (_what, state, event, expected, effects) => {
    const next = loginTransition(state, event);
    expect(next.state).toMatchObject(expected);
    expect(next.effects).toEqual(effects);
  });
});

describe('the password never enters the state', () => {
  it('a login keeps the secret only in the effect that sends it', () => {
    const next = loginTransition(at(), { type: 'logIn', secret: 'hunter2' });
    expect(JSON.stringify(next.state)).not.toContain('hunter2');
  });
});
