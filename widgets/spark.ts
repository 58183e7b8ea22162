/**
 * A text sparkline: a series of fractions (0..1, `null` for a gap) as one row of ticks
 * (`▁▂▅█`, in ASCII `_.-=^`), squeezed into a number of cells by averaging neighbours, the
 * newest value at the right. Plain text; knows nothing of what is measured.
 */
import type { Glyphs } from './theme';

/** `values` in `cells` buckets (means of what each holds; a bucket of gaps is a gap). */
export function resample(values: readonly (number | null)[], cells: number): (number | null)[] {
  if (values.length <= cells) return [...values];
  const out: (number | null)[] = [];
  for (let i = 0; i < cells; i++) {
    const from = Math.floor((i * values.length) / cells);
    const to = Math.floor(((i + 1) * values.length) / cells);
    const known = values.slice(from, to).filter((v): v is number => v !== null);
    out.push(known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length);
  }
  return out;
}

/**
 * One tick per cell, right-aligned in `cells` (a short series starts with blanks); the highest
 * tick stands for `max` (by default the series' own highest value, as sparklines go).
 */
export function sparkText(
  values: readonly (number | null)[],
  cells: number,
  g: Glyphs,
  max?: number,
): string {
  const ticks = [...g.ticks];
  const top = ticks.length - 1;
  const shown = resample(values, cells);
  const scale = max ?? Math.max(0, ...shown.filter((v): v is number => v !== null));
  const level = (v: number) => (scale > 0 ? Math.min(Math.max(v / scale, 0), 1) : 0);
  const row = shown.map((v) => (v === null ? ' ' : ticks[Math.round(level(v) * top)])).join('');
  return row.padStart(cells);
}
