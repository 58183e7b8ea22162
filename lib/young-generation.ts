/**
 * V8's young generation starts small and doubles (up to 16 MiB a semi-space on 64-bit Node 20)
 * whenever a scavenge finds much of it alive — which a 10k-item answer being parsed and shaped
 * does. The grown space stays committed for the rest of the run: on the `large` bench ≈10 MiB of
 * the peak RSS was young generation headroom, not data (docs/memory.md).
 *
 * `--max-semi-space-size` is read only when the heap is set up, so it cannot be set from inside
 * the program; the growth factor is read at every growth, so setting it to 1 keeps the
 * semi-spaces at the size they have then. The login flow sets it once a session is established:
 * start-up keeps its room to grow (set at the very start, the extra scavenges delayed the first
 * key echo by 4–10 ms), the cluster's lists that come after do not grow it further.
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flag that stops the semi-spaces from growing past their initial size. */
export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';

export function keepYoungGenerationSmall(): void {
  setFlagsFromString(YOUNG_GENERATION_FLAG);
}
