/**
 * Round trips a user sits through, at 50 ms latency on every answer: for each step, the
 * longest chain of requests answered between the key (Enter on login, Ctrl-N after) and the
 * step drawn ready, where each started only after the one before was answered. The impatient
 * user presses the moment a step is drawn ready; the patient one waits until nothing was
 * answered for 300 ms and the screen is quiet, so every prefetch has landed.
 * "Ready" is what the user sees: the step's first field drawn and the status line saying
 * neither "Loading" nor "Checking" (every step's loading state says one of them: screens/).
 */
import type { Figure } from '../report';
import { startSim, type SimProcess } from '../sim';
import { sequentialWaits } from '../stats';
import { KEY, launch, READY, ready, settled, typePassword } from '../wizard';

export const LATENCY_MS = 50;

export function roundTripIds(): string[] {
  return ['impatient', 'patient'].flatMap((who) => [
    ...READY.map(([step]) => `round-trips.${who}.${step.toLowerCase()}`),
    `round-trips.${who}.total`,
  ]);
}

async function walk(sim: SimProcess, who: 'impatient' | 'patient'): Promise<Figure[]> {
  const app = launch(sim);
  try {
    await typePassword(app);
    const figures: Figure[] = [];
    let total = 0;
    let previous = 'Log in';
    for (const [step, marker] of READY) {
      if (who === 'patient') await settled(sim, app);
      const pressed = performance.now();
      app.write(step === 'General' ? KEY.enter : KEY.ctrlN);
      const shown = await app.waitFor(ready(marker), 30000);
      // Answers still on their way (up to a millisecond of pipe) belong to this step.
      await new Promise((r) => setTimeout(r, 5));
      const waits = sequentialWaits(sim.requests, pressed, shown);
      total += waits;
      figures.push({
        id: `round-trips.${who}.${step.toLowerCase()}`,
        name: `Round trips, ${who} user: ${previous} → ${step} ready`,
        value: waits,
        unit: 'waits',
        target: step === 'General' ? 2 : 1,
        samples: 1,
      });
      previous = step;
    }
    figures.push({
      id: `round-trips.${who}.total`,
      name: `Round trips, ${who} user: login → Confirm in total`,
      value: total,
      unit: 'waits',
      samples: READY.length,
    });
    return figures;
  } finally {
    await app.kill();
  }
}

export async function roundTrips(): Promise<Figure[]> {
  const sim = await startSim({ dataset: 'demo', latencyMs: LATENCY_MS });
  try {
    return [...(await walk(sim, 'impatient')), ...(await walk(sim, 'patient'))];
  } finally {
    await sim.stop();
  }
}
