/**
 * The fault matrix, through the whole app on the headless harness against the simulator's fault
 * injection: every loading call meets every kind of failure; the wizard tells the user what
 * happened, keeps what was typed, recovers with Ctrl-R once the server is well again, and the
 * screen's frame stays intact.
 */
import type { Fault, Simulator } from '../../services/simulator/server';
import { startSimulator } from '../../services/simulator/server';
import type { Step } from '../../lib/wizard/steps';
import { displayWidth } from '../../widgets/text';
import { fieldRow } from '../support/fields';
import { loginApp, logInAsRoot } from '../support/login-app';
import { FakeClock } from '../support/simulator';
import { snapshotScreen } from '../support/harness';
import { defaultConfig } from '../../lib/model/config';

/** Short, so a call that never answers fails fast; a spike stays well below it. */
const TIMEOUT_MS = 400;
const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];

let sim: Simulator;
let t: ReturnType<typeof loginApp> | undefined;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => {
  t?.h.destroy();
  t = undefined;
  sim.clearFaults();
});

const app = () => t!;
const state = () => app().app.controller.state;
const lines = () => app().h.lines();
const statusLine = () => lines()[lines().length - 2] ?? '';

function expectFrameIntact(cols = 80): void {
  const rows = lines();
  expect(rows[0]).toMatch(/^ pvevm /);
  expect(rows[rows.length - 1]).toContain('F1 help');
  for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(cols);
}

async function start(clock?: FakeClock): Promise<void> {
  t = loginApp(sim, { generalCheckDelayMs: 0, timeoutMs: TIMEOUT_MS, clock });
  await logInAsRoot(t);
  expect(state().step).toBe('general');
}

/** Type a name on General, so the test can see it survive whatever happens later. */
async function typeName(): Promise<void> {
  const row = fieldRow(lines(), 'general.name');
  expect(row).toBeGreaterThan(0);
  await app().h.press('tab', 'tab');
  await app().h.type('keep-me');
  expect(state().config.general.name).toBe('keep-me');
}

async function walkTo(target: Step): Promise<void> {
  for (let i = 0; i < ORDER.length && state().step !== target; i++) await app().h.press('C-n');
  expect(state().step).toBe(target);
}

const LOADS: [endpoint: string, step: Step][] = [
  ['GET /nodes', 'general'],
  ['GET /cluster/nextid', 'general'],
  ['GET /pools', 'general'],
  ['GET /cluster/options', 'general'],
  ['GET /nodes/{node}/storage', 'os'],
  ['GET /nodes/{node}/storage/{storage}/content', 'os'],
  ['GET /nodes/{node}/capabilities/qemu/cpu', 'cpu'],
  ['GET /version', 'memory'],
  ['GET /nodes/{node}/network', 'network'],
];

/** What each fault is, and words the user must see (undefined: the step must just work). */
const FAULTS: [name: string, fault: Fault, shown: RegExp | undefined][] = [
  ['a latency spike below the timeout', { latencyMs: TIMEOUT_MS / 3 }, undefined],
  ['500', { status: 500, message: 'internal fault' }, /internal fault/],
  ['595 (node offline)', { status: 595, message: 'No route to host' }, /No route to host/],
  ['596', { status: 596, message: 'Connection timed out' }, /Connection timed out/],
  ['a call that never answers', { hang: true }, /did not answer within 0 s|did not answer/],
  ['a connection reset', { reset: true }, /reset|closed|hang up/i],
  ['malformed JSON', { rawBody: '{"data": [{"node"' }, /not JSON/],
  ['an unexpected shape', { rawBody: '{"data": 42}' }, /not a list|unexpected|answer/i],
];

