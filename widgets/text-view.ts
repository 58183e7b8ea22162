/**
 * A framed block of text lines with a title, scrolled with PgUp/PgDn (and Up/Down when focused):
 * the Confirm summary, the creation progress, the result. Only visible lines are rendered.
 */
import blessed, { type Widgets } from 'blessed';
import { setContentInRender } from './blessed-internals';
import { quoting } from './shell-rows';
import { cut, displayWidth, escapeTags, fit, sanitize, wrap } from './text';
import { themeOf, type Role } from './theme';

export interface TextLine {
  text: string;
  role?: Role;
  /**
   * A shell command line: too long for the row, it is continued with a trailing `\` and the
   * rest from the row's start (the shell joins them into the same word), never re-indented.
   */
  shell?: boolean;
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
      out.push(
        t.paint('border', g.v) +
          (line?.role ? t.paint(line.role, text) : text) +
          t.paint('border', g.v),
      );
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
