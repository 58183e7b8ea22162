/** The rows of a select's open list: its border with the count, the filter row, the options. */
import type { Widgets } from 'blessed';
import { cut, displayWidth, escapeTags, fit, sanitize } from './text';
import type { ChipColor } from './palette';
import type { Theme } from './theme';
import { FIELD_HEIGHT } from './field';
import { paintFigure, paintUsage, usageFigure, usageText, type Usage } from './usage-bar';

export interface SelectOption<T extends string = string> {
  value: T;
  label: string;
  /** Shown dimmed after the label (e.g. a node's load, a storage's free space). */
  detail?: string;
  /**
   * A shorter detail, where the whole one leaves no room beside the label or for the usage
   * (a node's figures without their meters, a storage without its type).
   */
  shortDetail?: string;
  /** What the closed field shows after the label, where it differs from the list's detail. */
  valueDetail?: string;
  /** A usage bar and its figure, after the detail (e.g. a storage's room, now and after). */
  usage?: Usage;
  disabled?: boolean;
  /** The option's own colour (a tag's): its label drawn as a tag in that colour. */
  color?: ChipColor;
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
  if (option.color) return coloredRow(t, row, option.color, inner);
  const mark = row.chosen ? t.glyphs.check : ' ';
  const room = inner - 4;
  const p = rowParts(t, option, room);
  const left = spread(p.label, p.detail, room - p.usageWidth);
  const role = option.disabled ? 'valueDisabled' : row.highlighted ? 'selected' : 'value';
  if (!p.usage || role !== 'value')
    return t.paint(role, escapeTags(` ${mark} ${fit(left + (p.usage?.text ?? ''), room)} `));
  return t.paint(role, escapeTags(` ${mark} ${left}`)) + p.usage.painted + ' ';
}

interface RowParts {
  label: string;
  /** The detail, when it fits (with the two spaces before the usage). */
  detail: string;
  usage?: { text: string; painted: string };
  usageWidth: number;
}

/** `left` and `right` `width` cells apart (at least adjacent). */
const spread = (left: string, right: string, width: number) =>
  left + ' '.repeat(Math.max(width - displayWidth(left) - displayWidth(right), 0)) + right;

/**
 * What of an option fits in `room` cells: label, detail and usage (bar and figure), two
 * spaces apart. Short of room: the short detail, then the figure without its bar, then no
 * detail — the figure stays longest.
 */
function rowParts(t: Theme, option: SelectOption, room: number): RowParts {
  const label = sanitize(option.label);
  const detail = option.detail ? sanitize(option.detail) : '';
  const fits = (...parts: string[]) =>
    parts.filter(Boolean).reduce((n, p) => n + displayWidth(p) + 2, -2) <= room;
  const u = option.usage;
  if (u) {
    const short = option.shortDetail !== undefined ? sanitize(option.shortDetail) : detail;
    const whole = { text: usageText(u, t.glyphs), painted: paintUsage(t, u) };
    const figure = { text: usageFigure(u, t.glyphs), painted: paintFigure(t, u) };
    const variants: [typeof whole, string][] = [
      [whole, detail],
      [whole, short],
      [figure, short],
      [whole, ''],
      [figure, ''],
    ];
    for (const [usage, d] of variants) {
      if (!fits(label, d, usage.text)) continue;
      return { label, detail: d ? d + '  ' : '', usage, usageWidth: displayWidth(usage.text) };
    }
  }
  const brief = option.shortDetail ? sanitize(option.shortDetail) : '';
  const shown = [detail, brief].find((d) => d && fits(label, d)) ?? '';
  return { label, detail: shown, usageWidth: 0 };
}

/**
 * An option in its own colour: the label as a tag (` label ` on the colour, `[label]` without
 * colour), the mark and the rest of the row as any option's.
 */
function coloredRow(
  t: Theme,
  row: { option: SelectOption; chosen: boolean; highlighted: boolean },
  color: ChipColor,
  inner: number,
): string {
  const { option } = row;
  const text = sanitize(option.label);
  const label = fit(text, Math.min(displayWidth(text), Math.max(inner - 5, 0)));
  const chip = t.color ? ` ${label} ` : `[${label}]`;
  const rest = ' '.repeat(Math.max(inner - 2 - displayWidth(chip), 0));
  const role = row.highlighted && !option.disabled ? 'selected' : 'value';
  const painted = t.color ? t.paintColor(color, escapeTags(chip)) : t.paint(role, escapeTags(chip));
  return (
    t.paint(role, escapeTags(` ${row.chosen ? t.glyphs.check : ' '}`)) +
    painted +
    t.paint(role, rest)
  );
}

/**
 * The value row of a closed select: the chosen label, its detail and usage where there is room
 * (a disabled field's usage greyed like its value).
 */
export function chosenRow(
  t: Theme,
  option: SelectOption,
  room: number,
  plain: (text: string, width: number) => string,
  disabled = false,
): string {
  const shown =
    option.valueDetail === undefined ? option : { ...option, detail: option.valueDetail };
  const p = rowParts(t, shown, room);
  if (!p.detail && !p.usage) return plain(p.label, room);
  const gap = room - p.usageWidth - displayWidth(p.label) - displayWidth(p.detail);
  const detail = p.detail.trimEnd();
  return (
    plain(p.label, displayWidth(p.label)) +
    ' '.repeat(gap) +
    t.paint('hint', escapeTags(detail)) +
    p.detail.slice(detail.length) +
    (p.usage && disabled
      ? t.paint('valueDisabled', escapeTags(p.usage.text))
      : (p.usage?.painted ?? ''))
  );
}
