/**
 * A focus move repaints only what changed: the two fields' borders and labels and the status
 * line. The bytes the app writes to the terminal are deterministic, so the mechanism is pinned
 * here by count (the bench reports the same figure against its target).
 */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { loginApp, logInAsRoot } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t?.h.destroy());

/** Bytes written for each of `keys`, pressed one at a time. */
async function bytesFor(...keys: string[]): Promise<number[]> {
  const sizes: number[] = [];
  for (const key of keys) {
    const before = t.h.bytesWritten;
    await t.h.press(key);
    sizes.push(t.h.bytesWritten - before);
  }
  return sizes;
}

it('a focus move on General writes at most 400 bytes', async () => {
  t = loginApp(sim, { generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  const sizes = await bytesFor('tab', 'tab', 'tab', 'S-tab', 'S-tab', 'S-tab');
  for (const size of sizes) expect(size).toBeLessThanOrEqual(400);
});

it("a focus move repaints a field's placeholder, not the blank rest of its value row", async () => {
  t = loginApp(sim, { generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  // Node → VM ID → Name (its placeholder hides) → Resource Pool → Tags (the same) and back.
  const runs: number[] = [];
  for (const key of ['tab', 'tab', 'tab', 'tab', 'S-tab', 'S-tab']) {
    const before = t.h.written.length;
    await t.h.press(key);
    const blanks = t.h.written.slice(before).match(/ +/g) ?? [];
    runs.push(Math.max(0, ...blanks.map((b) => b.length)));
  }
  // The placeholders are under 35 cells; a value row is 74 here.
  for (const run of runs) expect(run).toBeLessThan(35);
});
