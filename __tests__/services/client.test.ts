import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseServer } from '../../services/client/address';
import { encodeParams } from '../../services/client/form';
import { normaliseFingerprint } from '../../services/client/tls';
import { ProxmoxClient } from '../../services/client/client';
import { CertificateError, ProxmoxError, SessionExpiredError } from '../../services/errors';
import { DEMO_TOKEN, ROOT_USER, TFA_USER } from '../../services/simulator/datasets';
import { totp } from '../../services/simulator/auth';
import { supportsParam } from '../../services/version-gate';
import type { Fault } from '../../services/simulator/server';
import type { Listed } from '../../services/proxmox-api';
import { simulator, type SimSetup } from '../support/simulator';

let s: SimSetup;
beforeAll(async () => {
  s = await simulator();
});
afterAll(() => s.sim.close());
beforeEach(() => {
  s.sim.requests.length = 0;
  s.sim.clearFaults();
});

const root = { username: ROOT_USER.username, realm: ROOT_USER.realm, password: ROOT_USER.password };

async function loggedIn(options = {}) {
  const client = s.client(options);
  const result = await client.login(root);
  expect(result.kind).toBe('ok');
  return client;
}

async function failure(p: Promise<unknown>): Promise<ProxmoxError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ProxmoxError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('server address and form encoding', () => {
  it.each([
    ['pve.example.com', 'https://pve.example.com:8006'],
    ['pve.example.com:443', 'https://pve.example.com:443'],
    ['https://10.0.0.5:8006', 'https://10.0.0.5:8006'],
    ['[::1]:8006', 'https://[::1]:8006'],
  ])('%s → %s', (input, origin) => {
    expect(parseServer(input).origin).toBe(origin);
  });

  it('refuses http and paths', () => {
    expect(() => parseServer('http://pve:8006')).toThrow(/Only https/);
    expect(() => parseServer('pve/path')).toThrow(/not a server address/);
  });

  it('percent-encodes ; and + and sends booleans as 1/0 (traps 1, 2)', () => {
    expect(
      encodeParams({
        boot: 'order=scsi0;ide2',
        cpu: 'host,flags=+aes',
        onboot: true,
        agent: false,
      }),
    ).toBe('boot=order%3Dscsi0%3Bide2&cpu=host%2Cflags%3D%2Baes&onboot=1&agent=0');
  });

  it('normalises fingerprints to AB:CD:…', () => {
    expect(normaliseFingerprint('ab cd:EF')).toBe('AB:CD:EF');
  });
});

