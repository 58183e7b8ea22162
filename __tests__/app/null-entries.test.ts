/**
 * Part 13 row 12: a server list holding `null`, numbers or nameless entries — the wizard shows
 * the step (ready or empty), never a raw JavaScript error and never a step stuck loading.
 */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import type { Step } from '../../lib/wizard/steps';
import { loginApp, logInAsRoot } from '../support/login-app';

const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];
const JUNK = JSON.stringify({ data: [null, 7, [], {}, { node: null }] });

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

it.each([
  ['GET /nodes', 'general'],
  ['GET /pools', 'general'],
  ['GET /nodes/{node}/storage', 'os'],
  ['GET /nodes/{node}/storage/{storage}/content', 'os'],
  ['GET /nodes/{node}/capabilities/qemu/cpu', 'cpu'],
  ['GET /nodes/{node}/network', 'network'],
] as [string, Step][])(
  '%s with null entries: the %s step is shown, not a crash',
  async (endpoint, step) => {
    sim.fault(endpoint, { rawBody: JUNK });
    t = loginApp(sim, { generalCheckDelayMs: 0, timeoutMs: 5000 });
    await logInAsRoot(t);
    const state = () => t!.app.controller.state;
    for (let i = 0; i < ORDER.length && state().step !== step; i++) await t.h.press('C-n');
    expect(state().step).toBe(step);
    expect(state().views[step]?.status).not.toBe('loading');
    expect(state().views[step]?.status).not.toBe('error');
    expect(t.h.text()).not.toMatch(/Cannot read|TypeError|undefined|null/);
    // What was left out is said, not silently dropped.
    expect(t.h.text().replace(/\s+/g, ' ')).toMatch(/5 unreadable [\w ]+ entries: left out/);
  },
);

it('realms with null entries: the login screen says what was left out', async () => {
  sim.fault('GET /access/domains', {
    rawBody: JSON.stringify({ data: [null, { realm: 'pam', type: 'pam' }, {}] }),
  });
  t = loginApp(sim, { generalCheckDelayMs: 0, timeoutMs: 5000 });
  await t.h.settle();
  expect(t.h.text().replace(/\s+/g, ' ')).toMatch(/2 unreadable realm entries: left out/);
});
