/**
 * V8's young generation starts at two 1 MiB semi-spaces and doubles them (up to 16 MiB each on
 * 64-bit Node 20) whenever a scavenge finds much of it alive — which a 10k-item answer being
 * parsed and shaped does. The grown space stays committed for the rest of the run: on the `large`
 * bench ≈10 MiB of the peak RSS was young generation headroom, not data (docs/benchmarks.md).
 *
 * `--max-semi-space-size` is read only when the heap is set up, so it cannot be set from inside
 * the program; the growth factor is read at every growth, so setting it to 1 before the first
 * growth keeps the semi-spaces at their initial size. Call `keepYoungGenerationSmall()` first
 * thing in the binary, before any real work allocates.
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flag that stops the semi-spaces from growing past their initial size. */
export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';

export function keepYoungGenerationSmall(): void {
  setFlagsFromString(YOUNG_GENERATION_FLAG);
}