describe('login', () => {
  it('lists the realms, unsorted as the server sends them', async () => {
    const realms = await s.client().realms();
    expect(realms.map((r) => r.realm).sort()).toEqual(['corp', 'pam', 'pve']);
    expect(realms.find((r) => r.realm === 'pve')?.isDefault).toBe(true);
    expect(s.sim.requests[0]).toMatchObject({ method: 'GET', auth: 'none' });
  });

  it('logs in with user and realm, sending the realm separately', async () => {
    const client = s.client();
    const result = await client.login(root);
    expect(result).toEqual({
      kind: 'ok',
      session: { username: 'root@pam', clusterName: 'demo-cluster' },
    });
    expect(s.sim.requests[0]?.params).toEqual({ username: 'root', realm: 'pam', password: '***' });
  });

  it('never sends a realm with user@realm (trap 8)', async () => {
    await s.client().login({ username: 'root@pam', realm: 'pve', password: ROOT_USER.password });
    expect(s.sim.requests[0]?.params).toEqual({ username: 'root@pam', password: '***' });
  });

  it('a wrong password is the exact 401 authentication failure', async () => {
    const err = await failure(s.client().login({ ...root, password: 'nope' }));
    expect(err).toMatchObject({ kind: 'auth', status: 401, message: 'authentication failure' });
    // Never retried: every 401 costs the user ~3 s on a real server (trap 5).
    expect(s.sim.requests.map((r) => r.status)).toEqual([401]);
  });

  it('a NeedTFA answer is not a login: TOTP completes it with totp:CODE (trap 9)', async () => {
    const client = s.client();
    const result = await client.login({
      username: TFA_USER.username,
      realm: TFA_USER.realm,
      password: TFA_USER.password,
    });
    expect(result).toEqual({
      kind: 'tfa',
      challenge: {
        username: 'alice@pve',
        totp: true,
        recovery: true,
        yubico: false,
        webauthn: false,
      },
    });
    expect(client.authenticated).toBe(false);
    await expect(client.nodes()).rejects.toMatchObject({ kind: 'auth', status: 401 });
    const session = await client.completeTfa({
      type: 'totp',
      code: totp(TFA_USER.totpSecret, s.clock.now() / 1000),
    });
    expect(session.username).toBe('alice@pve');
    expect(s.sim.requests.at(-1)?.params).toMatchObject({ username: 'alice@pve', password: '***' });
    expect(await client.nodes()).toHaveLength(3);
  });

  it('a wrong code fails; a recovery key works once', async () => {
    const client = s.client();
    await client.login({
      username: TFA_USER.username,
      realm: TFA_USER.realm,
      password: TFA_USER.password,
    });
    await expect(client.completeTfa({ type: 'totp', code: '000000' })).rejects.toMatchObject({
      status: 401,
    });
    await client.login({
      username: TFA_USER.username,
      realm: TFA_USER.realm,
      password: TFA_USER.password,
    });
    await expect(
      client.completeTfa({ type: 'recovery', code: TFA_USER.recovery[1] }),
    ).resolves.toMatchObject({ username: 'alice@pve' });
    await client.login({
      username: TFA_USER.username,
      realm: TFA_USER.realm,
      password: TFA_USER.password,
    });
    await expect(
      client.completeTfa({ type: 'recovery', code: TFA_USER.recovery[1] }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('sends the ticket cookie on every call and CSRF only on writes (trap 6)', async () => {
    const client = await loggedIn();
    await client.nodes();
    await expect(client.updateVmConfig('pve1', 100, { description: 'x' })).resolves.toBeUndefined();
    const [, get, put] = s.sim.requests;
    expect(get).toMatchObject({ method: 'GET', auth: 'ticket', csrf: false, status: 200 });
    expect(put).toMatchObject({ method: 'PUT', auth: 'ticket', csrf: true, status: 200 });
  });

  it('renews the ticket after an hour with the old ticket as password, and keeps working', async () => {
    const client = await loggedIn();
    s.clock.advance(61 * 60 * 1000);
    await client.nodes();
    const renewal = s.sim.requests.at(-2)!;
    expect(renewal).toMatchObject({ method: 'POST', path: '/access/ticket', status: 200 });
    expect(renewal.params).toEqual({ username: 'root@pam', password: '***' });
    s.clock.advance(90 * 60 * 1000);
    await expect(client.createVm('pve1', { vmid: 140, memory: '512' })).resolves.toMatch(
      /^UPID:pve1:/,
    );
  });

  it('an expired session surfaces as "session expired", typed', async () => {
    const client = await loggedIn({ renewAfterMs: 10 * 3600 * 1000 });
    s.clock.advance(2 * 3600 * 1000 + 1000);
    const err = await failure(client.nodes());
    expect(err).toBeInstanceOf(SessionExpiredError);
    expect(err.message).toMatch(/Session expired/);
  });

  it('a renewal that fails surfaces as "session expired" too', async () => {
    const client = await loggedIn();
    s.clock.advance(3 * 3600 * 1000);
    await expect(client.nodes()).rejects.toBeInstanceOf(SessionExpiredError);
  });

  describe('a renewal that fails', () => {
    const tickets = () => s.sim.requests.filter((r) => r.endpoint === 'POST /access/ticket');

    it.each<[string, Fault, number]>([
      ['a 503', { status: 503, times: 1 }, 503],
      ['a dropped connection', { reset: true, times: 1 }, 0],
    ])('after %s is tried again at once, and the call goes on', async (_name, fault, status) => {
      const client = await loggedIn();
      s.sim.requests.length = 0;
      s.clock.advance(61 * 60 * 1000);
      s.sim.fault('POST /access/ticket', fault);
      await expect(client.nodes()).resolves.toHaveLength(3);
      expect(s.sim.requests.map((r) => [r.endpoint, r.status])).toEqual([
        ['POST /access/ticket', status],
        ['POST /access/ticket', 200],
        ['GET /nodes', 200],
      ]);
    });

    it('transiently twice: the still valid ticket is used, and the next call renews it', async () => {
      const client = await loggedIn();
      s.sim.requests.length = 0;
      s.clock.advance(61 * 60 * 1000);
      s.sim.fault('POST /access/ticket', { status: 502, times: 2 });
      await expect(client.nodes()).resolves.toHaveLength(3);
      expect(tickets().map((r) => r.status)).toEqual([502, 502]);
      await expect(client.pools()).resolves.toBeDefined();
      expect(tickets().map((r) => r.status)).toEqual([502, 502, 200]);
      // Renewed: an hour later it is still good.
      s.clock.advance(61 * 60 * 1000);
      await expect(client.nodes()).resolves.toHaveLength(3);
    });

    it('with 401 ends the session: every later call is "session expired", never "No ticket"', async () => {
      const client = await loggedIn();
      s.clock.advance(61 * 60 * 1000);
      s.sim.fault('POST /access/ticket', { status: 401, message: 'authentication failure' });
      await expect(client.nodes()).rejects.toBeInstanceOf(SessionExpiredError);
      s.sim.clearFaults();
      const later = await failure(client.pools());
      expect(later).toBeInstanceOf(SessionExpiredError);
      expect(later.message).not.toMatch(/No ticket/);
      expect(tickets()).toHaveLength(2);
      // Logging in again is a new session.
      await client.login(root);
      await expect(client.nodes()).resolves.toHaveLength(3);
    });

    it('a ticket past its two hours is not sent at all', async () => {
      const client = await loggedIn();
      s.sim.requests.length = 0;
      s.clock.advance(2 * 3600 * 1000 + 1);
      await expect(client.nodes()).rejects.toBeInstanceOf(SessionExpiredError);
      expect(s.sim.requests).toHaveLength(0);
    });
  });

  it('API tokens: the PVEAPIToken header, no CSRF, no ticket call', async () => {
    const client = s.client({ token: { id: DEMO_TOKEN.id, secret: DEMO_TOKEN.secret } });
    await client.createVm('pve1', { vmid: 141, memory: '512' });
    expect(s.sim.requests).toHaveLength(1);
    expect(s.sim.requests[0]).toMatchObject({ auth: 'token', csrf: false, status: 200 });
    const bad = s.client({ token: { id: DEMO_TOKEN.id, secret: 'wrong' } });
    await expect(bad.nodes()).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
      message: 'Authentication failed!',
    });
  });
});

describe('TLS', () => {
  it('refuses an untrusted certificate with a typed error carrying its fingerprint and subject', async () => {
    const client = new ProxmoxClient({ server: s.sim.url });
    const err = await failure(client.login(root));
    expect(err).toBeInstanceOf(CertificateError);
    expect(err).toMatchObject({
      kind: 'tls',
      problem: 'untrusted',
      fingerprint: s.sim.fingerprint,
    });
    expect((err as CertificateError).subject).toContain('CN=pve1.demo.invalid');
    expect(s.sim.requests).toHaveLength(0);
  });

  it('accepts the pinned fingerprint in any spelling', async () => {
    const client = new ProxmoxClient({
      server: s.sim.url,
      tls: { fingerprint: s.sim.fingerprint.toLowerCase() },
    });
    await expect(client.realms()).resolves.toHaveLength(3);
  });

  it('fails loudly on a pinned fingerprint that no longer matches, sending nothing', async () => {
    const wrong = s.sim.fingerprint.replace(
      /^../,
      s.sim.fingerprint.startsWith('00') ? '11' : '00',
    );
    const client = new ProxmoxClient({ server: s.sim.url, tls: { fingerprint: wrong } });
    const err = await failure(client.login(root));
    expect(err).toMatchObject({ kind: 'tls', problem: 'mismatch', fingerprint: s.sim.fingerprint });
    expect(err.message).toMatch(/not the pinned one/);
    expect(s.sim.requests).toHaveLength(0);
  });

  it('trusts a CA file (the cluster root CA)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvevm-ca-'));
    writeFileSync(join(dir, 'ca.pem'), s.sim.certPem);
    const client = new ProxmoxClient({ server: s.sim.url, tls: { ca: s.sim.certPem } });
    await expect(client.realms()).resolves.toHaveLength(3);
  });

  it('insecure accepts anything, but only when asked', async () => {
    await expect(
      new ProxmoxClient({ server: s.sim.url, tls: { insecure: true } }).realms(),
    ).resolves.toHaveLength(3);
  });
});

