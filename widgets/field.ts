/**
 * The compact field: exactly three rows — top border carrying the label, the value row, and a
 * bottom border that may carry a short hint or an error. The field draws its own border so the
 * label, hint and colours are exact; focus recolours the label and the side bars, an error
 * turns the border red.
 * A focused field reads its own keys (one reader at a time: only the focused element gets them).
 */
import type { Widgets } from 'blessed';
import { fieldBox, setContentInRender } from './blessed-internals';
import { charWidth, cut, displayWidth, escapeTags, fit, sanitize } from './text';
import { themeOf, type Role, type Theme } from './theme';

export interface Key {
  name?: string;
  full?: string;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  sequence?: string;
}

export interface FieldOptions {
  label: string;
  hint?: string;
  disabled?: boolean;
  /** Width in cells; the layout sets it when the field is placed. */
  width?: number;
}

export const FIELD_HEIGHT = 3;

/** What a field's bottom border says: its error, or else its hint. */
export interface FieldMessage {
  label: string;
  text: string;
  error: boolean;
}

/** Cells of a border that its text may use: the corners, a line cell each side and the spaces. */
const BORDER_FRAME = 6;

const fields = new WeakMap<Widgets.BlessedElement, Field>();

/** The field an element belongs to (e.g. the screen's focused element), if it is one. */
export function fieldOf(el: Widgets.BlessedElement | undefined | null): Field | undefined {
  return el ? fields.get(el) : undefined;
}

/** Something the form can place and focus: a field or a button. */
export interface Focusable {
  readonly el: Widgets.BoxElement;
  readonly disabled: boolean;
  /** Whether Tab stops here (read-only values do not). */
  readonly focusable: boolean;
  /** Handle a key while focused; false lets the form use it (Tab, Enter, arrows …). */
  handleKey(ch: string | undefined, key: Key): boolean;
  /** The form is about to move focus away (e.g. close an open list). */
  leave?(): void;
}

/** A printable character typed by the user (not a control or navigation key). */
export function printable(ch: string | undefined, key: Key): ch is string {
  if (!ch || key.ctrl || key.meta) return false;
  if (key.name === 'enter' || key.name === 'return' || key.name === 'tab') return false;
  if (key.name === 'escape' || key.name === 'backspace' || key.name === 'delete') return false;
  return ch >= ' ' && ch !== '\x7f';
}

export abstract class Field implements Focusable {
  readonly el: Widgets.BoxElement;
  readonly screen: Widgets.Screen;
  readonly focusable: boolean = true;
  private labelText: string;
  private hintText: string;
  private errorText = '';
  private isDisabled: boolean;

  constructor(screen: Widgets.Screen, options: FieldOptions) {
    this.screen = screen;
    this.labelText = options.label;
    this.hintText = options.hint ?? '';
    this.isDisabled = options.disabled ?? false;
    this.el = fieldBox(FIELD_HEIGHT, options.width ?? 30);
    fields.set(this.el, this);
    this.el.on('prerender', () => {
      setContentInRender(this.el, this.render(this.el.width as number).join('\n'));
    });
    this.el.on('focus', () => this.screen.render());
    this.el.on('blur', () => this.screen.render());
    this.el.on('click', () => {
      if (!this.isDisabled && this.focusable) this.el.focus();
    });
  }

  get theme(): Theme {
    return themeOf(this.screen);
  }

  get label(): string {
    return this.labelText;
  }

  get disabled(): boolean {
    return this.isDisabled;
  }

  get focused(): boolean {
    return this.screen.focused === this.el;
  }

  get error(): string {
    return this.errorText;
  }

  /** The message the bottom border carries, whole (the border may have to cut it). */
  get message(): FieldMessage | undefined {
    const text = sanitize(this.errorText || this.hintText);
    return text ? { label: sanitize(this.labelText), text, error: !!this.errorText } : undefined;
  }

  /**
   * The width the field is drawn at. A form sets it to the width it will lay the field out at,
   * which is right even before the form's next layout (a resize, the first frame).
   */
  drawnWidth: () => number = () => this.el.width as number;

