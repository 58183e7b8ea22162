import { ProxmoxError } from '../../services/errors';
import { ROOT_USER } from '../../services/simulator/datasets';
import { TaskUnknownError, waitForTask } from '../../services/tasks';
import { simulator, type SimSetup } from '../support/simulator';

let s: SimSetup;
beforeAll(async () => {
  s = await simulator({ taskDurationMs: 2000 });
});
afterAll(() => s.sim.close());
beforeEach(() => s.sim.clearFaults());

let nextId = 200;
const ISO = 'cephfs:iso/nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso';

async function client() {
  const c = s.client();
  await c.login({
    username: ROOT_USER.username,
    realm: ROOT_USER.realm,
    password: ROOT_USER.password,
  });
  return c;
}

function params(vmid: number, extra: Record<string, string | number> = {}) {
  return {
    vmid,
    name: `vm${vmid}`,
    ostype: 'l26',
    ide2: `${ISO},media=cdrom`,
    scsihw: 'virtio-scsi-single',
    scsi0: 'ceph-pool:32,format=raw,iothread=1,ssd=1',
    bios: 'ovmf',
    efidisk0: 'ceph-pool:1,efitype=4m,pre-enrolled-keys=0',
    cores: 2,
    memory: '2048',
    net0: 'virtio,bridge=vmbr9,firewall=1',
    ...extra,
  };
}

