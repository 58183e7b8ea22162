/**
 * The simulator's privileges as pve-access-control computes them, read through the client over
 * HTTPS (`GET /access/permissions`), and the permission checks of the create call.
 */
import https from 'node:https';
import type { ProxmoxClient } from '../../services/client/client';
import { ProxmoxError } from '../../services/errors';
import {
  LIMITED_TOKEN,
  LIMITED_USER,
  DEMO_TOKEN,
  ROOT_USER,
} from '../../services/simulator/datasets';
import { simulator, type SimSetup } from '../support/simulator';

let s: SimSetup;
beforeEach(async () => {
  s = await simulator({ taskDurationMs: 0 });
});
afterEach(() => s.sim.close());

async function as(user: { username: string; realm: string; password: string }) {
  const client = s.client();
  await client.login(user);
  return client;
}

async function failure(p: Promise<unknown>): Promise<ProxmoxError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof ProxmoxError) return err;
  throw new Error(`expected a ProxmoxError, got ${String(err)}`);
}

const held = async (client: ProxmoxClient, path: string) =>
  Object.keys((await client.permissions(path))[path] ?? {}).sort();

describe('GET /access/permissions', () => {
  it('root@pam holds every privilege everywhere', async () => {
    const root = await as(ROOT_USER);
    const privileges = (await root.permissions('/vms/123'))['/vms/123']!;
    expect(privileges['VM.Allocate']).toBe(true);
    expect(privileges['Sys.Console']).toBe(true);
    expect(Object.keys((await root.permissions())['/']!)).toContain('Datastore.AllocateSpace');
  });

  it('a limited user: roles on ACL paths, propagated below them, nothing elsewhere', async () => {
    const carol = await as(LIMITED_USER);
    expect(await held(carol, '/vms/123')).toEqual([]);
    expect(await held(carol, '/pool/lab')).toContain('VM.Allocate');
    expect(await held(carol, '/pool/lab/ci')).toContain('VM.Config.CPU');
    expect(await held(carol, '/storage/local-lvm')).toEqual([
      'Datastore.AllocateSpace',
      'Datastore.Audit',
    ]);
    expect(await held(carol, '/storage/ceph-pool')).toEqual([]);
    expect(await held(carol, '/sdn/zones/localnetwork/vmbr0/20')).toEqual(['SDN.Audit', 'SDN.Use']);
    expect(await held(carol, '/sdn/zones/localnetwork/vmbr9')).toEqual([]);
    expect(await held(carol, '/')).toEqual([]);
    // The whole tree: only paths where the user holds something, with the propagate flags.
    const tree = await carol.permissions();
    expect(Object.keys(tree).sort()).toEqual([
      '/pool/lab',
      '/sdn/zones/localnetwork/vmbr0',
      '/storage/cephfs',
      '/storage/local',
      '/storage/local-lvm',
    ]);
    expect(tree['/pool/lab']!['VM.Allocate']).toBe(true);
  });

  it('an entry that does not propagate counts on its own path only; a deeper one replaces', async () => {
    const id = `${LIMITED_USER.username}@${LIMITED_USER.realm}`;
    s.sim.state.acl.push(
      { path: '/storage', ugid: id, role: 'PVEDatastoreUser', propagate: false },
      { path: '/pool/lab/ci', ugid: id, role: 'NoAccess', propagate: true },
    );
    const carol = await as(LIMITED_USER);
    const storage = (await carol.permissions('/storage'))['/storage']!;
    expect(storage).toEqual({ 'Datastore.AllocateSpace': false, 'Datastore.Audit': false });
    expect(await held(carol, '/storage/ceph-pool')).toEqual([]);
    expect(await held(carol, '/pool/lab/ci')).toEqual([]);
    expect(await held(carol, '/pool/lab')).toContain('VM.Allocate');
  });

  it('a privilege-separated token starts with none; its own entries count within its user’s', async () => {
    const token = s.client({ token: LIMITED_TOKEN });
    expect(await token.permissions()).toEqual({});
    expect(await held(token, '/pool/lab')).toEqual([]);
    s.sim.state.acl.push(
      { path: '/pool', ugid: LIMITED_TOKEN.id, role: 'PVEVMUser', propagate: true },
      { path: '/storage', ugid: LIMITED_TOKEN.id, role: 'PVEVMUser', propagate: true },
    );
    expect(await held(token, '/pool/lab')).toEqual([
      'VM.Audit',
      'VM.Backup',
      'VM.Config.CDROM',
      'VM.Config.Cloudinit',
      'VM.Console',
    ]);
    // Granted to the token, but its user holds nothing there.
    expect(await held(token, '/storage/ceph-pool')).toEqual([]);
    // root@pam's token without privilege separation holds what root holds.
    expect(await held(s.client({ token: DEMO_TOKEN }), '/')).toContain('Sys.Modify');
  });

  it('another user’s privileges need Sys.Audit on /access', async () => {
    const get = (secret: string) =>
      new Promise<{ status: number; reason: string }>((resolve, reject) => {
        https
          .get(
            `${s.sim.url}/api2/json/access/permissions?userid=root%40pam`,
            {
              rejectUnauthorized: false,
              headers: { Authorization: `PVEAPIToken=${secret}` },
            },
            (res) => {
              res.resume();
              resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '' });
            },
          )
          .on('error', reject);
      });
    const limited = await get(`${LIMITED_TOKEN.id}=${LIMITED_TOKEN.secret}`);
    expect(limited).toEqual({
      status: 403,
      reason: 'Permission check failed (/access, Sys.Audit)',
    });
    expect((await get(`${DEMO_TOKEN.id}=${DEMO_TOKEN.secret}`)).status).toBe(200);
  });
});

