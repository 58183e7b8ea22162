import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { DEMO_TOKEN, TFA_USER } from '../../services/simulator/datasets';
import { totp } from '../../services/simulator/auth';
import { createLoginScreen, type LoginPort } from '../../screens/login';
import { appHarness } from '../support/app';
import { loginApp, logInAsRoot } from '../support/login-app';
import { snapshotScreen, type SnapshotOptions } from '../support/harness';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t.h.destroy());

const snap = (id: string, options?: SnapshotOptions) => snapshotScreen(t.h, id, options);

const row = (label: string) => t.h.lines().findIndex((l) => l.includes(`─ ${label} ─`));
const valueOf = (label: string) => t.h.lines()[row(label) + 1] ?? '';
const lastLogin = () => sim.requests.filter((r) => r.path === '/access/ticket').at(-1);

describe('login screen', () => {
  it('loads the realms, sorted, defaulting to pam; focus starts at the first empty field', async () => {
    t = loginApp(sim);
    await t.h.settle();
    expect(valueOf('Realm')).toContain('Linux PAM standard authentication (pam)');
    expect(t.h.lines().some((l) => l.includes('─ Server '))).toBe(false);
    await t.h.type('root');
    expect(valueOf('Username')).toContain('root');
    await t.h.press('tab', 'tab', 'space');
    const list = t.h.lines().filter((l) => /\((corp|pam|pve)\)/.test(l));
    expect(list.map((l) => /\((\w+)\)/.exec(l)![1])).toEqual(['corp', 'pam', 'pve']);
    await t.h.press('escape');
    await snap('login-default-80x24', { light: true });
  });

  it('types credentials and logs in with Enter in the password field', async () => {
    t = loginApp(sim, { cols: 120, rows: 30 });
    await t.h.settle();
    await t.h.type('root');
    await t.h.press('tab');
    await t.h.type('proxmox');
    await t.h.press('enter');
    expect(t.app.controller.state.step).toBe('general');
    expect(t.app.api?.authenticated).toBe(true);
    expect(t.h.lines()[1]).toMatch(/ root@pam on 127\.0\.0\.1 $/);
  });

  it('wrong password: the server’s message, password cleared, focus on it, username kept; then right', async () => {
    t = loginApp(sim);
    await t.h.settle();
    await t.h.type('root');
    await t.h.press('tab');
    await t.h.type('wrong');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('login');
    expect(t.h.text()).toContain('Error: Login failed: authentication failure');
    expect(valueOf('Username')).toContain('root');
    expect(valueOf('Password')).not.toContain('*');
    await snap('login-auth-error-80x24');
    await t.h.type('proxmox');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('general');
  });

  it('choosing a realm from the list, and user@realm moving the realm select', async () => {
    t = loginApp(sim);
    await t.h.settle();
    await t.h.type('demo@pve');
    expect(valueOf('Realm')).toContain('(pve)');
    await t.h.press('tab');
    await t.h.type('demo-pass');
    await t.h.press('enter');
    expect(t.app.controller.state.step).toBe('general');
    expect(lastLogin()?.params).toEqual({ username: 'demo@pve', password: '***' });
  });

  it('logs in with the realm chosen in the list', async () => {
    t = loginApp(sim);
    await t.h.settle();
    await t.h.type('demo');
    await t.h.press('tab', 'tab', 'space');
    await t.h.type('pve)');
    await t.h.press('enter', 'S-tab');
    await t.h.type('demo-pass');
    await t.h.press('enter');
    expect(t.app.controller.state.step).toBe('general');
    expect(lastLogin()?.params).toEqual({
      username: 'demo',
      realm: 'pve',
      password: '***',
    });
  });

  it('asks for the second factor and accepts a real TOTP code; a wrong one is refused', async () => {
    t = loginApp(sim);
    await t.h.settle();
    await t.h.type(`${TFA_USER.username}@${TFA_USER.realm}`);
    await t.h.press('tab');
    await t.h.type(TFA_USER.password);
    await t.h.press('enter');
    expect(t.h.text()).toContain('second factor');
    expect(valueOf('Second factor')).toContain('TOTP code');
    await snap('login-second-factor-80x24');
    await t.h.type('000000');
    await t.h.press('enter');
    expect(t.h.text()).toContain('That code was not accepted');
    await t.h.type(totp(TFA_USER.totpSecret, Date.now() / 1000));
    await t.h.press('enter');
    expect(t.app.controller.state.step).toBe('general');
  });

  it('asks whether to trust an unknown certificate: trust and remember', async () => {
    t = loginApp(sim, { trusted: false });
    await t.h.settle();
    expect(t.h.text()).toContain('Untrusted certificate');
    expect(t.h.text()).toContain(sim.fingerprint.slice(0, 47));
    await t.h.press('S-tab', 'enter');
    expect(t.h.text()).not.toContain('Untrusted certificate');
    expect(valueOf('Realm')).toContain('(pam)');
    const port = new URL(sim.url).port;
    expect(t.known.lookup(`127.0.0.1:${port}`)).toBe(sim.fingerprint);
  });

  it('trust and remember where known_servers cannot be written: said plainly, trusted for the session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvevm-known-'));
    // Its folder is a file.
    writeFileSync(join(dir, 'pvevm'), 'not a folder');
    t = loginApp(sim, { trusted: false, knownServersPath: join(dir, 'pvevm', 'known_servers') });
    await t.h.settle();
    await t.h.press('S-tab', 'enter');
    const text = t.h.text().replace(/[│|\s]+/g, ' ');
    expect(text).toContain('Not remembered');
    expect(text).toContain('is a file, not a folder');
    expect(text).toContain('trusted for this session only');
    expect(text).not.toMatch(/ENOTDIR|at .*\.ts:\d+/);
    await t.h.press('enter');
    expect(t.h.text()).not.toContain('Not remembered');
    expect(valueOf('Realm')).toContain('(pam)');
    await logInAsRoot(t);
    expect(t.app.controller.state.step).toBe('general');
  });

  it('what is typed while the realms load again after trusting is kept (only a login locks the form)', async () => {
    sim.fault('GET /access/domains', { latencyMs: 50, times: 2 });
    t = loginApp(sim, { trusted: false });
    await t.h.settle();
    await t.h.pressWhileBusy('S-tab', 'enter');
    expect(t.h.text()).toContain('Connecting…');
    await t.h.pressWhileBusy(...'root'.split(''), 'tab', ...'proxmox'.split(''));
    await t.h.settle();
    expect(valueOf('Username')).toContain('root');
    expect(valueOf('Password')).toContain('*******');
    await t.h.press('enter');
    expect(t.app.controller.state.step).toBe('general');
  });

  it('cancelling the trust question says which option fixes it', async () => {
    t = loginApp(sim, { trusted: false });
    await t.h.settle();
    await t.h.press('enter');
    expect(t.h.text()).toContain('Not trusted, not connected: use --fingerprint or --ca');
  });

  it('names the option to use when the pinned fingerprint does not match', async () => {
    t = loginApp(sim, { settings: { tls: { fingerprint: 'AA:'.repeat(31) + 'AA' } } });
    await t.h.settle();
    expect(t.h.text()).toContain('Cannot connect');
    const text = t.h.text().replace(/[│|\s]+/g, ' ');
    expect(text).toMatch(
      /certificate of https:\/\/127\.0\.0\.1:\d+ is not the one given with --fingerprint/,
    );
    expect(text).toContain('This may be an attack');
    expect(text).toContain('with --fingerprint');
  });

  it('asks for the server when none was given, then loads its realms', async () => {
    t = loginApp(sim, { settings: { server: undefined } });
    await t.h.settle();
    expect(row('Server')).toBe(2);
    await t.h.type(sim.url);
    await t.h.press('tab');
    expect(valueOf('Realm')).toContain('(pam)');
    expect(sim.requests.at(-1)?.path).toBe('/access/domains');
  });

  it('shows a loading state while realms load, and an error with retry when they fail', async () => {
    sim.fault('GET /access/domains', { status: 500, message: 'realm config broken', times: 1 });
    t = loginApp(sim);
    await t.h.settle();
    expect(t.h.text()).toContain('Could not load realms: realm config broken');
    await t.h.press('enter');
    expect(valueOf('Realm')).toContain('(pam)');
    await t.h.press('tab', 'tab', 'tab', 'tab', 'enter');
    expect(t.h.text()).not.toContain('Could not load realms');
  });

  it('token mode: no password, the secret asked for, then General', async () => {
    t = loginApp(sim, { settings: { token: DEMO_TOKEN.id } });
    await t.h.settle();
    expect(valueOf('API token')).toContain(DEMO_TOKEN.id);
    expect(t.h.text()).not.toContain('─ Password ');
    await t.h.type(DEMO_TOKEN.secret);
    await t.h.press('enter');
    expect(t.app.controller.state.step).toBe('general');
    expect(sim.requests.filter((r) => r.path === '/version').at(-1)?.auth).toBe('token');
  });

  it('locks the inputs while logging in; Esc cancels and unlocks them', async () => {
    sim.fault('POST /access/ticket', { hang: true, times: 1 });
    t = loginApp(sim);
    await t.h.settle();
    await t.h.type('root');
    await t.h.press('tab');
    await t.h.type('proxmox');
    await t.h.pressWhileBusy('enter');
    expect(t.h.text()).toContain('Logging in as root@pam… (Esc cancels)');
    await t.h.pressWhileBusy('S-tab', 'x');
    expect(valueOf('Username')).not.toContain('rootx');
    await t.h.press('escape');
    expect(t.h.text()).toContain('Warning: Cancelled');
    expect(t.app.controller.state.step).toBe('login');
    await t.h.type('proxmox');
    await t.h.press('enter');
    expect(t.app.controller.state.step).toBe('general');
  });

  it('shows a hint such as the demo credentials', async () => {
    t = loginApp(sim, { hint: 'Demo cluster: user demo@pve, password demo-pass' });
    await t.h.settle();
    expect(t.h.lines()[22]).toContain('Demo cluster: user demo@pve, password demo-pass');
  });
});

