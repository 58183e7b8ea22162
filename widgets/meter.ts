/**
 * A text meter: a fraction as a bar of cells (`████░░░░` or, in ASCII, `[####----]`) and as a
 * percentage. Plain text (a list row paints it in its own colours); knows nothing of what is
 * measured.
 */
import type { Glyphs } from './theme';

/** `fraction` (0..1, clamped) as `cells` filled or empty cells, between the glyphs' ends. */
export function meterBar(fraction: number | undefined, cells: number, g: Glyphs): string {
  const { full, empty, open, close } = g.meter;
  if (fraction === undefined || !Number.isFinite(fraction))
    return open + empty.repeat(cells) + close;
  const filled = Math.round(Math.min(Math.max(fraction, 0), 1) * cells);
  return open + full.repeat(filled) + empty.repeat(cells - filled) + close;
}

/** `34%`, right-aligned in four cells; the unknown glyph when there is no figure. */
export function percentText(fraction: number | undefined, g: Glyphs): string {
  const text =
    fraction === undefined || !Number.isFinite(fraction)
      ? g.unknown
      : `${Math.round(Math.min(Math.max(fraction, 0), 1) * 100)}%`;
  return text.padStart(4);
}

/** A labelled meter: `cpu ████░░░░  48%`. */
export function meterText(
  label: string,
  fraction: number | undefined,
  cells: number,
  g: Glyphs,
): string {
  return `${label} ${meterBar(fraction, cells, g)} ${percentText(fraction, g)}`;
}
