import { creationPlan } from '../../lib/creation';
import { createParams } from '../../lib/model/payload';
import {
  configureSerial,
  createVm,
  type CreationRequest,
  type Progress,
} from '../../services/create-vm';
import { ROOT_USER } from '../../services/simulator/datasets';
import type { PveVersion } from '../../services/simulator/state';
import { validConfig } from '../support/configs';
import { simulator, type SimSetup } from '../support/simulator';

const CREATE = 'POST /nodes/{node}/qemu';
const START = 'POST /nodes/{node}/qemu/{vmid}/status/start';
const PUT_CONFIG = 'PUT /nodes/{node}/qemu/{vmid}/config';
const TASK_STATUS = 'GET /nodes/{node}/tasks/{upid}/status';
const TASK_LOG = 'GET /nodes/{node}/tasks/{upid}/log';

describe.each<PveVersion>(['8.3', '9.1'])('creating a VM on PVE %s', (version) => {
  let s: SimSetup;
  beforeAll(async () => {
    s = await simulator({ version, taskDurationMs: 2000 });
  });
  afterAll(() => s.sim.close());
  beforeEach(() => {
    s.sim.clearFaults();
    s.sim.options.taskDurationMs = 2000;
  });

  let nextId = 600;
  /** A logged-in client and a request for a fresh VM ID; the request log starts empty. */
  async function setup(
    options: { ha?: boolean; start?: boolean; timeoutMs?: number } = {},
  ): Promise<{ api: ReturnType<SimSetup['client']>; vmid: number; request: CreationRequest }> {
    const api = s.client(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
    await api.login({
      username: ROOT_USER.username,
      realm: ROOT_USER.realm,
      password: ROOT_USER.password,
    });
    const config = validConfig();
    const vmid = nextId++;
    config.general.vmid = String(vmid);
    config.general.ha = !!options.ha;
    const haParam = version === '9.1';
    const params = createParams(config, { haManagedParam: haParam, allowKsmParam: haParam });
    const ha = options.ha ? (haParam ? 'param' : 'resource') : 'none';
    s.sim.requests.length = 0;
    return {
      api,
      vmid,
      request: { node: 'pve1', vmid, params, ha, start: !!options.start, clock: s.clock },
    };
  }
  const calls = (endpoint: string) => s.sim.requests.filter((r) => r.endpoint === endpoint);
  const order = () => s.sim.requests.map((r) => r.endpoint ?? r.path);

  it('a serialN display gets its own serialN=socket after the create (lib/creation.ts plan)', async () => {
    const { api, vmid } = await setup();
    const config = validConfig();
    config.general.vmid = String(vmid);
    config.general.ha = false;
    config.system.vga = 'serial1';
    const plan = creationPlan(config, version === '9.1' ? '9.1.1' : '8.3.0');
    expect(plan.serial).toEqual({ serial1: 'socket', vga: 'serial1' });
    const { params, ha, serial } = plan;
    const result = await createVm(api, { node: 'pve1', vmid, params, ha, serial, clock: s.clock });
    expect(result.kind).toBe('created');
    const vm = s.sim.state.vms.get(vmid)!;
    expect(vm.config).toMatchObject({ serial1: 'socket', vga: 'serial1' });
    expect(vm.config).not.toHaveProperty('serial0');
  });

  it('create → wait for the task → serial console and HA (at once), nothing else while the task runs', async () => {
    const { api, vmid, request } = await setup({ ha: true });
    const seen: Progress[] = [];
    const result = await createVm(api, { ...request, onProgress: (p) => seen.push(p) });
    expect(result).toMatchObject({
      kind: 'created',
      vmid,
      serial: { ok: true },
      ha: { ok: true },
      start: 'skipped',
    });
    const list = order();
    const createdAt = list.indexOf(CREATE);
    const firstAfterTask = list.findIndex((c, i) => i > createdAt && !c.includes('/tasks/'));
    expect(
      list
        .slice(createdAt + 1, firstAfterTask)
        .every((c) => c.startsWith('GET /nodes/{node}/tasks/')),
    ).toBe(true);
    expect(list.slice(firstAfterTask).sort()).toEqual(
      version === '9.1' ? [PUT_CONFIG] : ['POST /cluster/ha/resources', PUT_CONFIG].sort(),
    );
    expect(s.sim.state.vms.get(vmid)!.config).toMatchObject({ serial0: 'socket', vga: 'serial0' });
    expect(s.sim.state.ha).toContainEqual({ sid: `vm:${vmid}`, state: 'stopped' });
    expect(seen.at(-1)!.stages).toMatchObject({
      create: { state: 'done' },
      task: { state: 'done' },
      serial: { state: 'done' },
      ha: { state: 'done' },
      start: { state: 'skipped', detail: 'not requested' },
    });
    expect(seen.some((p) => p.log.some((l) => l.includes('successfully created disk')))).toBe(true);
  });

  it('a 400 with per-parameter errors: failed, no VM, the errors kept for the fields', async () => {
    const { api, vmid, request } = await setup();
    const result = await createVm(api, { ...request, params: { ...request.params, cores: 'x' } });
    expect(result).toMatchObject({
      kind: 'failed',
      message: 'Parameter verification failed.',
      errors: { cores: "type check ('integer') failed - got 'x'" },
    });
    expect(s.sim.state.vms.has(vmid)).toBe(false);
  });

  it('a 500 with a Proxmox verdict is final: failed, no lookup', async () => {
    const { api, request } = await setup();
    const result = await createVm(api, {
      ...request,
      vmid: 100,
      params: { ...request.params, vmid: 100 },
    });
    expect(result).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('already exists'),
    });
    expect(calls('GET /cluster/resources')).toHaveLength(0);
  });

  it('a failing task: failed with the exit status and the log tail; no VM', async () => {
    const { api, vmid, request } = await setup();
    s.sim.fault(CREATE, { taskError: 'storage ceph-pool is full', times: 1 });
    const result = await createVm(api, request);
    expect(result).toMatchObject({
      kind: 'failed',
      message: `unable to create VM ${vmid} - storage ceph-pool is full`,
    });
    if (result.kind === 'failed') expect(result.log.at(-1)).toMatch(/^TASK ERROR/);
    expect(s.sim.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('serial console failing is reported separately; the VM stays; it can be retried', async () => {
    const { api, vmid, request } = await setup();
    s.sim.fault(PUT_CONFIG, { status: 500, message: 'unable to write config', times: 1 });
    const result = await createVm(api, request);
    expect(result).toMatchObject({
      kind: 'created',
      serial: { ok: false, message: 'unable to write config' },
      ha: 'skipped',
    });
    expect(s.sim.state.vms.has(vmid)).toBe(true);
    expect(await configureSerial(api, 'pve1', vmid, s.clock)).toEqual({ ok: true });
  });

  it('a lock that outlives the task: the config change is retried with backoff until it goes', async () => {
    const { api, vmid, request } = await setup({ start: true });
    s.sim.fault(CREATE, { lockMs: 20_000, times: 1 });
    const result = await createVm(api, request);
    expect(result).toMatchObject({ kind: 'created', serial: { ok: true }, start: { ok: true } });
    const puts = calls(PUT_CONFIG);
    expect(puts.length).toBeGreaterThan(1);
    // Backoff, not once a second: 20 s of lock take a handful of tries.
    expect(puts.length).toBeLessThan(8);
    expect(puts.at(-1)?.status).toBe(200);
    expect(s.sim.state.vms.get(vmid)!.status).toBe('running');
  });

  it('a lock that never goes: the retries stop at the bound and say so', async () => {
    const { api, request } = await setup();
    s.sim.fault(CREATE, { lockMs: 3_600_000, times: 1 });
    const result = await createVm(api, { ...request, lockedMs: 60_000 });
    expect(result).toMatchObject({
      kind: 'created',
      serial: { ok: false, message: 'VM is locked (create)' },
    });
  });

  it('HA failing is reported separately', async () => {
    if (version === '9.1') return;
    const { api, request } = await setup({ ha: true });
    s.sim.fault('POST /cluster/ha/resources', {
      status: 500,
      message: 'cluster not ready - no quorum?',
      times: 1,
    });
    const result = await createVm(api, request);
    expect(result).toMatchObject({
      kind: 'created',
      serial: { ok: true },
      ha: { ok: false, message: 'cluster not ready - no quorum?' },
    });
  });

  describe('row 1: waiting for the task survives transient failures', () => {
    it.each([
      [
        '595 on the 3rd status poll',
        TASK_STATUS,
        { status: 595, message: 'No route to host', skip: 2, times: 1 },
      ],
      [
        '596 on three polls in a row',
        TASK_STATUS,
        { status: 596, message: 'Connection timed out', skip: 1, times: 3 },
      ],
      ['a reset on a poll', TASK_STATUS, { reset: true, skip: 1, times: 2 }],
      ['a bare 500 on a poll', TASK_STATUS, { status: 500, skip: 1, times: 1 }],
      [
        '500 on a log read',
        TASK_LOG,
        { status: 500, message: 'simulated task-log failure', times: 1 },
      ],
      ['every log read failing', TASK_LOG, { status: 500, message: 'simulated task-log failure' }],
    ])('%s: the VM is created and configured, one create call', async (_what, endpoint, fault) => {
      const { api, vmid, request } = await setup();
      s.sim.fault(endpoint, fault);
      const result = await createVm(api, { ...request, onProgress: () => undefined });
      expect(result).toMatchObject({ kind: 'created', serial: { ok: true } });
      expect(calls(CREATE)).toHaveLength(1);
      expect(s.sim.state.vms.get(vmid)!.config).toMatchObject({ serial0: 'socket' });
    });

    it('the server unreachable for longer than the bound: unknown, never "failed"', async () => {
      const { api, vmid, request } = await setup();
      s.sim.fault(TASK_STATUS, { status: 595, message: 'No route to host' });
      const result = await createVm(api, request);
      expect(result).toMatchObject({
        kind: 'unknown',
        message: expect.stringContaining(`It is unknown whether VM ${vmid} was created`),
      });
      expect(calls(PUT_CONFIG)).toHaveLength(0);
      // Running it again looks first and finds the VM (the task ended meanwhile).
      s.sim.clearFaults();
      if (result.kind !== 'unknown') throw new Error('expected unknown');
      const again = await createVm(api, { ...request, resume: result.pending });
      expect(again).toMatchObject({ kind: 'created', serial: { ok: true } });
      expect(calls(CREATE)).toHaveLength(1);
    });
  });

  describe('rows 2-5: doubt after the create call is resolved before anything else', () => {
    it('row 2: answer lost (client timeout) and the task then fails: failed, as the task says; nothing else sent', async () => {
      const { api, vmid, request } = await setup({ timeoutMs: 300 });
      s.sim.fault(CREATE, { hangAfter: true, taskError: 'storage ceph-pool is full', times: 1 });
      const result = await createVm(api, request);
      expect(result).toMatchObject({
        kind: 'failed',
        message: `unable to create VM ${vmid} - storage ceph-pool is full`,
      });
      expect(s.sim.state.vms.has(vmid)).toBe(false);
      expect(calls(CREATE)).toHaveLength(1);
      expect(calls(PUT_CONFIG)).toHaveLength(0);
    });

    it('row 3: answer lost and the task runs 16 s: no config, HA or start call while it runs', async () => {
      const { api, vmid, request } = await setup({ ha: true, start: true });
      s.sim.options.taskDurationMs = 16_000;
      s.sim.fault(CREATE, { resetAfter: true, times: 1 });
      const result = await createVm(api, request);
      expect(result).toMatchObject({
        kind: 'created',
        serial: { ok: true },
        ha: { ok: true },
        start: { ok: true },
      });
      expect(calls(CREATE)).toHaveLength(1);
      expect(calls(PUT_CONFIG)).toHaveLength(1);
      expect(calls(PUT_CONFIG)[0]!.status).toBe(200);
      expect(s.sim.state.vms.get(vmid)!.status).toBe('running');
      expect(s.sim.state.ha).toContainEqual({ sid: `vm:${vmid}`, state: 'started' });
    });

    it.each([
      ['595 before the call reached the node', { status: 595, message: 'No route to host' }],
      ['a reset before the call arrived', { reset: true }],
      ['a bare 502', { status: 502 }],
    ])(
      'row 4: %s: looked for over a window; unknown, not "no VM exists"; one create call',
      async (_what, fault) => {
        const { api, vmid, request } = await setup();
        s.sim.fault(CREATE, { ...fault, times: 1 });
        const result = await createVm(api, request);
        expect(result).toMatchObject({
          kind: 'unknown',
          message: expect.stringContaining(`qm status ${vmid}`),
        });
        expect(result.kind === 'unknown' && result.message).not.toMatch(/no VM/);
        expect(calls('GET /cluster/resources').length).toBeGreaterThan(3);
        expect(calls(CREATE)).toHaveLength(1);
        // A retry looks first; nothing arrived, so it creates — once.
        if (result.kind !== 'unknown') throw new Error('expected unknown');
        const again = await createVm(api, { ...request, resume: result.pending });
        expect(again).toMatchObject({ kind: 'created' });
        expect(calls(CREATE)).toHaveLength(2);
      },
    );

    it('row 4: 596 after the VM was made: found, its task followed, created once', async () => {
      const { api, vmid, request } = await setup({ start: true });
      s.sim.fault(CREATE, { statusAfter: 596, message: 'Connection timed out', times: 1 });
      const result = await createVm(api, request);
      expect(result).toMatchObject({ kind: 'created', serial: { ok: true }, start: { ok: true } });
      expect(result.kind === 'created' && result.stages.create.detail).toMatch(/answer was lost/);
      expect(calls(CREATE)).toHaveLength(1);
      expect(s.sim.state.vms.get(vmid)!.config).toMatchObject({ serial0: 'socket' });
    });

    it('row 5: the create lands after the first lookups: it is still found, not reported missing', async () => {
      const { api, vmid, request } = await setup();
      s.sim.fault(CREATE, { landAfterMs: 6_000, times: 1 });
      const result = await createVm(api, request);
      expect(result).toMatchObject({ kind: 'created', vmid, serial: { ok: true } });
      const lookups = calls('GET /cluster/resources');
      expect(lookups.length).toBeGreaterThan(1);
      expect(lookups[0]!.receivedMs).toBeLessThan(calls(PUT_CONFIG)[0]!.receivedMs);
      expect(calls(CREATE)).toHaveLength(1);
    });

    it('answer lost and the task list unreadable: the VM is watched until its create lock goes', async () => {
      const { api, vmid, request } = await setup();
      s.sim.fault(CREATE, { resetAfter: true, times: 1 });
      s.sim.fault('GET /nodes/{node}/tasks', { status: 403, message: 'Permission check failed' });
      const result = await createVm(api, request);
      expect(result).toMatchObject({ kind: 'created', serial: { ok: true } });
      expect(result.kind === 'created' && result.stages.task.detail).toBe(
        `VM ${vmid} exists and is no longer locked`,
      );
      expect(calls(PUT_CONFIG)).toHaveLength(1);
      expect(calls(CREATE)).toHaveLength(1);
    });

    it('answer lost, task list unreadable, and the VM vanishes: failed (its task failed), said so', async () => {
      const { api, vmid, request } = await setup();
      s.sim.fault(CREATE, { resetAfter: true, taskError: 'storage ceph-pool is full', times: 1 });
      s.sim.fault('GET /nodes/{node}/tasks', { status: 403, message: 'Permission check failed' });
      const result = await createVm(api, request);
      expect(result).toMatchObject({
        kind: 'failed',
        message: expect.stringContaining(`VM ${vmid} is gone again: its create task failed`),
      });
      expect(calls(PUT_CONFIG)).toHaveLength(0);
    });

    it('a retry after an unknown outcome finds the late VM and does not post again', async () => {
      const { api, vmid, request } = await setup();
      s.sim.fault(CREATE, { landAfterMs: 600_000, times: 1 });
      const first = await createVm(api, { ...request, lookupMs: 30_000 });
      expect(first).toMatchObject({ kind: 'unknown' });
      s.clock.advance(600_000);
      if (first.kind !== 'unknown') throw new Error('expected unknown');
      const again = await createVm(api, { ...request, resume: first.pending });
      expect(again).toMatchObject({ kind: 'created', vmid, serial: { ok: true } });
      expect(calls(CREATE)).toHaveLength(1);
    });
  });

  describe('row 6: the first boot has the serial console', () => {
    it('Start after created: no start in the create call; serial0/vga set before the one start call', async () => {
      const { api, vmid, request } = await setup({ start: true });
      expect(request.params.start).toBeUndefined();
      const result = await createVm(api, request);
      expect(result).toMatchObject({ kind: 'created', start: { ok: true }, startViaHa: false });
      expect(calls(CREATE)[0]!.params.start).toBeUndefined();
      const list = order();
      expect(list.indexOf(PUT_CONFIG)).toBeGreaterThan(-1);
      expect(list.indexOf(PUT_CONFIG)).toBeLessThan(list.indexOf(START));
      expect(calls(START)).toHaveLength(1);
      const vm = s.sim.state.vms.get(vmid)!;
      expect(vm.status).toBe('running');
      expect(vm.config).toMatchObject({ serial0: 'socket', vga: 'serial0' });
      expect(result.kind === 'created' && result.stages.start).toEqual({
        state: 'done',
        detail: 'the start task ended OK',
      });
    });

    it('with HA: added stopped, then started through HA (hastart), after the serial console', async () => {
      const { api, vmid, request } = await setup({ ha: true, start: true });
      const result = await createVm(api, request);
      expect(result).toMatchObject({
        kind: 'created',
        ha: { ok: true },
        start: { ok: true },
        startViaHa: true,
      });
      const list = order();
      expect(list.indexOf(PUT_CONFIG)).toBeLessThan(list.indexOf(START));
      expect(s.sim.state.ha).toContainEqual({ sid: `vm:${vmid}`, state: 'started' });
      expect(s.sim.state.vms.get(vmid)!.status).toBe('running');
    });

    it('the serial console failing: not started, and it says why', async () => {
      const { api, vmid, request } = await setup({ start: true });
      s.sim.fault(PUT_CONFIG, { status: 500, message: 'unable to write config' });
      const result = await createVm(api, request);
      expect(result).toMatchObject({ kind: 'created', serial: { ok: false }, start: 'skipped' });
      expect(result.kind === 'created' && result.stages.start.detail).toMatch(
        /first boot has the serial console/,
      );
      expect(calls(START)).toHaveLength(0);
      expect(s.sim.state.vms.get(vmid)!.status).toBe('stopped');
    });

    it('the start call failing is reported as a start failure; the VM stays', async () => {
      const { api, request } = await setup({ start: true });
      s.sim.fault(START, {
        status: 403,
        message: 'Permission check failed (/vms/1, VM.PowerMgmt)',
      });
      const result = await createVm(api, request);
      expect(result).toMatchObject({
        kind: 'created',
        serial: { ok: true },
        start: { ok: false, message: expect.stringContaining('VM.PowerMgmt') },
      });
    });

    it("the start call's answer lost: its task is found and followed, never a second start", async () => {
      const { api, vmid, request } = await setup({ start: true });
      s.sim.fault(START, { statusAfter: 596, times: 1 });
      const result = await createVm(api, request);
      expect(result).toMatchObject({ kind: 'created', start: { ok: true } });
      expect(calls(START)).toHaveLength(1);
      expect(s.sim.state.vms.get(vmid)!.status).toBe('running');
    });
  });
});