describe('the create checks the privileges', () => {
  const params = (extra: Record<string, string | number> = {}) => ({
    vmid: 150,
    name: 'limited',
    scsi0: 'local-lvm:4',
    net0: 'virtio,bridge=vmbr0',
    cores: 1,
    memory: '512',
    ...extra,
  });

  it('without VM.Allocate on the VM or its pool: 403 Permission check failed', async () => {
    const carol = await as(LIMITED_USER);
    const err = await failure(carol.createVm('pve1', params()));
    expect(err).toMatchObject({ kind: 'permission', status: 403 });
    expect(err.message).toBe('Permission check failed');
    expect(s.sim.state.vms.has(150)).toBe(false);
  });

  it.each([
    [{ scsi0: 'ceph-pool:4' }, '(/storage/ceph-pool, Datastore.AllocateSpace)'],
    [{ net0: 'virtio,bridge=vmbr9' }, '(/sdn/zones/localnetwork/vmbr9, SDN.Use)'],
    [{ startup: 'order=1' }, '(/, Sys.Modify)'],
  ])('in the pool, but %j: 403 %s', async (extra, what) => {
    const carol = await as(LIMITED_USER);
    const err = await failure(carol.createVm('pve1', params({ pool: 'lab', ...extra })));
    expect(err).toMatchObject({ kind: 'permission', status: 403 });
    expect(err.message).toBe(`Permission check failed ${what}`);
  });

  it('start=1 is checked (VM.PowerMgmt) before VM.Allocate, as create_vm does', async () => {
    const carol = await as(LIMITED_USER);
    const err = await failure(carol.createVm('pve1', params({ start: 1 })));
    expect(err.message).toBe('Permission check failed (/vms/150, VM.PowerMgmt)');
  });

  it('9.1: ha-managed=1 needs Sys.Console on /', async () => {
    await s.sim.close();
    s = await simulator({ taskDurationMs: 0, version: '9.1' });
    const carol = await as(LIMITED_USER);
    const err = await failure(carol.createVm('pve1', params({ pool: 'lab', 'ha-managed': 1 })));
    expect(err.message).toBe('Permission check failed (/, Sys.Console)');
  });

  it('with what it needs: created in the pool; the serial console set; HA refused', async () => {
    const carol = await as(LIMITED_USER);
    await carol.createVm('pve1', params({ pool: 'lab' }));
    s.clock.advance(1000);
    await carol.updateVmConfig('pve1', 150, { serial0: 'socket', vga: 'serial0' });
    const err = await failure(carol.addHaResource({ sid: 'vm:150', state: 'started' }));
    expect(err.message).toBe('Permission check failed (/, Sys.Console)');
  });

  it('starting a VM needs VM.PowerMgmt on it or its pool', async () => {
    const root = await as(ROOT_USER);
    await root.createVm('pve1', params());
    const carol = await as(LIMITED_USER);
    await carol.createVm('pve1', params({ vmid: 151, pool: 'lab' }));
    s.clock.advance(1000);
    const err = await failure(carol.startVm('pve1', 150));
    expect(err).toMatchObject({ kind: 'permission', status: 403 });
    expect(err.message).toBe('Permission check failed (/vms/150, VM.PowerMgmt)');
    expect(await carol.startVm('pve1', 151)).toMatch(/^UPID:pve1:.*:qmstart:151:carol@pve:$/);
  });
});