describe('login screen states (scripted outcomes, for stable snapshots)', () => {
  const fingerprint =
    'D0:6A:A4:33:07:85:D9:A6:F4:D4:66:6A:13:87:09:E3:29:6E:0E:1B:4C:83:0D:B7:81:C2:84:70:EA:76:25:6D';

  /** The login screen alone, its realm loading answered by `realms`. */
  function scripted(realms: LoginPort['realms']) {
    const port: LoginPort = {
      realms,
      logIn: async () => ({ kind: 'cancelled' }),
      answerTfa: async () => ({ kind: 'cancelled' }),
      trust: async () => undefined,
      cancel: () => undefined,
    };
    const h = appHarness(
      {},
      {
        registry: {
          login: (ctx) => createLoginScreen(ctx, { port, server: 'pve.example.com:8006' }),
        },
      },
    );
    t = { ...h, known: undefined as never };
  }

  it('untrusted certificate', async () => {
    scripted(async () => ({
      kind: 'untrusted',
      server: 'pve.example.com:8006',
      fingerprint,
      subject: 'OU=PVE Cluster Node, O=Proxmox Virtual Environment, CN=pve1.example.com',
    }));
    await t.h.settle();
    expect(t.h.text()).toContain(
      'pve.example.com:8006 presented a certificate that is not trusted.',
    );
    await snap('login-untrusted-80x24');
  });

  it('loading realms', async () => {
    scripted(() => new Promise<never>(() => undefined));
    // The realm request is pending work that never ends here.
    await t.h.settle({ idle: false });
    expect(t.h.text()).toContain('Loading realms from pve.example.com:8006…');
    await snapshotScreen(t.h, 'login-loading-realms-80x24', { idle: false });
  });
});
