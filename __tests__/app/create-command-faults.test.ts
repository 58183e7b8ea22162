/**
 * `pvevm create --spec` against the simulator with the faults of Part 12's table: what it
 * prints per stage, its exit code, and that the VM is created at most once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../lib/exit-codes';
import { ProxmoxClient } from '../../services/client/client';
import type { Fault } from '../../services/simulator/server';
import type { PveVersion } from '../../services/simulator/state';
import { createInProcess } from '../support/create-command';
import { simulator, type SimSetup } from '../support/simulator';

const CREATE = 'POST /nodes/{node}/qemu';
const START = 'POST /nodes/{node}/qemu/{vmid}/status/start';
const PUT_CONFIG = 'PUT /nodes/{node}/qemu/{vmid}/config';

describe.each<PveVersion>(['8.3', '9.1'])('pvevm create with faults on PVE %s', (version) => {
  let s: SimSetup;
  let dir: string;
  beforeAll(async () => {
    s = await simulator({ version, taskDurationMs: 2000 });
    dir = mkdtempSync(join(tmpdir(), 'pvevm-create-faults-'));
  });
  afterAll(() => s.sim.close());
  beforeEach(() => {
    s.sim.clearFaults();
    s.sim.options.taskDurationMs = 2000;
    s.sim.requests.length = 0;
  });

  const calls = (endpoint: string) => s.sim.requests.filter((r) => r.endpoint === endpoint);

  async function run(
    faults: [string, Fault][],
    spec: Record<string, unknown> = {},
    timeoutMs?: number,
  ) {
    for (const [endpoint, fault] of faults) s.sim.fault(endpoint, fault);
    const path = join(dir, `spec-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify({ version: 1, ...spec }));
    const { code, stdout, stderr } = await createInProcess(s.sim, dir, path, {
      makeApi: (o) =>
        new ProxmoxClient({ ...o, clock: s.clock.now, ...(timeoutMs ? { timeoutMs } : {}) }),
      clock: s.clock,
    });
    const vmid = Number(/Creating VM (\d+)/.exec(stdout)?.[1]);
    return { code, stdout, stderr, vmid };
  }

  it('row 1: a 595 task-status poll and a 500 log read: created, configured, exit 0', async () => {
    const r = await run([
      ['GET /nodes/{node}/tasks/{upid}/status', { status: 595, skip: 2, times: 1 }],
      ['GET /nodes/{node}/tasks/{upid}/log', { status: 500, times: 1 }],
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.created);
    expect(r.stdout).toContain('[ ok ] Wait for the create task: OK\n');
    expect(r.stdout).toContain('[ ok ] Serial console (serial0=socket, vga=serial0)\n');
    expect(calls(CREATE)).toHaveLength(1);
    expect(s.sim.state.vms.get(r.vmid)!.config).toMatchObject({ serial0: 'socket' });
  });

  it('row 2: answer lost and the task then fails: says the task failed, exit 1, no VM', async () => {
    const r = await run(
      [[CREATE, { hangAfter: true, taskError: 'storage ceph-pool is full', times: 1 }]],
      {},
      300,
    );
    expect(r.code).toBe(EXIT.failed);
    expect(r.stderr).toBe(
      `pvevm: VM creation failed: unable to create VM ${r.vmid} - storage ceph-pool is full\n`,
    );
    expect(r.stdout).not.toMatch(/exists|was created/);
    expect(s.sim.state.vms.has(r.vmid)).toBe(false);
    expect(calls(CREATE)).toHaveLength(1);
    expect(calls(PUT_CONFIG)).toHaveLength(0);
  });

  it('row 3: answer lost and a 16 s task: one config call, after the task; exit 0', async () => {
    s.sim.options.taskDurationMs = 16_000;
    const r = await run([[CREATE, { resetAfter: true, times: 1 }]], { general: { ha: true } });
    expect(r.code).toBe(EXIT.created);
    expect(r.stdout).toContain(
      '[ ok ] Create the VM: the answer was lost, but the create call arrived\n',
    );
    expect(calls(PUT_CONFIG)).toHaveLength(1);
    expect(calls(PUT_CONFIG)[0]!.status).toBe(200);
    expect(calls(CREATE)).toHaveLength(1);
  });

  it('row 4: 595 on the create call: unknown, how to check, exit 3', async () => {
    const r = await run([[CREATE, { status: 595, message: 'No route to host', times: 1 }]]);
    expect(r.code).toBe(EXIT.unknown);
    expect(r.stderr).toContain(`It is unknown whether VM ${r.vmid} was created`);
    expect(r.stderr).toContain(`qm status ${r.vmid}`);
    expect(r.stderr).not.toMatch(/no VM/);
    expect(calls('GET /cluster/resources').length).toBeGreaterThan(3);
    expect(calls(CREATE)).toHaveLength(1);
  });

  it('row 4: 596 after the VM was made: found and finished, exit 0, one create call', async () => {
    const r = await run([[CREATE, { statusAfter: 596, times: 1 }]]);
    expect(r.code).toBe(EXIT.created);
    expect(calls(CREATE)).toHaveLength(1);
    expect(s.sim.state.vms.get(r.vmid)!.config).toMatchObject({ serial0: 'socket' });
  });

  it('row 5: the create lands after the first lookup: found, exit 0', async () => {
    const r = await run([[CREATE, { landAfterMs: 6000, times: 1 }]]);
    expect(r.code).toBe(EXIT.created);
    expect(r.stdout).toMatch(new RegExp(`VM ${r.vmid} was created on pve1\\. Console`));
    expect(calls(CREATE)).toHaveLength(1);
  });

  it('row 6: Start after created: serial console first, then one start call; the output says so', async () => {
    const r = await run([], { general: { ha: true }, confirm: { startAfterCreate: true } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.created);
    expect(calls(CREATE)[0]!.params.start).toBeUndefined();
    const order = s.sim.requests.map((q) => q.endpoint);
    expect(order.indexOf(PUT_CONFIG)).toBeLessThan(order.indexOf(START));
    expect(calls(START)).toHaveLength(1);
    expect(r.stdout).toContain('[ ok ] Start: HA was asked to start it (hastart task OK)\n');
    expect(r.stdout).toContain(`VM ${r.vmid} was created on pve1 and HA asked to start it.`);
    expect(s.sim.state.vms.get(r.vmid)!.status).toBe('running');
  });

  it('row 6: the serial console failing: not started, exit 1, and why', async () => {
    const r = await run([[PUT_CONFIG, { status: 500, message: 'unable to write config' }]], {
      confirm: { startAfterCreate: true },
    });
    expect(r.code).toBe(EXIT.failed);
    expect(r.stdout).toContain(
      '[FAIL] Serial console (serial0=socket, vga=serial0): unable to write config\n',
    );
    expect(r.stdout).toMatch(
      /\[ -- \] Start: not started, so that the first boot has the serial console/,
    );
    expect(calls(START)).toHaveLength(0);
  });
});