describe('errors', () => {
  it('400 with per-parameter errors → validation, message from the reason phrase (trap 4)', async () => {
    const client = await loggedIn();
    const err = await failure(client.createVm('pve1', { vmid: 142, cores: 'abc', onboot: 'true' }));
    expect(err).toMatchObject({
      kind: 'validation',
      status: 400,
      message: 'Parameter verification failed.',
    });
    expect(err.errors).toEqual({
      cores: "type check ('integer') failed - got 'abc'",
      onboot: "type check ('boolean') failed - got 'true'",
    });
  });

  it('401 with an empty body, 403, 500 locked, 500 exists, 501, 595, 596', async () => {
    const client = await loggedIn();
    s.sim.fault('GET /nodes', {
      status: 403,
      message: 'Permission check failed (/nodes, Sys.Audit)',
      times: 1,
    });
    await expect(client.nodes()).rejects.toMatchObject({
      kind: 'permission',
      status: 403,
      message: 'Permission check failed (/nodes, Sys.Audit)',
    });
    s.sim.fault('GET /nodes', { status: 595, message: 'No route to host', times: 1 });
    await expect(client.nodes()).rejects.toMatchObject({
      kind: 'network',
      status: 595,
      message: 'No route to host',
    });
    s.sim.fault('GET /nodes', {
      status: 596,
      message: 'tls_process_server_certificate: certificate verify failed',
      times: 1,
    });
    await expect(client.nodes()).rejects.toMatchObject({ kind: 'network', status: 596 });
    s.sim.fault('GET /nodes', { status: 500, message: 'VM is locked (create)', times: 1 });
    await expect(client.nodes()).rejects.toMatchObject({ kind: 'locked', status: 500 });
    await expect(client.createVm('pve1', { vmid: 100 })).rejects.toMatchObject({
      kind: 'conflict',
      status: 500,
      message: "unable to create VM 100 - VM 100 already exists on node 'pve1'",
    });
    await expect(client.storages('pve3', 'iso')).rejects.toMatchObject({
      kind: 'network',
      status: 595,
    });
    await expect(client.isoImages('pve1', 'nope')).rejects.toMatchObject({
      kind: 'not-found',
      status: 500,
    });
  });

  it('merges the body message with the reason phrase on newer servers', async () => {
    const nine = await simulator({ version: '9.1' });
    try {
      const client = nine.client();
      await client.login(root);
      const err = await failure(client.createVm('pve1', { vmid: 143, ostype: 'l99' }));
      expect(err.message).toBe('Parameter verification failed.');
      expect(err.errors.ostype).toMatch(/does not have a value in the enumeration/);
    } finally {
      await nine.sim.close();
    }
  });

  it('a connection reset, a refused port and a timeout are network/timeout errors', async () => {
    const client = await loggedIn({ timeoutMs: 300 });
    s.sim.fault('GET /nodes', { reset: true, times: 1 });
    await expect(client.nodes()).rejects.toMatchObject({ kind: 'network', status: 0 });
    s.sim.fault('GET /nodes', { hang: true, times: 1 });
    await expect(client.nodes()).rejects.toMatchObject({
      kind: 'timeout',
      message: /did not answer GET \/nodes within 0\.3 s$/,
    });
    const closed = new ProxmoxClient({ server: '127.0.0.1:1', tls: { insecure: true } });
    await expect(closed.realms()).rejects.toMatchObject({
      kind: 'network',
      message: /connection refused/,
    });
  });

  it('calls can be cancelled', async () => {
    const client = await loggedIn();
    s.sim.fault('GET /nodes', { hang: true, times: 1 });
    const pending = client.nodes();
    await new Promise((r) => setImmediate(r));
    client.cancelAll();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('malformed JSON and unexpected shapes are clear errors', async () => {
    const client = await loggedIn();
    s.sim.fault('GET /nodes', { rawBody: '{"data": [', times: 1 });
    await expect(client.nodes()).rejects.toMatchObject({ kind: 'server', message: /not JSON/ });
    s.sim.fault('GET /nodes', { rawBody: '{"data": {"x": 1}}', times: 1 });
    await expect(client.nodes()).rejects.toMatchObject({ kind: 'server', message: /not a list/ });
  });
});

describe('null and malformed list entries (Part 13 row 12)', () => {
  const junk = (good: Record<string, unknown>) =>
    JSON.stringify({
      data: [null, 7, 'x', [], {}, good, { ...good, [Object.keys(good)[0]!]: null }],
    });
  it.each([
    ['GET /access/domains', (c: ProxmoxClient) => c.realms(), { realm: 'pam' }, 'realm'],
    ['GET /nodes', (c: ProxmoxClient) => c.nodes(), { node: 'pve1' }, 'node'],
    ['GET /pools', (c: ProxmoxClient) => c.pools(), { poolid: 'lab' }, 'poolid'],
    [
      'GET /nodes/{node}/storage',
      (c: ProxmoxClient) => c.storages('pve1', 'images'),
      { storage: 'local' },
      'storage',
    ],
    [
      'GET /nodes/{node}/storage/{storage}/content',
      (c: ProxmoxClient) => c.isoImages('pve1', 'local'),
      { volid: 'local:iso/a.iso' },
      'volid',
    ],
    [
      'GET /nodes/{node}/network',
      (c: ProxmoxClient) => c.bridges('pve1'),
      { iface: 'vmbr0' },
      'iface',
    ],
    [
      'GET /nodes/{node}/capabilities/qemu/cpu',
      (c: ProxmoxClient) => c.cpuModels('pve1'),
      { name: 'host' },
      'name',
    ],
  ] as const)(
    '%s: only the named entry is kept, the rest counted',
    async (endpoint, load, good, key) => {
      const client = await loggedIn();
      s.sim.fault(endpoint, { rawBody: junk(good), times: 1 });
      const entries = (await load(client)) as unknown as Listed<Record<string, unknown>>;
      expect(entries.map((e) => e[key])).toEqual([Object.values(good)[0]]);
      expect(entries.leftOut).toBe(6);
      // A clean answer counts nothing.
      expect(((await load(client)) as unknown as Listed<unknown>).leftOut).toBeUndefined();
    },
  );
});

describe('discovery', () => {
  it('reads nextid as a string and checks an id (trap 15)', async () => {
    const client = await loggedIn();
    expect(await client.nextVmid()).toBe(103);
    expect(await client.isVmidFree(103)).toBe(true);
    expect(await client.isVmidFree(105)).toBe(false);
    const raw = s.sim.requests.find((r) => r.path === '/cluster/nextid');
    expect(raw?.status).toBe(200);
  });

  it('pools, tags, storages with content, ISOs, bridges and CPU models', async () => {
    const client = await loggedIn();
    expect((await client.pools()).map((p) => p.poolid)).toEqual(['prod', 'lab', 'lab/ci']);
    expect((await client.tags()).tags).toEqual(['db', 'k8s', 'nixos', 'prod', 'web']);
    expect((await client.storages('pve1', 'images')).map((x) => x.storage)).toEqual([
      'local-lvm',
      'ceph-pool',
    ]);
    expect((await client.storages('pve1', 'iso')).map((x) => x.storage)).toEqual([
      'local',
      'cephfs',
    ]);
    const isos = await client.isoImages('pve1', 'cephfs');
    expect(isos[0]?.volid).toMatch(/^cephfs:iso\//);
    expect((await client.bridges('pve1')).map((b) => b.iface)).toEqual(['vmbr0', 'vmbr9']);
    expect((await client.cpuModels('pve1')).map((c) => c.name)).toContain('x86-64-v2-AES');
  });

  it('an empty cluster: no pools, no tags, no ISOs — empty lists, not errors', async () => {
    const bare = await simulator({ dataset: 'empty' });
    try {
      const client = bare.client();
      await client.login(root);
      expect(await client.pools()).toEqual([]);
      expect(await client.tags()).toEqual({ tags: [], colors: new Map() });
      expect(await client.isoImages('pve', 'local')).toEqual([]);
      expect((await client.storages('pve', 'iso')).map((x) => x.storage)).toEqual(['local']);
    } finally {
      await bare.sim.close();
    }
  });

  it('gates newer parameters on the server version (trap 20)', async () => {
    const client = await loggedIn();
    const { release } = await client.version();
    expect(release).toBe('8.3');
    expect(supportsParam(release, 'ha-managed')).toBe(false);
    expect(supportsParam('9.1', 'ha-managed')).toBe(true);
    expect(supportsParam('10.0', 'allow-ksm')).toBe(true);
    await client.version();
    expect(s.sim.requests.filter((r) => r.path === '/version')).toHaveLength(1);
    await expect(client.createVm('pve1', { vmid: 144, 'ha-managed': 1 })).rejects.toMatchObject({
      errors: {
        'ha-managed':
          'property is not defined in schema and the schema does not allow additional properties',
      },
    });
  });
});