describe.each(LOADS)('%s failing', (endpoint, step) => {
  it.each(FAULTS)('%s: told, values kept, Ctrl-R recovers', async (_name, fault, shown) => {
    sim.fault(endpoint, fault);
    await start();
    await typeName();
    await walkTo(step);
    expectFrameIntact();
    const view = state().views[step];
    if (shown === undefined) {
      expect(view?.status).toBe('ready');
    } else {
      expect(view?.status).toBe('error');
      expect(view?.message).toMatch(shown);
      expect(statusLine()).toMatch(/\(Reload or Ctrl-R tries again\) *$/);
    }
    expect(state().config.general.name).toBe('keep-me');

    sim.clearFaults();
    await app().h.press('C-r');
    expect(state().views[step]?.status).toBe('ready');
    expect(state().config.general.name).toBe('keep-me');
    await app().h.press('C-n');
    expect(state().step).toBe(ORDER[ORDER.indexOf(step) + 1]);
    expectFrameIntact();
  });
});

it('a real 2 s spike on the General step with the normal 30 s timeout: loading shown, then ready', async () => {
  sim.fault('GET /nodes', { latencyMs: 2000, times: 1 });
  t = loginApp(sim, { generalCheckDelayMs: 0 });
  await t.h.settle();
  await t.h.type('root');
  await t.h.press('tab');
  await t.h.type('proxmox');
  await t.h.pressWhileBusy('enter');
  await t.h.settle({ idle: false });
  expect(state().step).toBe('general');
  expect(state().views.general?.status).toBe('loading');
  expect(statusLine()).toContain('Loading nodes, next VM ID, pools and tags…');
  await t.h.settle();
  expect(state().views.general?.status).toBe('ready');
  expect(state().config.general.node).toBe('pve1');
});

/** At Confirm; creating waits (task polls, lookups, retries) on a fake clock. */
async function toConfirm(): Promise<number> {
  await start(new FakeClock());
  await typeName();
  await walkTo('confirm');
  expect(state().views.confirm?.status).toBe('ready');
  return Number(state().config.general.vmid);
}

const createCalls = () => sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');

describe('creating, when the create call fails', () => {
  it.each<[string, Fault, RegExp]>([
    ['500', { status: 500, message: 'internal fault' }, /failed: internal fault/],
    ['595', { status: 595, message: 'No route to host' }, /unknown: .*No route to host/],
    ['596', { status: 596, message: 'Connection timed out' }, /unknown: .*Connection timed out/],
    ['no answer', { hang: true }, /unknown: .*did not answer/],
    ['a reset before the call arrived', { reset: true }, /unknown: .*(reset|closed|hang up)/i],
    ['malformed JSON', { rawBody: '{"data": "UPID' }, /unknown: .*not JSON/],
  ])(
    '%s: back at Confirm with the reason (unknown unless Proxmox said), values kept; then it works',
    async (_n, fault, shown) => {
      const vmid = await toConfirm();
      sim.fault('POST /nodes/{node}/qemu', fault);
      await app().h.press('C-n');
      expect(state().step).toBe('confirm');
      expect(state().views.confirm).toMatchObject({ status: 'error' });
      expect(state().views.confirm?.message).toMatch(shown);
      expect(sim.state.vms.has(vmid)).toBe(false);
      expect(state().config.general.name).toBe('keep-me');
      expectFrameIntact();
      sim.clearFaults();
      await app().h.press('C-n');
      expect(state().step).toBe('done');
      expect(sim.state.vms.get(vmid)?.config.name).toBe('keep-me');
    },
  );

  it('a reset right after the call was carried out: the VM is found, not created twice', async () => {
    const vmid = await toConfirm();
    const before = createCalls().length;
    sim.fault('POST /nodes/{node}/qemu', { resetAfter: true, times: 1 });
    await app().h.press('C-n');
    expect(state().step).toBe('done');
    expect(createCalls().length - before).toBe(1);
    expect(sim.state.vms.get(vmid)?.config).toMatchObject({ name: 'keep-me', serial0: 'socket' });
    expectFrameIntact();
  });

  it('a VM ID taken by someone else after Confirm checked it: refused, nothing overwritten', async () => {
    const vmid = await toConfirm();
    sim.state.vms.set(vmid, { vmid, node: 'pve2', config: { name: 'theirs' }, status: 'running' });
    await app().h.press('C-n');
    expect(state().step).toBe('confirm');
    expect(lines().join(' ')).toContain(`VM ID ${vmid} was taken by another client`);
    expect(state().vmidInUse).toBe(String(vmid));
    expect(sim.state.vms.get(vmid)?.config.name).toBe('theirs');
    expect(state().config.general.name).toBe('keep-me');
  });

  it('the create task ending with WARNINGS: 2 is a success that says so', async () => {
    await toConfirm();
    sim.fault('POST /nodes/{node}/qemu', { taskWarnings: 2, times: 1 });
    await app().h.press('C-n');
    expect(state().step).toBe('done');
    expect(app().h.text()).toContain('The create task logged 2 warnings');
  });
});