describe('create task', () => {
  it('runs as a task: locked while running, then OK with the final configuration (traps 10, 13)', async () => {
    const c = await client();
    const vmid = nextId++;
    const upid = await c.createVm('pve1', params(vmid));
    expect(upid).toMatch(
      new RegExp(`^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmcreate:${vmid}:root@pam:$`),
    );
    expect(await c.taskStatus(upid)).toMatchObject({ status: 'running' });
    await expect(
      c.updateVmConfig('pve1', vmid, { serial0: 'socket', vga: 'serial0' }),
    ).rejects.toMatchObject({
      kind: 'locked',
      status: 500,
      message: 'VM is locked (create)',
    });
    const seen: string[] = [];
    const result = await waitForTask(c, upid, { clock: s.clock, onLog: (l) => seen.push(...l) });
    expect(result).toMatchObject({ ok: true, exitStatus: 'OK', warnings: 0 });
    expect(result.log.at(-1)).toBe('TASK OK');
    expect(seen).toContain(
      `efidisk0: successfully created disk 'ceph-pool:vm-${vmid}-disk-0,efitype=4m,pre-enrolled-keys=0,size=4M'`,
    );
    const config = s.sim.state.vms.get(vmid)!.config;
    expect(config.scsi0).toBe(`ceph-pool:vm-${vmid}-disk-1,iothread=1,ssd=1,size=32G`);
    expect(config.net0).toMatch(
      /^virtio=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},bridge=vmbr9,firewall=1$/,
    );
    expect(config.boot).toBe('order=scsi0;ide2;net0');
    expect(config.ide2).toMatch(/,media=cdrom,size=\d+M$/);
    await expect(
      c.updateVmConfig('pve1', vmid, { serial0: 'socket', vga: 'serial0' }),
    ).resolves.toBeUndefined();
    expect(s.sim.state.vms.get(vmid)!.config).toMatchObject({ serial0: 'socket', vga: 'serial0' });
  });

  it('polls quickly at first, every 250 ms for a minute, then once a second; URL-encodes the UPID (trap 14)', async () => {
    const c = await client();
    s.sim.options.taskDurationMs = 65_000;
    const upid = await c.createVm('pve1', params(nextId++));
    s.sim.options.taskDurationMs = 2000;
    s.sim.requests.length = 0;
    const sleeps: number[] = [];
    const clock = { now: s.clock.now, sleep: (ms: number) => (sleeps.push(ms), s.clock.sleep(ms)) };
    await waitForTask(c, upid, { clock });
    const polls = s.sim.requests.filter((r) => r.path.endsWith('/status'));
    expect(polls[0]?.path).toBe(`/nodes/pve1/tasks/${encodeURIComponent(upid)}/status`);
    expect(sleeps.slice(0, 4)).toEqual([100, 200, 250, 250]);
    // 60 s of 250 ms polls, then 1 s ones until the task ends at 65 s.
    expect(sleeps.filter((ms) => ms === 250).length).toBeGreaterThan(230);
    expect(sleeps.slice(-5)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(polls).toHaveLength(sleeps.length + 1);
  });

  it('WARNINGS: n is success, keeping the warnings (trap 11)', async () => {
    const c = await client();
    s.sim.fault('POST /nodes/{node}/qemu', { taskWarnings: 2, times: 1 });
    const result = await waitForTask(c, await c.createVm('pve1', params(nextId++)), {
      clock: s.clock,
    });
    expect(result).toMatchObject({ ok: true, exitStatus: 'WARNINGS: 2', warnings: 2 });
    expect(result.log).toContain('WARN: simulated warning 2');
  });

  it('a failure inside the task is not success: exit status and log tail, and no VM left (trap 10)', async () => {
    const c = await client();
    const vmid = nextId++;
    const upid = await c.createVm(
      'pve1',
      params(vmid, { ide2: 'cephfs:iso/missing.iso,media=cdrom' }),
    );
    const result = await waitForTask(c, upid, { clock: s.clock });
    expect(result.ok).toBe(false);
    expect(result.exitStatus).toBe(
      `unable to create VM ${vmid} - volume cephfs:iso/missing.iso does not exist`,
    );
    expect(result.log.at(-1)).toBe(
      `TASK ERROR: unable to create VM ${vmid} - volume cephfs:iso/missing.iso does not exist`,
    );
    expect(s.sim.state.vms.has(vmid)).toBe(false);
  });

  it('an injected task error ends the task with that text', async () => {
    const c = await client();
    s.sim.fault('POST /nodes/{node}/qemu', { taskError: 'storage full', times: 1 });
    const vmid = nextId++;
    const result = await waitForTask(c, await c.createVm('pve1', params(vmid)), { clock: s.clock });
    expect(result.exitStatus).toBe(`unable to create VM ${vmid} - storage full`);
  });

  it('tolerates a brief 400 "no such task", but not a lasting one', async () => {
    const c = await client();
    const noSuchTask = {
      status: 400,
      message: 'Parameter verification failed.',
      errors: { upid: 'no such task' },
    };
    s.sim.fault('GET /nodes/{node}/tasks/{upid}/status', { ...noSuchTask, times: 2 });
    await expect(
      waitForTask(c, await c.createVm('pve1', params(nextId++)), { clock: s.clock }),
    ).resolves.toMatchObject({ ok: true });
    s.sim.fault('GET /nodes/{node}/tasks/{upid}/status', noSuchTask);
    const err = await waitForTask(c, await c.createVm('pve1', params(nextId++)), {
      clock: s.clock,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxmoxError);
    expect((err as ProxmoxError).errors.upid).toBe('no such task');
  });

  it('start=1 starts the VM in a separate task after the create task (trap 12)', async () => {
    const c = await client();
    const vmid = nextId++;
    const upid = await c.createVm('pve1', params(vmid, { start: 1 }));
    await waitForTask(c, upid, { clock: s.clock });
    const starts = [...s.sim.state.tasks.values()].filter(
      (t) => t.type === 'qmstart' && t.id === String(vmid),
    );
    expect(starts).toHaveLength(1);
    await c.nodes();
    expect(s.sim.state.vms.get(vmid)!.status).toBe('running');
  });

  it('a lock held longer than the task keeps answering "VM is locked"', async () => {
    const c = await client();
    s.sim.fault('POST /nodes/{node}/qemu', { lockMs: 5000, times: 1 });
    const vmid = nextId++;
    await waitForTask(c, await c.createVm('pve1', params(vmid)), { clock: s.clock });
    await expect(c.updateVmConfig('pve1', vmid, { serial0: 'socket' })).rejects.toMatchObject({
      kind: 'locked',
    });
    s.clock.advance(5000);
    await expect(c.updateVmConfig('pve1', vmid, { serial0: 'socket' })).resolves.toBeUndefined();
  });

  it('finds a VM after a lost answer, so nothing is created twice', async () => {
    const c = await client();
    const vmid = nextId++;
    s.sim.fault('POST /nodes/{node}/qemu', { resetAfter: true, times: 1 });
    await expect(c.createVm('pve1', params(vmid))).rejects.toMatchObject({ kind: 'network' });
    expect(await c.findVm(vmid)).toEqual({ node: 'pve1', lock: 'create' });
    expect(await c.findVm(9999)).toBeUndefined();
  });

  it('failed polls (595, 596, reset, bare 500) and log reads are asked again; only the task decides', async () => {
    const c = await client();
    const vmid = nextId++;
    const upid = await c.createVm('pve1', params(vmid));
    s.sim.fault('GET /nodes/{node}/tasks/{upid}/status', { status: 595, skip: 1, times: 4 });
    s.sim.fault('GET /nodes/{node}/tasks/{upid}/log', { status: 500, message: 'log gone' });
    const seen: string[] = [];
    const started = s.clock.now();
    const result = await waitForTask(c, upid, { clock: s.clock, onLog: (l) => seen.push(...l) });
    expect(result).toMatchObject({ ok: true, exitStatus: 'OK' });
    expect(seen).toEqual([]);
    // Backoff 1 + 2 + 4 + 8 s between the failures, not a tight loop.
    expect(s.clock.now() - started).toBeGreaterThanOrEqual(15_000);
  });

  it('a server that stays unreachable: the end is unknown (TaskUnknownError), never a task failure', async () => {
    const c = await client();
    const upid = await c.createVm('pve1', params(nextId++));
    s.sim.fault('GET /nodes/{node}/tasks/{upid}/status', { reset: true });
    const waiting = waitForTask(c, upid, { clock: s.clock, unreachableMs: 60_000 });
    await expect(waiting).rejects.toBeInstanceOf(TaskUnknownError);
    await expect(waiting).rejects.toMatchObject({ message: expect.stringContaining('60 s') });
  });

  it('starts a VM with a qmstart task; an HA-managed one with a hastart task that asks HA', async () => {
    const c = await client();
    const plain = nextId++;
    await waitForTask(c, await c.createVm('pve1', params(plain)), { clock: s.clock });
    const upid = await c.startVm('pve1', plain);
    expect(upid).toContain(`:qmstart:${plain}:`);
    expect(await waitForTask(c, upid, { clock: s.clock })).toMatchObject({ ok: true });
    expect(s.sim.state.vms.get(plain)!.status).toBe('running');
    const ha = nextId++;
    await waitForTask(c, await c.createVm('pve1', params(ha)), { clock: s.clock });
    await c.addHaResource({ sid: `vm:${ha}`, state: 'stopped' });
    const haUpid = await c.startVm('pve1', ha);
    expect(haUpid).toContain(`:hastart:${ha}:`);
    expect(await waitForTask(c, haUpid, { clock: s.clock })).toMatchObject({ ok: true });
    expect(s.sim.state.ha).toContainEqual({ sid: `vm:${ha}`, state: 'started' });
    expect(await c.guestTasks('pve1', ha, 'hastart')).toEqual([
      { upid: haUpid, type: 'hastart', id: String(ha), status: 'stopped', exitStatus: 'OK' },
    ]);
  });

  it('the task list shows a running create task without a status, then its exit status', async () => {
    const c = await client();
    const vmid = nextId++;
    const upid = await c.createVm('pve1', params(vmid));
    expect(await c.guestTasks('pve1', vmid, 'qmcreate')).toEqual([
      { upid, type: 'qmcreate', id: String(vmid), status: 'running', exitStatus: undefined },
    ]);
    await waitForTask(c, upid, { clock: s.clock });
    expect(await c.guestTasks('pve1', vmid, 'qmcreate')).toMatchObject([
      { upid, status: 'stopped', exitStatus: 'OK' },
    ]);
    expect(await c.guestTasks('pve1', vmid, 'qmstart')).toEqual([]);
  });

  it('HA: adds a resource once the VM exists; refuses duplicates and unknown VMs', async () => {
    const c = await client();
    const vmid = nextId++;
    await waitForTask(c, await c.createVm('pve1', params(vmid)), { clock: s.clock });
    await c.addHaResource({ sid: `vm:${vmid}`, state: 'stopped' });
    expect(s.sim.state.ha).toContainEqual({ sid: `vm:${vmid}`, state: 'stopped' });
    await expect(c.addHaResource({ sid: `vm:${vmid}`, state: 'stopped' })).rejects.toMatchObject({
      kind: 'conflict',
    });
    await expect(c.addHaResource({ sid: 'vm:99999', state: 'started' })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});

describe("the simulator's create task writes its log while it runs", () => {
  it('half-way the disks are allocated and logged; the configuration is written at the end', async () => {
    const c = await client();
    const vmid = nextId++;
    const upid = await c.createVm('pve1', params(vmid));
    expect(await c.taskLog(upid)).toEqual(['no content']);
    s.clock.advance(1000);
    const midway = await c.taskLog(upid);
    expect(midway).toEqual([
      expect.stringMatching(/^efidisk0: successfully created disk 'ceph-pool:vm-\d+-disk-0/),
      expect.stringMatching(/^scsi0: successfully created disk 'ceph-pool:vm-\d+-disk-1/),
    ]);
    expect((await c.taskStatus(upid)).status).toBe('running');
    expect(s.sim.state.vms.get(vmid)!.config).toEqual({ lock: 'create' });
    s.clock.advance(1000);
    expect(await c.taskStatus(upid)).toMatchObject({ status: 'stopped', exitStatus: 'OK' });
    expect(await c.taskLog(upid, midway.length)).toEqual(['TASK OK']);
    expect(s.sim.state.vms.get(vmid)!.config).toMatchObject({ cores: 2, name: `vm${vmid}` });
  });

  it('a task that fails half-way fails at its end, with the same message', async () => {
    const c = await client();
    const vmid = nextId++;
    s.sim.fault('POST /nodes/{node}/qemu', { taskError: 'storage ceph-pool is full', times: 1 });
    const upid = await c.createVm('pve1', params(vmid));
    s.clock.advance(1000);
    expect((await c.taskStatus(upid)).status).toBe('running');
    s.clock.advance(1000);
    expect(await c.taskStatus(upid)).toMatchObject({
      status: 'stopped',
      exitStatus: `unable to create VM ${vmid} - storage ceph-pool is full`,
    });
    expect(s.sim.state.vms.has(vmid)).toBe(false);
  });
});
