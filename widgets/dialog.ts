/**
 * A modal dialog: a framed message with a row of buttons. It takes the focus while open and
 * gives it back when closed. Esc, or the cancel button, closes it; nothing needs Esc alone.
 */
import blessed, { type Widgets } from 'blessed';
import { Overlay } from './overlay';
import { Button } from './button';
import { setContentInRender } from './blessed-internals';
import type { Field, Key } from './field';
import { cut, displayWidth, escapeTags, fit, sanitize } from './text';
import { themeOf, type Role } from './theme';

export interface DialogButton {
  label: string;
  onPress: () => void;
}

export interface DialogOptions {
  title: string;
  /** Lines of the message; long lines are cut to the dialog's width. */
  lines: string[];
  buttons: DialogButton[];
  /** Index of the button Esc presses (defaults to the last). */
  cancel?: number;
  /** Index of the button focused first. */
  initial?: number;
  role?: Role;
  /** One input under the message (e.g. a password), focused first; Enter in it presses the first button. */
  field?: Field;
}

export class Dialog extends Overlay {
  readonly el: Widgets.BoxElement;
  readonly buttons: Button[];

  constructor(
    screen: Widgets.Screen,
    private readonly options: DialogOptions,
  ) {
    super(screen);
    const cols = screen.width as number;
    const rows = screen.height as number;
    const contentWidth = Math.max(
      displayWidth(sanitize(options.title)) + 6,
      ...options.lines.map((l) => displayWidth(sanitize(l)) + 4),
      options.buttons.reduce((w, b) => w + displayWidth(b.label) + 5, 3),
    );
    const width = Math.min(Math.max(contentWidth, options.field ? 44 : 0), cols - 2);
    const fieldRows = options.field ? 3 : 0;
    const height = Math.min(options.lines.length + 6 + fieldRows, rows - 2);
    this.el = blessed.box({
      parent: screen,
      top: 'center',
      left: 'center',
      width,
      height,
      tags: true,
      wrap: false,
    });
    this.el.on('prerender', () => setContentInRender(this.el, this.frame().join('\n')));
    this.buttons = options.buttons.map(
      (b) => new Button(screen, { label: b.label, onPress: () => this.choose(b) }),
    );
    let left = 2;
    for (const button of this.buttons) {
      button.el.top = height - 4;
      button.el.left = left;
      left += button.width + 1;
      this.el.append(button.el);
      button.el.on('keypress', (ch: string | undefined, key: Key) => this.onKey(button, ch, key));
    }
    const { field } = options;
    if (field) {
      field.el.top = height - 4 - fieldRows;
      field.el.left = 1;
      field.el.width = width - 2;
      this.el.append(field.el);
      field.el.on('keypress', (ch: string | undefined, key: Key) =>
        this.onFieldKey(field, ch, key),
      );
    }
    this.el.setFront();
    if (field) field.el.focus();
    else this.buttons[options.initial ?? 0]?.el.focus();
    screen.render();
  }

  private choose(button: DialogButton): void {
    this.close();
    button.onPress();
  }

  /** Esc presses the cancel button (by default the last; a negative index means none). */
  private cancel(): void {
    const n = this.options.buttons.length;
    const cancel = this.options.buttons[this.options.cancel ?? n - 1];
    if (cancel) this.choose(cancel);
  }

  /** One ring for Tab: the field (if any), then the buttons. */
  private move(from: Field | Button, by: 1 | -1): void {
    const ring: (Field | Button)[] = [
      ...(this.options.field ? [this.options.field] : []),
      ...this.buttons,
    ];
    const at = ring.indexOf(from);
    ring[(at + by + ring.length) % ring.length]!.el.focus();
  }

  private onFieldKey(field: Field, ch: string | undefined, key: Key): void {
    // `\r` arrives as both return and enter: act on enter only.
    if (key.name === 'return') return;
    switch (key.full) {
      case 'enter': {
        const first = this.options.buttons[0];
        if (first) this.choose(first);
        return;
      }
      case 'escape':
        return this.cancel();
      case 'tab':
      case 'down':
        this.move(field, 1);
        break;
      case 'S-tab':
      case 'up':
        this.move(field, -1);
        break;
      default:
        if (!field.handleKey(ch, key)) return;
    }
    this.screen.render();
  }

  private onKey(button: Button, ch: string | undefined, key: Key): void {
    if (key.name === 'return') return;
    switch (key.full) {
      case 'escape':
        return this.cancel();
      case 'tab':
      case 'right':
      case 'down':
        this.move(button, 1);
        break;
      case 'S-tab':
      case 'left':
      case 'up':
        this.move(button, -1);
        break;
      default:
        if (!button.handleKey(ch, key)) return;
    }
    this.screen.render();
  }

  private frame(): string[] {
    const t = themeOf(this.screen);
    const g = t.glyphs;
    const width = this.el.width as number;
    const height = this.el.height as number;
    const inner = width - 2;
    const role = this.options.role ?? 'borderFocus';
    const title = cut(sanitize(this.options.title), Math.max(inner - 4, 0));
    const lines = [
      t.paint(role, g.tl + g.h) +
        ` ${t.paint('title', escapeTags(title))} ` +
        t.paint(role, g.h.repeat(Math.max(inner - displayWidth(title) - 3, 0)) + g.tr),
    ];
    const body = this.options.lines.map((l) => escapeTags(fit(' ' + sanitize(l), inner)));
    for (let r = 1; r < height - 1; r++) {
      lines.push(t.paint(role, g.v) + (body[r - 1] ?? ' '.repeat(inner)) + t.paint(role, g.v));
    }
    lines.push(t.paint(role, g.bl + g.h.repeat(inner) + g.br));
    return lines;
  }
}
