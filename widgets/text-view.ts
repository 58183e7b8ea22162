/**
 * A framed block of text lines with a title, scrolled with PgUp/PgDn (and Up/Down when focused):
 * the Confirm summary, the creation progress, the result. Only visible lines are rendered.
 */
import blessed, { type Widgets } from 'blessed';
import { setContentInRender } from './blessed-internals';
import type { ChipColor } from './palette';
import { quoting } from './shell-rows';
import { cut, displayWidth, escapeTags, fit, sanitize, wrap } from './text';
import { themeOf, type Role, type Theme } from './theme';

export interface TextLine {
  text: string;
  role?: Role;
  /**
   * A shell command line: too long for the row, it is continued with a trailing `\` and the
   * rest from the row's start (the shell joins them into the same word), never re-indented.
   */
  shell?: boolean;
  /**
   * Tags drawn after `text`, each in its own colour (`[tag]` without colour); those that do not
   * fit go on to the next rows, under the first (a tag wider than a row ends in an ellipsis).
   */
  chips?: { text: string; color?: ChipColor }[];
}

/**
 * A shell line in rows of `width`: each row but the last ends in `\` (never between a `\` and
 * what it escapes, never inside single quotes, where the shell would not join the rows).
 */
export function shellRows(text: string, width: number): string[] {
  const chars = Array.from(text);
  const q = quoting(chars);
  const rows: string[] = [];
  let at = 0;
  while (chars.length - at > width) {
    let end = at + Math.max(width - 1, 1);
    while (end > at + 1 && (q[end] === "'" || q[end] === 'escaped')) end--;
    rows.push(chars.slice(at, end).join('') + '\\');
    at = end;
  }
  rows.push(chars.slice(at).join(''));
  return rows;
}

export interface TextViewOptions {
  parent: Widgets.Node;
  title: string;
  top?: number | string;
  bottom?: number | string;
  left?: number | string;
  right?: number | string;
  height?: number | string;
  width?: number | string;
}

export class TextView {
  readonly el: Widgets.BoxElement;
  private lines: TextLine[] = [];
  private offset = 0;
  private titleText: string;

  constructor(
    private readonly screen: Widgets.Screen,
    options: TextViewOptions,
  ) {
    const { parent, title, ...position } = options;
    this.titleText = title;
    this.el = blessed.box({ parent, ...position, tags: true, wrap: false, clickable: true });
    this.el.on('prerender', () => setContentInRender(this.el, this.render().join('\n')));
    this.el.on('wheeldown', () => this.scroll(3));
    this.el.on('wheelup', () => this.scroll(-3));
  }

  setTitle(title: string): void {
    this.titleText = title;
  }

  setLines(lines: TextLine[]): void {
    this.lines = lines;
    this.offset = Math.min(this.offset, Math.max(lines.length - 1, 0));
  }

  /** Show the end (for growing logs). */
  scrollToEnd(): void {
    this.offset = Number.MAX_SAFE_INTEGER;
  }

  scroll(delta: number): void {
    const last = Math.max(this.wrapped().length - this.visible(), 0);
    this.offset = Math.max(0, Math.min(this.offset + delta, last));
    this.screen.render();
  }

  page(direction: 1 | -1): void {
    this.scroll(direction * Math.max(this.visible() - 1, 1));
  }

  private visible(): number {
    return Math.max((this.el.height as number) - 2, 1);
  }

  /** The lines wrapped to the inner width (continuations keep the line's indentation). */
  private wrapped(): TextLine[] {
    const width = Math.max((this.el.width as number) - 3, 1);
    return this.lines.flatMap((line) => {
      if (line.chips) return chipRows(line, width);
      if (line.shell) return shellRows(line.text, width).map((text) => ({ text, role: line.role }));
      const indent = /^ */.exec(line.text)![0];
      const parts = wrap(line.text.slice(indent.length), Math.max(width - indent.length, 1));
      return (parts.length > 0 ? parts : ['']).map((p) => ({ text: indent + p, role: line.role }));
    });
  }

  private render(): string[] {
    const lines = this.wrapped();
    this.offset = Math.min(this.offset, Math.max(lines.length - this.visible(), 0));
    const t = themeOf(this.screen);
    const g = t.glyphs;
    const width = this.el.width as number;
    const inner = Math.max(width - 2, 0);
    const rows = this.visible();
    const title = cut(sanitize(this.titleText), Math.max(inner - 4, 0));
    const out = [
      t.paint('border', g.tl + g.h) +
        ` ${t.paint('title', escapeTags(title))} ` +
        t.paint('border', g.h.repeat(Math.max(inner - displayWidth(title) - 3, 0)) + g.tr),
    ];
    for (let r = 0; r < rows; r++) {
      const line = lines[this.offset + r];
      const text = escapeTags(fit(' ' + sanitize(line?.text ?? ''), inner, t.glyphs.ellipsis));
      const row = line?.chips
        ? chipRow(t, line, inner)
        : line?.role
          ? t.paint(line.role, text)
          : text;
      out.push(t.paint('border', g.v) + row + t.paint('border', g.v));
    }
    const more =
      lines.length > rows
        ? ` ${this.offset + 1}-${Math.min(this.offset + rows, lines.length)} of ${lines.length}, PgUp/PgDn `
        : '';
    out.push(
      t.paint(
        'border',
        g.bl + g.h + more + g.h.repeat(Math.max(inner - 1 - displayWidth(more), 0)) + g.br,
      ),
    );
    return out;
  }
}

/**
 * A row of tags (`chipRows` put only what fits in it): its text, then each tag in its colour;
 * a tag wider than what is left of the row is cut, with an ellipsis.
 */
function chipRow(t: Theme, line: TextLine, inner: number): string {
  const head = cut(' ' + sanitize(line.text), inner);
  let out = line.role ? t.paint(line.role, escapeTags(head)) : escapeTags(head);
  let used = displayWidth(head);
  for (const chip of line.chips ?? []) {
    const name = sanitize(chip.text);
    const full = chip.color && !t.color ? `[${name}]` : ` ${name} `;
    const shown =
      displayWidth(full) > inner - used ? fit(full, inner - used, t.glyphs.ellipsis) : full;
    if (shown === '') break;
    const painted = chip.color ? t.paintColor(chip.color, escapeTags(shown)) : escapeTags(shown);
    const gap = used + displayWidth(shown) < inner ? ' ' : '';
    out += painted + gap;
    used += displayWidth(shown) + gap.length;
  }
  return out + ' '.repeat(Math.max(inner - used, 0));
}

/** A line of tags in rows of `width`: whole tags per row, continued under the first tag. */
function chipRows(line: TextLine, width: number): TextLine[] {
  const chips = line.chips ?? [];
  const indent = ' '.repeat(Math.min(displayWidth(sanitize(line.text)), Math.max(width - 8, 0)));
  const rows: TextLine[] = [{ ...line, chips: [] }];
  let used = displayWidth(sanitize(line.text));
  for (const chip of chips) {
    const w = displayWidth(sanitize(chip.text)) + 3;
    const row = rows[rows.length - 1]!;
    if (used + w > width && row.chips!.length > 0) {
      rows.push({ text: indent, role: line.role, chips: [chip] });
      used = indent.length + w;
    } else {
      row.chips!.push(chip);
      used += w;
    }
  }
  return rows;
}
