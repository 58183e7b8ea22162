/**
 * A paste of 16,000 characters into a text field (General's Name), as a terminal with
 * bracketed paste sends it: one write, marked. Timed from the write to the last byte of the
 * frame it causes, as a key is.
 */
import type { Figure } from '../report';
import { startSim } from '../sim';
import { KEY, launch, logIn } from '../wizard';

export const PASTE_CHARS = 16000;

export async function paste(): Promise<Figure[]> {
  const sim = await startSim({ dataset: 'demo' });
  const app = launch(sim);
  try {
    await logIn(app);
    await app.press(KEY.tab);
    await app.press(KEY.tab);
    const text = 'pasted-name-0123456789-'.repeat(PASTE_CHARS).slice(0, PASTE_CHARS);
    const burst = await app.press(`\x1b[200~${text}\x1b[201~`, 100, 120000);
    return [
      {
        id: 'paste.16k',
        name: `Paste of ${PASTE_CHARS} characters into a text field (bracketed)`,
        value: burst.latencyMs,
        unit: 'ms',
        target: 50,
        samples: 1,
      },
    ];
  } finally {
    await app.kill();
    await sim.stop();
  }
}