  /** The bottom border cannot show the whole message (the status area shows it then). */
  messageCut(): boolean {
    const message = this.message;
    return !!message && displayWidth(message.text) > this.drawnWidth() - BORDER_FRAME;
  }

  setLabel(label: string): void {
    this.labelText = label;
  }

  setHint(hint: string): void {
    this.hintText = hint;
  }

  /** Show a problem in the bottom border (empty clears it). */
  setError(message: string | undefined): void {
    this.errorText = message ?? '';
  }

  setDisabled(disabled: boolean): void {
    this.isDisabled = disabled;
  }

  handleKey(_ch: string | undefined, _key: Key): boolean {
    return false;
  }

  /** Focus is leaving: close whatever the field has open (a plain field has nothing). */
  leave(): void {}

  /** The value row's content, exactly `width` cells, tags escaped by the caller's helpers. */
  protected abstract valueRow(width: number): string;

  /** The three rows, each exactly `width` cells. */
  render(width: number): [string, string, string] {
    const t = this.theme;
    const g = t.glyphs;
    // Focus shows in the label and the two side bars, not in the long border lines: a focus
    // move then repaints a few cells, not four whole lines (≤ 400 bytes, not 1.2 KB).
    const borderRole: Role = this.isDisabled
      ? 'borderDisabled'
      : this.errorText
        ? 'borderError'
        : 'border';
    const sideRole: Role = borderRole === 'border' && this.focused ? 'borderFocus' : borderRole;
    const labelRole: Role = this.isDisabled
      ? 'labelDisabled'
      : this.focused
        ? 'labelFocus'
        : 'label';
    const bottomText = this.errorText || this.hintText;
    const bottomRole: Role = this.errorText ? 'error' : 'hint';
    const inner = Math.max(width - 2, 0);
    const edge = (text: string, role: Role, left: string, right: string): string => {
      // Leave at least one line cell after the text so the corner never touches it.
      const room = width - BORDER_FRAME;
      if (!text || room < 1) return t.paint(borderRole, left + g.h.repeat(inner) + right);
      const whole = sanitize(text);
      const shown =
        displayWidth(whole) > room
          ? cut(whole, room - displayWidth(g.ellipsis)).trimEnd() + g.ellipsis
          : whole;
      const rest = inner - 3 - displayWidth(shown);
      // The spaces around the text take its style: an inverse label reads as a bar.
      return (
        // The corner before the label goes with it (one run: no extra cursor move).
        t.paint(role === 'labelFocus' ? sideRole : borderRole, left + g.h) +
        t.paint(role, escapeTags(` ${shown} `)) +
        t.paint(borderRole, g.h.repeat(rest) + right)
      );
    };
    const v = t.paint(sideRole, g.v);
    return [
      edge(this.labelText, labelRole, g.tl, g.tr),
      v + ' ' + this.valueRow(Math.max(width - 4, 0)) + ' ' + v,
      edge(bottomText, bottomRole, g.bl, g.br),
    ];
  }

  /** Plain value text fitted to `width` and painted for the field's state. */
  protected plain(text: string, width: number, role: Role = 'value'): string {
    const t = this.theme;
    const fitted = fit(sanitize(text), width, t.glyphs.ellipsis);
    // The padding stays unpainted (no role has a background): its cells are then the same in
    // every state, and a focus move repaints the text that changed, not the whole row.
    const body = fitted.trimEnd();
    const painted = body ? t.paint(this.isDisabled ? 'valueDisabled' : role, escapeTags(body)) : '';
    return painted + fitted.slice(body.length);
  }

  /**
   * An empty value's placeholder; focused, the cursor sits on its first cell and the text stays
   * until something is typed (as the web UI's fields do), so a focus move repaints one cell.
   */
  protected placeholderRow(text: string, width: number): string {
    if (!this.focused || text === '') return this.plain(text, width, 'placeholder');
    const t = this.theme;
    const [first = ' ', ...rest] = Array.from(fit(sanitize(text), width, t.glyphs.ellipsis));
    return (
      t.paint('cursor', escapeTags(first)) +
      this.plain(rest.join(''), width - charWidth(first), 'placeholder')
    );
  }
}
