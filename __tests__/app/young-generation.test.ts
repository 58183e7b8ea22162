/**
 * Logging in stops V8's young generation from growing (lib/young-generation.ts): once, when the
 * session is established — not at start-up, whose work keeps its room — before the lists load.
 */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { keepYoungGenerationSmall } from '../../lib/young-generation';
import { loginApp } from '../support/login-app';

jest.mock('../../lib/young-generation', () => ({ keepYoungGenerationSmall: jest.fn() }));

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t.h.destroy());

it('is asked for when the login succeeds, not before and not for a wrong password', async () => {
  const keep = jest.mocked(keepYoungGenerationSmall);
  t = loginApp(sim);
  await t.h.settle();
  await t.h.type('root');
  await t.h.press('tab');
  await t.h.type('wrong');
  await t.h.press('enter');
  expect(t.app.controller.state.step).toBe('login');
  expect(keep).not.toHaveBeenCalled();
  await t.h.type('proxmox');
  await t.h.press('enter');
  expect(t.app.controller.state.step).toBe('general');
  expect(keep).toHaveBeenCalledTimes(1);
});
