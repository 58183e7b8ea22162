/**
 * Creation overhead: the create task finished on the server (its start plus its 2 s, reported
 * by `pvevm-sim --trace`) → the success screen drawn, at 0 and at 50 ms latency. The user
 * waits on Confirm until every prefetch has landed, then presses Ctrl-N; Ctrl-N on the success
 * screen starts the next VM.
 */
import type { Figure } from '../report';
import { startSim } from '../sim';
import { median } from '../stats';
import { created, KEY, launch, logIn, settled, walkToConfirm } from '../wizard';

export const CREATION_LATENCIES = [0, 50];

export const creationIds = () => CREATION_LATENCIES.map((ms) => `creation.${ms}ms`);

async function overheads(latencyMs: number, runs: number): Promise<number[]> {
  const sim = await startSim({ dataset: 'demo', latencyMs, taskSeconds: 2 });
  const app = launch(sim);
  try {
    await logIn(app);
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      await walkToConfirm(app);
      await settled(sim, app);
      app.write(KEY.ctrlN);
      const shown = await app.waitFor(created, 30000);
      const task = sim.tasks.filter((t) => t.type === 'qmcreate').at(-1);
      samples.push(task ? shown - task.finishedAt : Number.NaN);
      app.write(KEY.ctrlN);
      await app.waitFor((s) => s.includes('VM ID') && !created(s));
      await settled(sim, app);
    }
    return samples;
  } finally {
    await app.kill();
    await sim.stop();
  }
}

export async function creation(runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const latencyMs of CREATION_LATENCIES) {
    const raw = await overheads(latencyMs, runs);
    figures.push({
      id: `creation.${latencyMs}ms`,
      name: `Creation at ${latencyMs} ms latency: task finished → success screen (median of ${runs})`,
      value: median(raw),
      unit: 'ms',
      samples: raw.length,
      raw,
      ...(latencyMs === 50 ? { target: 250 } : {}),
    });
  }
  return figures;
}