describe('creating, when what follows the create call fails', () => {
  it.each<[string, Fault, string]>([
    ['500', { status: 500, message: 'unable to write config' }, 'unable to write config'],
    ['595 for a while', { status: 595, message: 'No route to host' }, 'No route to host'],
    ['596 for a while', { status: 596, message: 'Connection timed out' }, 'Connection timed out'],
  ])(
    'the serial console call %s: the VM is reported created, the console failure and a retry',
    async (_n, fault, shown) => {
      const vmid = await toConfirm();
      // Transient failures are retried for two minutes: these outlast that.
      sim.fault('PUT /nodes/{node}/qemu/{vmid}/config', {
        ...fault,
        times: fault.status === 500 ? 1 : 20,
      });
      await app().h.press('C-n');
      expect(state().step).toBe('done');
      expect(sim.state.vms.has(vmid)).toBe(true);
      const flat = lines()
        .join(' ')
        .replace(/[│┌┐└┘─\s]+/g, ' ');
      expect(flat).toContain(`serial console could not be configured: ${shown}`);
      expectFrameIntact();
      await app().h.press('enter');
      expect(app().h.text()).toContain('Serial console: configured');
    },
  );

  it.each<[string, string, Fault]>([
    ['serial console', 'PUT /nodes/{node}/qemu/{vmid}/config', { status: 595 }],
    ['serial console', 'PUT /nodes/{node}/qemu/{vmid}/config', { status: 596 }],
    ['HA', 'POST /cluster/ha/resources', { status: 595 }],
    ['HA', 'POST /cluster/ha/resources', { resetAfter: true }],
  ])(
    'the %s call meeting one transport failure is asked again: done, all ok',
    async (_n, endpoint, fault) => {
      const vmid = await toConfirm();
      const before = sim.requests.filter((r) => r.endpoint === endpoint).length;
      sim.fault(endpoint, { ...fault, times: 1 });
      await app().h.press('C-n');
      expect(state().step).toBe('done');
      expect(app().h.text()).toContain('Serial console: configured');
      expect(app().h.text()).toContain(`High Availability: vm:${vmid} is an HA resource.`);
      expect(sim.requests.filter((r) => r.endpoint === endpoint).length - before).toBe(2);
    },
  );

  it.each<[string, Fault, string]>([
    [
      '500',
      { status: 500, message: 'cluster not ready - no quorum?' },
      'cluster not ready - no quorum?',
    ],
    ['595 for a while', { status: 595, message: 'No route to host' }, 'No route to host'],
  ])('the HA call %s: the VM is reported created, HA reported apart', async (_n, fault, shown) => {
    const vmid = await toConfirm();
    sim.fault('POST /cluster/ha/resources', { ...fault, times: fault.status === 500 ? 1 : 20 });
    await app().h.press('C-n');
    expect(state().step).toBe('done');
    expect(sim.state.vms.has(vmid)).toBe(true);
    const flat = lines()
      .join(' ')
      .replace(/[│┌┐└┘─\s]+/g, ' ');
    expect(flat).toContain(`but it was not added to HA: ${shown}`);
    expectFrameIntact();
  });
});

