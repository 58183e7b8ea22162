/**
 * How a task is followed (Part 16: 20 sequential requests made 580 ms of a create's overhead at
 * 50 ms latency): each poll asks the status and the new log lines at once, the log is read only
 * from where the last read left off, and the end of the task fetches no full log. Polls start
 * on a fixed rhythm, so a slow answer does not stretch the wait. The web UI's TaskViewer.js
 * (proxmox-widget-toolkit) polls the status every 1000 ms; a create usually ends within
 * seconds, so the first minute is polled faster (see services/tasks.ts).
 */
import type { ProxmoxApi, TaskStatus } from '../../services/proxmox-api';
import { createVm } from '../../services/create-vm';
import { waitForTask, type Clock } from '../../services/tasks';
import { MemoryApi } from '../support/memory-api';

const UPID = 'UPID:pve1:00001000:004A1000:67000000:qmcreate:100:root@pam:';

/** A task that runs for `polls` status calls, logging one line per poll, then ends `exit`. */
function scriptedTask(polls: number, exit = 'OK', options: { lateLastLine?: boolean } = {}) {
  const calls: { op: 'status' | 'log'; start?: number; at: number }[] = [];
  let statusCalls = 0;
  let inFlight = 0;
  let most = 0;
  const clock = {
    ms: 0,
    sleeps: [] as number[],
    now() {
      return this.ms;
    },
    async sleep(ms: number) {
      this.sleeps.push(ms);
      this.ms += ms;
    },
  };
  /** The log as the task wrote it so far; `lateLastLine`: the end line misses the stopping poll's read. */
  const lines = () => {
    const done = statusCalls > polls;
    const written = Array.from({ length: Math.min(statusCalls, polls) }, (_, i) => `line ${i + 1}`);
    const end = exit === 'OK' ? 'TASK OK' : `TASK ERROR: ${exit}`;
    const reads = calls.filter((c) => c.op === 'log').length;
    const late = options.lateLastLine && reads <= polls + 1;
    return done && !late ? [...written, end] : written;
  };
  // Each call takes 50 ms of the clock (latency), and overlaps with its partner.
  const answer = async <T>(value: () => T): Promise<T> => {
    inFlight++;
    most = Math.max(most, inFlight);
    await Promise.resolve();
    await Promise.resolve();
    const result = value();
    inFlight--;
    if (inFlight === 0) clock.ms += 50;
    return result;
  };
  const api = {
    taskStatus: (upid: string) => {
      calls.push({ op: 'status', at: clock.ms });
      statusCalls++;
      const stopped = statusCalls > polls;
      return answer((): TaskStatus => ({
        upid,
        node: 'pve1',
        status: stopped ? 'stopped' : 'running',
        exitStatus: stopped ? exit : undefined,
      }));
    },
    taskLog: (_upid: string, start = 0) => {
      calls.push({ op: 'log', start, at: clock.ms });
      return answer(() => {
        const all = lines();
        return all.length > start ? all.slice(start) : ['no content'];
      });
    },
  } as unknown as ProxmoxApi;
  return { api, calls, clock: clock as Clock & { sleeps: number[] }, most: () => most };
}

it('a poll sends status and log at once', async () => {
  const task = scriptedTask(3);
  await waitForTask(task.api, UPID, { clock: task.clock, onLog: () => {} });
  expect(task.most()).toBe(2);
  // Status and log pair up, each pair sent at the same moment.
  const statuses = task.calls.filter((c) => c.op === 'status');
  const logs = task.calls.filter((c) => c.op === 'log');
  expect(logs).toHaveLength(statuses.length);
  statuses.forEach((s, i) => expect(logs[i]!.at).toBe(s.at));
});

it('the log is read only from where the last read left off, and the end fetches no full log', async () => {
  const task = scriptedTask(3);
  const seen: string[] = [];
  const result = await waitForTask(task.api, UPID, {
    clock: task.clock,
    onLog: (l) => seen.push(...l),
  });
  const starts = task.calls.filter((c) => c.op === 'log').map((c) => c.start);
  expect(starts).toEqual([0, 1, 2, 3]);
  expect(seen).toEqual(['line 1', 'line 2', 'line 3', 'TASK OK']);
  expect(result).toMatchObject({ ok: true, log: ['line 1', 'line 2', 'line 3', 'TASK OK'] });
});

it('without a listener the log is still followed, so a failure has its tail without a full read', async () => {
  const task = scriptedTask(2, 'storage full');
  const result = await waitForTask(task.api, UPID, { clock: task.clock });
  expect(result).toMatchObject({ ok: false, exitStatus: 'storage full' });
  expect(result.log).toEqual(['line 1', 'line 2', 'TASK ERROR: storage full']);
  expect(task.calls.filter((c) => c.op === 'log').map((c) => c.start)).toEqual([0, 1, 2]);
});

it("a log read that missed the task's last line reads on from there (not from the start)", async () => {
  const task = scriptedTask(2, 'OK', { lateLastLine: true });
  const result = await waitForTask(task.api, UPID, { clock: task.clock });
  expect(result.log).toEqual(['line 1', 'line 2', 'TASK OK']);
  expect(task.calls.filter((c) => c.op === 'log').map((c) => c.start)).toEqual([0, 1, 2, 2]);
});

it('polls start on a fixed rhythm: the time an answer took is not waited again', async () => {
  const task = scriptedTask(5);
  await waitForTask(task.api, UPID, { clock: task.clock });
  // 100, 200, then 250 ms between the starts of polls; each answer took 50 ms of it.
  expect(task.clock.sleeps).toEqual([50, 150, 200, 200, 200]);
});

describe('after the create task', () => {
  const flush = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  const clock = { now: () => 0, sleep: async () => {} };

  it('the serial console and the HA resource are asked for at once; the start waits for both', async () => {
    const api = new MemoryApi();
    const release = api.hold('updateVmConfig');
    const creating = createVm(api, {
      node: 'pve1',
      vmid: 150,
      params: { vmid: 150 },
      ha: 'resource',
      start: true,
      clock,
    });
    for (let i = 0; i < 10 && !api.calls.some((c) => c.op === 'updateVmConfig'); i++) await flush();
    await flush();
    const ops = () => api.calls.map((c) => c.op);
    expect(ops()).toContain('updateVmConfig');
    expect(ops()).toContain('addHaResource');
    expect(ops()).not.toContain('startVm');
    release();
    await expect(creating).resolves.toMatchObject({
      kind: 'created',
      serial: { ok: true },
      ha: { ok: true },
      start: { ok: true },
    });
    expect(ops().indexOf('startVm')).toBeGreaterThan(ops().indexOf('addHaResource'));
  });
});
