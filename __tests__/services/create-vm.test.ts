import { createParams } from '../../lib/model/payload';
import { configureSerial, createVm, type Progress } from '../../services/create-vm';
import { ROOT_USER } from '../../services/simulator/datasets';
import { validConfig } from '../support/configs';
import { simulator, type SimSetup } from '../support/simulator';

let s: SimSetup;
beforeAll(async () => {
  s = await simulator({ taskDurationMs: 2000 });
});
afterAll(() => s.sim.close());
beforeEach(() => {
  s.sim.clearFaults();
  s.sim.requests.length = 0;
});

let nextId = 600;
async function setup(ha: 'param' | 'resource' | 'none' = 'resource', start = false) {
  const api = s.client();
  await api.login({
    username: ROOT_USER.username,
    realm: ROOT_USER.realm,
    password: ROOT_USER.password,
  });
  const config = validConfig();
  const vmid = nextId++;
  config.general.vmid = String(vmid);
  config.confirm.startAfterCreate = start;
  const params = createParams(config, { haManagedParam: ha === 'param', allowKsmParam: false });
  s.sim.requests.length = 0;
  return { api, vmid, request: { node: 'pve1', vmid, params, ha, clock: s.clock } };
}

describe('creating a VM', () => {
  it('create → wait for the task → serial console → HA, in that order, nothing else while the task runs', async () => {
    const { api, vmid, request } = await setup();
    const seen: Progress[] = [];
    const result = await createVm(api, { ...request, onProgress: (p) => seen.push(p) });
    expect(result).toMatchObject({
      kind: 'created',
      vmid,
      serial: { ok: true },
      ha: { ok: true },
      started: false,
    });
    const calls = s.sim.requests.map((r) => r.endpoint ?? r.path);
    expect(calls[0]).toBe('POST /nodes/{node}/qemu');
    const firstAfterTask = calls.findIndex(
      (c) => !c.includes('/tasks/') && c !== 'POST /nodes/{node}/qemu',
    );
    expect(
      calls.slice(1, firstAfterTask).every((c) => c.startsWith('GET /nodes/{node}/tasks/')),
    ).toBe(true);
    expect(calls.slice(firstAfterTask)).toEqual([
      'PUT /nodes/{node}/qemu/{vmid}/config',
      'POST /cluster/ha/resources',
    ]);
    expect(s.sim.state.vms.get(vmid)!.config).toMatchObject({ serial0: 'socket', vga: 'serial0' });
    expect(s.sim.state.ha).toContainEqual({ sid: `vm:${vmid}`, state: 'stopped' });
    expect(seen.at(-1)!.stages).toMatchObject({
      create: { state: 'done' },
      task: { state: 'done' },
      serial: { state: 'done' },
      ha: { state: 'done' },
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

  it('a failing task: failed with the exit status and the log tail; no VM', async () => {
    const { api, vmid, request } = await setup();
    s.sim.fault('POST /nodes/{node}/qemu', { taskError: 'storage ceph-pool is full', times: 1 });
    const result = await createVm(api, request);
    expect(result).toMatchObject({
      kind: 'failed',
      message: `unable to create VM ${vmid} - storage ceph-pool is full`,
    });
    if (result.kind === 'failed') expect(result.log.at(-1)).toMatch(/^TASK ERROR/);
    expect(s.sim.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('serial console failing is reported separately; the VM stays; it can be retried', async () => {
    const { api, vmid, request } = await setup('none');
    s.sim.fault('PUT /nodes/{node}/qemu/{vmid}/config', {
      status: 500,
      message: 'unable to write config',
      times: 1,
    });
    const result = await createVm(api, request);
    expect(result).toMatchObject({
      kind: 'created',
      serial: { ok: false, message: 'unable to write config' },
      ha: 'skipped',
    });
    expect(s.sim.state.vms.has(vmid)).toBe(true);
    expect(await configureSerial(api, 'pve1', vmid, s.clock)).toEqual({ ok: true });
  });

  it('retries briefly while the VM is locked', async () => {
    const { api, request } = await setup('none');
    s.sim.fault('POST /nodes/{node}/qemu', { lockMs: 3000, times: 1 });
    const result = await createVm(api, request);
    expect(result).toMatchObject({ kind: 'created', serial: { ok: true } });
    const puts = s.sim.requests.filter((r) => r.method === 'PUT');
    expect(puts.length).toBeGreaterThan(1);
    expect(puts.at(-1)?.status).toBe(200);
  });

  it('HA failing is reported separately', async () => {
    const { api, request } = await setup('resource');
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

  it('a lost answer to the create call: the VM is found, not created again', async () => {
    const { api, vmid, request } = await setup('none');
    s.sim.fault('POST /nodes/{node}/qemu', { resetAfter: true, times: 1 });
    const result = await createVm(api, request);
    expect(result).toMatchObject({ kind: 'created', vmid });
    expect(
      s.sim.requests.filter((r) => r.method === 'POST' && r.endpoint === 'POST /nodes/{node}/qemu'),
    ).toHaveLength(1);
  });

  it('a refused connection before the call arrived: failed, and nothing exists', async () => {
    const { api, vmid, request } = await setup('none');
    s.sim.fault('POST /nodes/{node}/qemu', { reset: true, times: 1 });
    const result = await createVm(api, request);
    expect(result).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining(`no VM ${vmid} was created`),
    });
  });

  it('on 9.1 HA goes with the create call (ha-managed=1)', async () => {
    const nine = await simulator({ version: '9.1', taskDurationMs: 0 });
    try {
      const api = nine.client();
      await api.login({ username: 'root', realm: 'pam', password: 'proxmox' });
      const config = validConfig();
      config.general.vmid = '700';
      const params = createParams(config, { haManagedParam: true, allowKsmParam: true });
      expect(params['ha-managed']).toBe(1);
      const result = await createVm(api, {
        node: 'pve1',
        vmid: 700,
        params,
        ha: 'param',
        clock: nine.clock,
      });
      expect(result).toMatchObject({ kind: 'created', ha: { ok: true } });
      expect(nine.sim.state.ha).toContainEqual({ sid: 'vm:700', state: 'stopped' });
      expect(nine.sim.requests.some((r) => r.endpoint === 'POST /cluster/ha/resources')).toBe(
        false,
      );
    } finally {
      await nine.sim.close();
    }
  });
});
