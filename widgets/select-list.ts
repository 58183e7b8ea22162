/** The rows of a select's open list: its border with the count, the filter row, the options. */
import type { Widgets } from 'blessed';
import { cut, displayWidth, escapeTags, fit, sanitize } from './text';
import type { Theme } from './theme';
import { FIELD_HEIGHT } from './field';

export interface SelectOption<T extends string = string> {
  value: T;
  label: string;
  /** Shown dimmed after the label (e.g. a node's load, a storage's free space). */
  detail?: string;
  /** A shorter detail, shown where `detail` does not fit beside the label. */
  compact?: string;
  disabled?: boolean;
}

/** The longest of an option's details that fits beside its label in `room` cells, or ''. */
function fittingDetail(option: SelectOption, label: string, room: number): string {
  for (const d of [option.detail, option.compact]) {
    const detail = d ? sanitize(d) : '';
    if (detail && displayWidth(label) + 2 + displayWidth(detail) <= room) return detail;
  }
  return '';
}

/**
 * Option rows the open list shows in an area `height` rows high: a multiple of three, so the
 * list ends on a field boundary and never leaves a fragment of the field below it visible.
 */
export function listRows(height: number, maxRows: number, matches: number): number {
  const room = Math.max(height - 3, 1);
  const wanted = Math.min(maxRows, Math.max(matches, 1));
  const rounded = Math.ceil(wanted / 3) * 3;
  return Math.max(1, Math.min(rounded, room));
}

/**
 * Where a list `height` rows high goes: over the field at `top`; where the area ends below it,
 * moved up by whole fields so no field is left cut in half above the list.
 */
export function listTop(top: number, height: number, area: { top: number; height: number }) {
  const overflow = top + height - (area.top + area.height);
  const up = overflow > 0 ? Math.ceil(overflow / FIELD_HEIGHT) * FIELD_HEIGHT : 0;
  return Math.max(area.top, top - up);
}

/**
 * Where the open list may go: the area of the form the field is in (never over the header,
 * the status line or the footer around it), else the whole screen.
 */
export function listArea(el: Widgets.BoxElement, screen: Widgets.Screen) {
  const parent = el.parent as Widgets.BoxElement | undefined;
  if (!parent || parent === (screen as unknown)) {
    return { top: 0, height: screen.height as number };
  }
  return { top: parent.atop as number, height: parent.height as number };
}

/** One option row, or the words of an empty one (`No matches`, or nothing). */
export type ListRow =
  { option: SelectOption; chosen: boolean; highlighted: boolean } | { empty: string };

export interface ListView {
  label: string;
  width: number;
  /** Option rows shown, and the first option position shown. */
  rows: number;
  top: number;
  filter: string;
  /** `shown/all`, for the top border. */
  count: string;
  row(position: number): ListRow;
}

export function listLines(t: Theme, view: ListView): string[] {
  const g = t.glyphs;
  const inner = view.width - 2;
  const { count } = view;
  const label = cut(sanitize(view.label), Math.max(inner - displayWidth(count) - 7, 0));
  const fill = Math.max(inner - displayWidth(label) - displayWidth(count) - 6, 0);
  const border = (s: string) => t.paint('borderFocus', s);
  const lines = [
    border(g.tl + g.h) +
      t.paint('labelFocus', escapeTags(` ${label} `)) +
      border(g.h.repeat(fill)) +
      ` ${t.paint('hint', count)} ` +
      border(g.h + g.tr),
  ];
  const filterRow = view.filter
    ? escapeTags(fit('/' + sanitize(view.filter), inner - 3)) + t.paint('cursor', ' ') + ' '
    : t.paint('placeholder', escapeTags(fit('type to filter', inner - 1)));
  lines.push(border(g.v) + ' ' + filterRow + border(g.v));
  for (let r = 0; r < view.rows; r++) {
    lines.push(border(g.v) + optionRow(t, view.row(view.top + r), inner) + border(g.v));
  }
  lines.push(border(g.bl + g.h.repeat(inner) + g.br));
  return lines;
}

function optionRow(t: Theme, row: ListRow, inner: number): string {
  if ('empty' in row) return t.paint('empty', escapeTags(fit(' ' + row.empty, inner)));
  const { option } = row;
  const mark = row.chosen ? t.glyphs.check : ' ';
  const label = sanitize(option.label);
  const room = inner - 4;
  const detail = fittingDetail(option, label, room);
  const text = detail
    ? label + ' '.repeat(room - displayWidth(label) - displayWidth(detail)) + detail
    : label;
  const shown = ` ${mark} ${fit(text, room)} `;
  if (row.highlighted && !option.disabled) return t.paint('selected', escapeTags(shown));
  return t.paint(option.disabled ? 'valueDisabled' : 'value', escapeTags(shown));
}

/** The value row of a closed select: the chosen label, and its detail where there is room. */
export function chosenRow(
  t: Theme,
  option: SelectOption,
  room: number,
  plain: (text: string, width: number) => string,
): string {
  const label = sanitize(option.label);
  const detail = fittingDetail(option, label, room);
  if (!detail) return plain(label, room);
  const gap = room - displayWidth(label) - displayWidth(detail);
  return plain(label, displayWidth(label)) + ' '.repeat(gap) + t.paint('hint', escapeTags(detail));
}
