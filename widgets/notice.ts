/**
 * The status area: the step's notice (loading, empty, success, warning, error and info messages
 * look and read the same everywhere; the kind is spelled out, so it reads without colour) and,
 * above it, the focused field's message when its border had to cut it. Both are shown whole,
 * wrapping onto more rows up to `maxRows`; the field message (short, about what is being typed)
 * takes its rows first but always leaves the notice one. What the limit still cuts ends in an
 * ellipsis and keeps the notice's action; the help repeats it whole.
 */
import blessed, { type Widgets } from 'blessed';
import { setContentInRender } from './blessed-internals';
import type { FieldMessage } from './field';
import { displayWidth, escapeTags, sanitize, wrapRows } from './text';
import { themeOf, type Role } from './theme';

export type NoticeKind = 'info' | 'loading' | 'empty' | 'success' | 'warning' | 'error';

/** Problems are named as such; the other kinds say what they are in their own words. */
const PREFIX: Record<NoticeKind, string> = {
  info: '',
  loading: '',
  empty: '',
  success: '',
  warning: 'Warning',
  error: 'Error',
};

export interface NoticeOptions {
  top?: number | string;
  left?: number | string;
  right?: number | string;
  width?: number | string;
  bottom?: number | string;
}

/** Rows of plain text, the first starting with `head`, painted `headRole` then `role`. */
interface Block {
  rows: string[];
  /** The rows could not hold the whole text. */
  cut: boolean;
  head: string;
  headRole: Role;
  role: Role;
}

export class Notice {
  readonly el: Widgets.BoxElement;
  /** Most rows the area may take (the shell sets it from the terminal's height). */
  maxRows = 4;
  private kindValue: NoticeKind = 'info';
  private textValue = '';
  private actionValue = '';
  private field: FieldMessage | undefined;

  constructor(
    private readonly screen: Widgets.Screen,
    options: NoticeOptions = {},
  ) {
    this.el = blessed.box({ height: 1, tags: true, wrap: false, ...options });
    this.el.on('prerender', () =>
      setContentInRender(this.el, this.lines(this.el.width as number).join('\n')),
    );
  }

  get kind(): NoticeKind {
    return this.kindValue;
  }

  get text(): string {
    return this.textValue;
  }

  /** `action` (what the user can do about it) stays visible when a long text is cut. */
  set(kind: NoticeKind, text: string, action = ''): void {
    this.kindValue = kind;
    this.textValue = text;
    this.actionValue = action;
  }

  clear(): void {
    this.set('info', '');
  }

  /** The focused field's message, shown above the notice (none: the area is the notice's). */
  setFieldMessage(message: FieldMessage | undefined): void {
    this.field = message;
  }

  /** The whole notice as it reads when nothing is cut: kind, text and action. */
  get message(): string {
    const text = sanitize(this.textValue);
    if (!text) return '';
    return `${this.head()}${text}${this.action()}`;
  }

  /** The field message as the area shows it: `Error in MAC address: …` or `VLAN Tag: …`. */
  static fieldLine(message: FieldMessage): string {
    return `${fieldHead(message)}${sanitize(message.text)}`;
  }

  /** Rows the area needs at `width`: at least one (the layout stays put), at most `maxRows`. */
  rowsNeeded(width: number): number {
    return this.blocks(width).reduce((n, b) => n + b.rows.length, 0) || 1;
  }

  /** The area cannot show the whole notice (the help shows it then). */
  isCut(): boolean {
    return !!this.textValue && !!this.blocks(this.el.width as number).at(-1)?.cut;
  }

  private head(): string {
    const prefix = PREFIX[this.kindValue];
    return prefix ? `${prefix}: ` : '';
  }

  private action(): string {
    return this.actionValue ? ` (${sanitize(this.actionValue)})` : '';
  }

  private blocks(width: number): Block[] {
    const t = themeOf(this.screen);
    const max = Math.max(this.maxRows, 1);
    const text = sanitize(this.textValue);
    const blocks: Block[] = [];
    if (this.field) {
      const head = fieldHead(this.field);
      const room = text ? Math.max(max - 1, 1) : max;
      blocks.push({
        ...wrapRows(Notice.fieldLine(this.field), width, room, '', t.glyphs.ellipsis),
        head,
        headRole: this.field.error ? 'error' : 'label',
        role: this.field.error ? 'value' : 'hint',
      });
    }
    if (text) {
      const used = blocks[0]?.rows.length ?? 0;
      const role: Role = this.kindValue;
      blocks.push({
        ...wrapRows(
          `${this.head()}${text}`,
          width,
          Math.max(max - used, 1),
          this.action().trim(),
          t.glyphs.ellipsis,
        ),
        head: this.head(),
        headRole: role,
        role: this.kindValue === 'error' ? 'value' : role,
      });
    }
    return blocks;
  }

  private lines(width: number): string[] {
    const t = themeOf(this.screen);
    const lines = this.blocks(width).flatMap(({ rows, head, headRole, role }) =>
      rows.map((row, i) => {
        const padded = row + ' '.repeat(Math.max(width - displayWidth(row), 0));
        if (i > 0 || !head || !row.startsWith(head))
          return t.paint(i === 0 && head ? headRole : role, escapeTags(padded));
        return (
          t.paint(headRole, escapeTags(head)) + t.paint(role, escapeTags(padded.slice(head.length)))
        );
      }),
    );
    return lines.length > 0 ? lines : [' '.repeat(Math.max(width, 0))];
  }
}

function fieldHead(message: FieldMessage): string {
  const label = sanitize(message.label);
  return message.error ? `Error in ${label}: ` : `${label}: `;
}
