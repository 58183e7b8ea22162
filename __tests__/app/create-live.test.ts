/**
 * Creating, live: the create task's log lines show while the task still runs (the simulator's
 * clock holds it), the gauge follows the stages, a failed stage turns it to the error role, and
 * following the task costs no request beyond a status and a log read per poll.
 */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { snapshotScreen } from '../support/harness';
import { loginApp, logInAsRoot, nextToConfirm } from '../support/login-app';

const PORT = 48133;
let sim: Simulator;
let t: ReturnType<typeof loginApp>;
/** The simulator's clock: a create task runs until the test moves it on. */
let now = 0;
beforeEach(async () => {
  now = Date.UTC(2026, 10, 30, 12, 0, 0);
  sim = await startSimulator({
    authDelayMs: 0,
    taskDurationMs: 1000,
    latencyMs: 5,
    port: PORT,
    clock: () => now,
  });
});
afterEach(async () => {
  t?.h.destroy();
  await sim.close();
});

const step = () => t.app.controller.state.step;
const text = () => t.h.text();
const vmid = () => Number(t.app.controller.state.config.general.vmid);
const STATUS = 'GET /nodes/{node}/tasks/{upid}/status';
const LOG = 'GET /nodes/{node}/tasks/{upid}/log';

/** Wait, a turn of the event loop at a time, until `found` gives something. */
async function until<T>(found: () => T | undefined | false): Promise<T> {
  for (;;) {
    const value = found();
    if (value) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Requests to `endpoint` that arrived after `since` and were answered. */
const answered = (endpoint: string, since = 0) =>
  sim.requests.filter(
    (r) => r.endpoint === endpoint && r.receivedMs > since && r.answeredMs !== undefined,
  ).length;

async function toConfirm(cols = 80, rows = 24) {
  t = loginApp(sim, { generalCheckDelayMs: 0, cols, rows });
  await logInAsRoot(t);
  await nextToConfirm(t);
}

/** Create, and wait until the create task runs and has been polled once. */
async function createAndHold() {
  await t.h.pressWhileBusy('C-n');
  const task = await until(() =>
    [...sim.state.tasks.values()].find((k) => k.type === 'qmcreate' && k.id === String(vmid())),
  );
  await until(() => answered(LOG) > 0 && answered(STATUS) > 0);
  return task;
}

/** Add lines to the running task's log and wait for the app to read them and draw. */
async function taskWrites(task: { log: string[] }, ...lines: string[]) {
  const since = performance.now();
  task.log.push(...lines);
  await until(() => answered(LOG, since) > 0);
  await t.h.settle({ idle: false });
}

/** Move the simulator's clock, and wait for the app to read the log past it and draw. */
async function clockTo(ms: number) {
  const since = performance.now();
  now = ms;
  await until(() => answered(LOG, since) > 0);
  await t.h.settle({ idle: false });
}

/** Wait until the screen shows `words` (the app draws it by itself). */
async function untilShown(words: string) {
  while (!text().includes(words)) await t.h.settle({ idle: false });
}

/** The background colour of the first painted cell of screen row `y` (none: undefined). */
function barColour(y: number): number | undefined {
  const line = t.h.term.buffer.active.getLine(y)!;
  for (let x = 0; x < t.h.term.cols; x++) {
    const cell = line.getCell(x)!;
    if (!cell.isBgDefault() && cell.getChars() === ' ') return cell.getBgColor();
  }
  return undefined;
}

describe('creating, live', () => {
  it('shows the task log line by line while the task runs, and the gauge per stage', async () => {
    await toConfirm();
    const start = sim.requests.length;
    const task = await createAndHold();
    await t.h.settle({ idle: false });
    expect(text()).toContain('Stage 2 of 5: Wait for the create task');
    expect(text()).toMatch(/ 1\/5 │/);
    expect(text()).toContain("The create task's lines show here as it writes them.");

    // Half-way through, the simulator's task allocates the disks and logs them.
    await clockTo(now + 500);
    // Still running: the lines came from a read while the task ran, not from its end.
    expect(task.finished).toBe(false);
    expect(step()).toBe('submitting');
    expect(text()).toContain('efidisk0: successfully created disk');
    expect(text()).not.toContain("The create task's lines show here");
    let rows = t.h.lines();
    const disk0 = rows.findIndex((r) => r.includes('efidisk0: successfully created disk'));
    expect(rows[disk0 + 2]).toContain('scsi0: successfully created disk');
    expect(text()).not.toContain('TASK OK');

    // A line the task writes later is added below them; none is shown twice.
    await taskWrites(task, 'Formatting the disk, please wait');
    expect(task.finished).toBe(false);
    rows = t.h.lines();
    expect(rows[disk0 + 4]).toContain('Formatting the disk, please wait');
    expect(rows.filter((r) => r.includes('efidisk0:'))).toHaveLength(1);
    await snapshotScreen(t.h, 'submitting-live-80x24', { idle: false, light: true });

    // The serial console's call is held a moment: the gauge has moved on by two stages.
    sim.fault('PUT /nodes/{node}/qemu/{vmid}/config', { latencyMs: 1500, times: 1 });
    now += 10_000;
    await until(() => sim.requests.some((r) => r.method === 'PUT'));
    await t.h.settle({ idle: false });
    expect(text()).toContain('Stage 3 of 5: Serial console');
    expect(text()).toMatch(/ 2\/5 │/);
    expect(text()).toContain('[ ok ] Wait for the create task');

    await t.h.settle();
    expect(step()).toBe('done');
    // Following the task: one status and one log read per poll, the log read from where it
    // left off (plus at most the read after the end); no other call was added.
    const made = sim.requests.slice(start);
    const statusReads = made.filter((r) => r.endpoint === STATUS).length;
    const logReads = made.filter((r) => r.endpoint === LOG);
    expect(logReads.length - statusReads).toBeGreaterThanOrEqual(0);
    expect(logReads.length - statusReads).toBeLessThanOrEqual(1);
    // Each poll's two reads are in flight at once (each arrives before the other is
    // answered), not one after the other.
    const together = made
      .filter((r) => r.endpoint === STATUS)
      .filter((s) =>
        logReads.some((l) => l.receivedMs <= s.answeredMs! && s.receivedMs <= l.answeredMs!),
      );
    expect(together).toHaveLength(statusReads);
    const starts = logReads.map((r) => Number(r.params.start ?? 0));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(made.map((r) => r.endpoint))).toEqual(
      new Set([
        'GET /nodes/{node}/tasks',
        'POST /nodes/{node}/qemu',
        STATUS,
        LOG,
        'PUT /nodes/{node}/qemu/{vmid}/config',
        'POST /cluster/ha/resources',
      ]),
    );
  });

  it('a failed stage turns the gauge to the error role and says what failed', async () => {
    await toConfirm();
    const task = await createAndHold();
    await t.h.settle({ idle: false });
    const gaugeRow = t.h.lines().findIndex((r) => r.includes('Stage 2 of 5')) + 1;
    sim.fault('PUT /nodes/{node}/qemu/{vmid}/config', {
      status: 500,
      message: 'unable to write config',
      times: 1,
    });
    sim.fault('POST /cluster/ha/resources', { latencyMs: 1500, times: 1 });
    now += 10_000;
    // HA's call is held while the serial console's failure is reported.
    await until(() => sim.requests.some((r) => r.endpoint === 'POST /cluster/ha/resources'));
    await untilShown('[FAIL]');
    expect(task.finished).toBe(true);
    expect(text()).toContain('Failed: Serial console');
    expect(text()).toContain('[FAIL] Serial console');
    // The bar in meterError (#d70000, 160) rather than meter (#0087af, 31).
    expect(barColour(gaugeRow)).toBe(160);
    await snapshotScreen(t.h, 'submitting-failed-stage-80x24', { idle: false });
    await t.h.settle();
    // The result says the same as before: created, the serial console not configured.
    expect(step()).toBe('done');
    expect(t.h.lines().join(' ')).toContain('serial console could not be configured');
  });
});

describe('Done: a picture of what was created, next to the text', () => {
  async function createToDone(cols: number, rows: number) {
    await toConfirm(cols, rows);
    await createAndHold();
    now += 10_000;
    await t.h.settle();
    expect(step()).toBe('done');
  }

  /** Screen rows holding `words`. */
  const rowsWith = (words: string) =>
    t.h
      .lines()
      .map((line, y) => ({ line, y }))
      .filter((r) => r.line.includes(words));

  it('at 80x24 the picture stands above the text; every figure is text; the console shows', async () => {
    await createToDone(80, 24);
    const [title] = rowsWith('What it takes');
    const [result] = rowsWith(`VM ${vmid()} on pve1`);
    expect(title!.y).toBeLessThan(result!.y);
    const [disk] = rowsWith('32 of 12288 GiB');
    const [memory] = rowsWith('2 of 256 GiB');
    const [cores] = rowsWith('2 of 32 CPUs');
    expect(disk!.line).toContain('ceph-pool');
    expect(memory!.line).toContain('Memory');
    expect(cores!.line).toContain('Cores');
    // Each row's share is painted (at least a cell), over a track.
    for (const row of [disk!, memory!, cores!]) {
      expect(barColour(row.y)).toBe(31);
      expect(row.line).toContain('─');
    }
    expect(text()).toContain(`qm terminal ${vmid()}`);
    expect(text()).toContain(`https://127.0.0.1:${PORT}/?console=kvm&xtermjs=1&vmid=${vmid()}`);
    await snapshotScreen(t.h, 'done-picture-80x24', { light: true });
  });

  it('at 120x40 the picture stands beside the text, which keeps its width for the commands', async () => {
    await createToDone(120, 40);
    const [title] = rowsWith('What it takes');
    expect(title!.line).toContain(`VM ${vmid()} on pve1`);
    expect(title!.line.indexOf('What it takes')).toBeGreaterThan(
      title!.line.indexOf(`VM ${vmid()} on pve1`),
    );
    expect(rowsWith('2 of 256 GiB')).toHaveLength(1);
    expect(text()).toContain(`qm terminal ${vmid()}`);
    const [url] = rowsWith(`/?console=kvm&xtermjs=1&vmid=${vmid()}&node=pve1`);
    expect(url!.line).toContain(`https://127.0.0.1:${PORT}/`);
    // The whole result and its task log fit: no scrolling needed.
    expect(text()).not.toContain('PgUp/PgDn');
    await snapshotScreen(t.h, 'done-picture-120x40', { light: true });
  });
});
