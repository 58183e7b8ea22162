/**
 * The one status/notice line: loading, empty, success, warning, error and info messages all
 * look and read the same everywhere. The kind is spelled out, so it reads without colour.
 */
import blessed, { type Widgets } from 'blessed';
import { setContentInRender } from './blessed-internals';
import { escapeTags, fit, sanitize, displayWidth } from './text';
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

export class Notice {
  readonly el: Widgets.BoxElement;
  private kindValue: NoticeKind = 'info';
  private textValue = '';
  private actionValue = '';

  constructor(
    private readonly screen: Widgets.Screen,
    options: NoticeOptions = {},
  ) {
    this.el = blessed.box({ height: 1, tags: true, wrap: false, ...options });
    this.el.on('prerender', () => setContentInRender(this.el, this.line(this.el.width as number)));
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

  /** The whole message as it reads when nothing is cut: kind, text and action. */
  get message(): string {
    const text = sanitize(this.textValue);
    if (!text) return '';
    const prefix = PREFIX[this.kindValue];
    const action = this.actionValue ? ` (${sanitize(this.actionValue)})` : '';
    return `${prefix ? `${prefix}: ` : ''}${text}${action}`;
  }

  /** The line cannot show the whole message (the help shows it then). */
  isCut(): boolean {
    return displayWidth(this.message) > (this.el.width as number);
  }

  clear(): void {
    this.set('info', '');
  }

  line(width: number): string {
    const t = themeOf(this.screen);
    const text = sanitize(this.textValue);
    if (!text) return ' '.repeat(Math.max(width, 0));
    const prefix = PREFIX[this.kindValue];
    const role: Role = this.kindValue === 'error' ? 'error' : this.kindValue;
    if (!prefix) return t.paint(role, escapeTags(fit(text, width, t.glyphs.ellipsis)));
    const head = `${prefix}: `;
    const action = this.actionValue ? ` (${sanitize(this.actionValue)})` : '';
    const room = Math.max(width - displayWidth(head) - displayWidth(action), 0);
    const rest = fit(text, room, t.glyphs.ellipsis).trimEnd() + action;
    return (
      t.paint(role, head) +
      t.paint(
        this.kindValue === 'error' ? 'value' : role,
        escapeTags(fit(rest, Math.max(width - displayWidth(head), 0))),
      )
    );
  }
}