describe('time: locks, tickets', () => {
  let clock: FakeClock;
  let timed: Simulator;
  beforeEach(async () => {
    clock = new FakeClock();
    // A fixed port: the dialog's snapshot shows the server address.
    timed = await startSimulator({
      authDelayMs: 0,
      taskDurationMs: 0,
      clock: clock.now,
      port: 48119,
    });
  });
  afterEach(() => timed.close());

  async function startTimed(): Promise<void> {
    t = loginApp(timed, { generalCheckDelayMs: 0, clock });
    await logInAsRoot(t);
    await typeName();
  }

  it('a config lock outlasting the first retries: the serial console is still set up', async () => {
    await startTimed();
    await walkTo('confirm');
    timed.fault('POST /nodes/{node}/qemu', { lockMs: 3500, times: 1 });
    await app().h.press('C-n');
    expect(state().step).toBe('done');
    expect(app().h.text()).toContain('Serial console: configured');
    const tries = timed.requests.filter(
      (r) => r.endpoint === 'PUT /nodes/{node}/qemu/{vmid}/config',
    );
    expect(tries.length).toBeGreaterThan(1);
    expect(tries.slice(0, -1).every((r) => r.status === 500)).toBe(true);
  });

  it('a lock outlasting every retry: reported with the retry, which works once it is gone', async () => {
    await startTimed();
    await walkTo('confirm');
    timed.fault('POST /nodes/{node}/qemu', { lockMs: 600_000, times: 1 });
    await app().h.press('C-n');
    expect(state().step).toBe('done');
    expect(lines().join(' ')).toMatch(/could not be configured:[│\s]*VM is locked/);
    clock.advance(600_000);
    await app().h.press('enter');
    expect(app().h.text()).toContain('Serial console: configured');
  });

  it('a create that lands after every lookup: "unknown" at Confirm; Create again finds it, posts nothing', async () => {
    await startTimed();
    await walkTo('confirm');
    const vmid = Number(state().config.general.vmid);
    const creates = () => timed.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');
    timed.fault('POST /nodes/{node}/qemu', { landAfterMs: 600_000, times: 1 });
    await app().h.press('C-n');
    expect(state().step).toBe('confirm');
    expect(state().views.confirm?.message).toContain(`unknown whether VM ${vmid} was created`);
    const flat = () =>
      lines()
        .join(' ')
        .replace(/[│┌┐└┘─\s]+/g, ' ');
    expect(flat()).toContain(`Create looks for VM ${vmid} first`);
    expect(flat()).not.toMatch(/no VM exists/);
    expect(state().config.general.name).toBe('keep-me');
    // The late call lands meanwhile; pressing Create again must adopt it.
    clock.advance(600_000);
    await app().h.press('C-n');
    expect(state().step).toBe('done');
    expect(creates()).toHaveLength(1);
    expect(timed.state.vms.get(vmid)?.config).toMatchObject({ name: 'keep-me', serial0: 'socket' });
    expect(app().h.text()).toContain(`VM ${vmid} (keep-me) was created on pve1.`);
  });

  it('Start after created: the serial console is set before the one start call; Done says so', async () => {
    const config = defaultConfig();
    config.confirm.startAfterCreate = true;
    t = loginApp(timed, { generalCheckDelayMs: 0, clock, config });
    await logInAsRoot(t);
    await walkTo('confirm');
    const vmid = Number(state().config.general.vmid);
    await app().h.press('C-n');
    expect(state().step).toBe('done');
    const order = timed.requests.map((r) => r.endpoint);
    const start = order.indexOf('POST /nodes/{node}/qemu/{vmid}/status/start');
    expect(order.indexOf('PUT /nodes/{node}/qemu/{vmid}/config')).toBeLessThan(start);
    expect(order.lastIndexOf('POST /nodes/{node}/qemu/{vmid}/status/start')).toBe(start);
    expect(
      timed.requests.find((r) => r.endpoint === 'POST /nodes/{node}/qemu')?.params.start,
    ).toBeUndefined();
    expect(timed.state.vms.get(vmid)?.status).toBe('running');
    const text = app().h.text();
    expect(text).toContain('Serial console: configured');
    expect(text).toContain(
      'Start: HA was asked to start it (the hastart task ended OK); HA boots it.',
    );
  });

  it('a ticket older than an hour is renewed on the way; the user notices nothing', async () => {
    await startTimed();
    const logins = () => timed.requests.filter((r) => r.endpoint === 'POST /access/ticket');
    const before = logins().length;
    clock.advance(61 * 60 * 1000);
    await walkTo('disks');
    expect(logins().length).toBe(before + 1);
    expect(logins().at(-1)).toMatchObject({ status: 200, params: { username: 'root@pam' } });
    expect(app().h.text()).not.toContain('Session expired');
  });

  /** While the question is open, the load behind it is pending: keys go in without waiting for it. */
  const typeWhileAsked = (text: string) => app().h.pressWhileBusy(...text.split(''));

  it('a ticket that ran out: the user logs in again in a dialog and the wizard carries on', async () => {
    await startTimed();
    await walkTo('os');
    clock.advance(3 * 60 * 60 * 1000);
    await app().h.pressWhileBusy('C-n');
    const shown = app().h.text();
    expect(shown).toContain('Session expired');
    expect(shown).toContain('The session of root@pam on');
    expectFrameIntact();
    await snapshotScreen(app().h, 'session-expired-80x24', { idle: false });
    await typeWhileAsked('wrong');
    await app().h.pressWhileBusy('enter');
    expect(app().h.text()).toMatch(/Login failed: .*authentication failure/i);
    await typeWhileAsked('proxmox');
    await app().h.pressWhileBusy('enter');
    await app().h.settle();
    expect(app().h.text()).not.toContain('Session expired');
    expect(state().step).toBe('system');
    expect(state().views.disks?.status).toBe('ready');
    await walkTo('confirm');
    expect(state().config.general.name).toBe('keep-me');
  });

  it('a renewal refused with 401: the re-login dialog, and everything entered stays', async () => {
    await startTimed();
    await walkTo('os');
    clock.advance(61 * 60 * 1000);
    timed.fault('POST /access/ticket', {
      status: 401,
      message: 'authentication failure',
      times: 1,
    });
    await app().h.pressWhileBusy('C-n');
    expect(app().h.text()).toContain('Session expired');
    expect(app().h.text()).not.toContain('No ticket');
    await typeWhileAsked('proxmox');
    await app().h.pressWhileBusy('enter');
    await app().h.settle();
    expect(app().h.text()).not.toContain('Session expired');
    expect(state().step).toBe('system');
    await walkTo('confirm');
    expect(state().config.general.name).toBe('keep-me');
  });

  it('a renewal that meets a 503 is tried again; the user notices nothing', async () => {
    await startTimed();
    clock.advance(61 * 60 * 1000);
    timed.fault('POST /access/ticket', { status: 503, times: 1 });
    await walkTo('disks');
    const renewals = timed.requests.filter((r) => r.endpoint === 'POST /access/ticket');
    expect(renewals.slice(-2).map((r) => r.status)).toEqual([503, 200]);
    expect(app().h.text()).not.toMatch(/Session expired|503/);
  });

  it('quitting instead of logging in again exits as cancelled', async () => {
    await startTimed();
    await walkTo('os');
    clock.advance(3 * 60 * 60 * 1000);
    await app().h.pressWhileBusy('C-n');
    expect(app().h.text()).toContain('Session expired');
    await app().h.pressWhileBusy('tab', 'tab', 'enter');
    expect(app().exits).toEqual([130]);
  });
});

describe('the server certificate', () => {
  it('changing after it was trusted: refused with the reason, never a fallback', async () => {
    const port = 48117;
    const first = await startSimulator({ authDelayMs: 0, port });
    t = loginApp(first, { generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    await typeName();
    await first.close();
    const impostor = await startSimulator({ authDelayMs: 0, port });
    try {
      expect(impostor.fingerprint).not.toBe(first.fingerprint);
      await walkTo('system');
      await app().h.press('C-r');
      expect(state().views.system?.status).toBe('error');
      expect(state().views.system?.message).toMatch(/certificate .* is not the pinned one/);
      expect(statusLine()).toContain('Ctrl-R tries again');
      await app().h.press('C-r');
      expect(state().views.system?.status).toBe('error');
      // Nothing reached the other server: the connection ends at the certificate.
      expect(impostor.requests).toEqual([]);
      expect(state().config.general.name).toBe('keep-me');
    } finally {
      await impostor.close();
    }
  });
});
