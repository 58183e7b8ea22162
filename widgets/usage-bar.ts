/**
 * A usage bar in text, for one row (an option of a list, a field's value row): `[███▒░░░░]
 * 71% → 72%` — the part used now, the part something adds, the part free, and the same figures
 * as text. ASCII terminals get `[###+----] 71% -> 72%`. A tone colours bar and figure as a
 * whole: warning (nearly full) or error (it would overfill); the figure says it in any case, so
 * it reads without colour. Knows nothing of what is measured: callers give fractions.
 */
import type { Glyphs, Role, Theme } from './theme';
import { escapeTags } from './text';

export type UsageTone = 'normal' | 'warning' | 'error';

export interface Usage {
  /** The fraction used now (1 is full); undefined: unknown, shown as a dash. */
  now?: number;
  /** The fraction used after the change; shown as `now → after` while `change` is on. */
  after?: number;
  /** The figure shows a change (its width is the same whether the figures are known or not). */
  change: boolean;
  tone?: UsageTone;
}

/** Cells inside the bar's brackets. */
export const BAR_CELLS = 8;

const PERCENT_WIDTH = 4;

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`.padStart(PERCENT_WIDTH);

/** The figure as text, padded to one width per kind: `71% → 72%`, ` 71%`, or a dash. */
export function usageFigure(u: Usage, g: Pick<Glyphs, 'arrow' | 'unknown'>): string {
  const width = u.change ? PERCENT_WIDTH * 2 + g.arrow.length + 2 : PERCENT_WIDTH;
  if (u.now === undefined) return g.unknown.padStart(width);
  if (!u.change) return percent(u.now);
  return `${percent(u.now)} ${g.arrow} ${percent(u.after ?? u.now)}`.padStart(width);
}

/** The figure without padding, for a sentence (`71% → 72%`, `71%`, or the dash). */
export function usageWords(u: Usage, g: Pick<Glyphs, 'arrow' | 'unknown'>): string {
  return usageFigure(u, g).trim();
}

/** Cells used, added and free of a bar `cells` wide (fractions past full fill it). */
export function barCells(u: Usage, cells = BAR_CELLS): [number, number, number] {
  if (u.now === undefined) return [0, 0, 0];
  const clamp = (f: number) => Math.round(Math.min(Math.max(f, 0), 1) * cells);
  const used = clamp(u.now);
  const after = u.change ? Math.max(clamp(u.after ?? u.now), used) : used;
  return [used, after - used, cells - after];
}

/** Bar and figure as plain text: `[###+----]  71% →  72%`; no bar while unknown. */
export function usageText(u: Usage, g: Glyphs, cells = BAR_CELLS): string {
  return `${usageBarText(u, g, cells)} ${usageFigure(u, g)}`;
}

function usageBarText(u: Usage, g: Glyphs, cells: number): string {
  if (u.now === undefined) return ' '.repeat(cells + 2);
  const [used, added, free] = barCells(u, cells);
  return `[${g.barUsed.repeat(used)}${g.barAdded.repeat(added)}${g.barFree.repeat(free)}]`;
}

/** The width `usageText` takes (every glyph is one cell). */
export function usageWidth(u: Pick<Usage, 'change'>, g: Glyphs, cells = BAR_CELLS): number {
  return usageText({ change: u.change }, g, cells).length;
}

const TONE_ROLE: Record<Exclude<UsageTone, 'normal'>, Role> = {
  warning: 'warning',
  error: 'error',
};

/**
 * Bar and figure painted: in the tone's role as a whole, or (normal) the used part in the
 * text's own colour, the added part highlighted, brackets and free part quiet.
 */
export function paintUsage(t: Theme, u: Usage, cells = BAR_CELLS): string {
  const g = t.glyphs;
  if (u.now === undefined) return ' '.repeat(cells + 3) + paintFigure(t, u);
  if (u.tone === 'warning' || u.tone === 'error')
    return t.paint(TONE_ROLE[u.tone], escapeTags(usageText(u, g, cells)));
  const [used, added, free] = barCells(u, cells);
  return (
    t.paint('hint', '[') +
    t.paint('value', g.barUsed.repeat(used)) +
    t.paint('highlight', g.barAdded.repeat(added)) +
    t.paint('hint', g.barFree.repeat(free) + ']') +
    ' ' +
    paintFigure(t, u)
  );
}

/** The figure alone, painted as `paintUsage` paints it (where the bar has no room). */
export function paintFigure(t: Theme, u: Usage): string {
  const figure = escapeTags(usageFigure(u, t.glyphs));
  if (u.now === undefined) return t.paint('hint', figure);
  return t.paint(u.tone === 'warning' || u.tone === 'error' ? TONE_ROLE[u.tone] : 'value', figure);
}
