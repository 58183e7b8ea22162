/**
 * blessed-contrib, loaded when first needed (contrib-pieces.ts): pictures are drawn after login,
 * so a start neither reads nor compiles contrib. The steps load it when the login is sent (while
 * the server answers: lib/tui/lazy-steps.ts), or at the latest when a picture is made.
 */
import blessed from 'blessed';
import type { ContribPieces } from './contrib-pieces';

/**
 * Where the build's contrib chunk finds the program's neo-blessed: its `require('blessed')` reads
 * this global (esbuild.config.mjs), so both share one instance (one screen, one `Node` class).
 */
export const SHARED_BLESSED = Symbol.for('pvevm.blessed');

let loaded: ContribPieces | undefined;

/** contrib's widgets, loaded once. */
export function contrib(): ContribPieces {
  if (!loaded) {
    (globalThis as Record<symbol, unknown>)[SHARED_BLESSED] = blessed;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = (require('./contrib-pieces') as typeof import('./contrib-pieces')).pieces;
  }
  return loaded;
}

/** Whether contrib has been loaded in this process (tests pin that a start does not). */
export function contribLoaded(): boolean {
  return loaded !== undefined;
}
