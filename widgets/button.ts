/** A push button, three rows like the fields so it sits on the same grid. */
import blessed, { type Widgets } from 'blessed';
import { setContentInRender } from './blessed-internals';
import { FIELD_HEIGHT, type Focusable, type Key } from './field';
import { displayWidth, escapeTags, sanitize } from './text';
import { themeOf } from './theme';

export interface ButtonOptions {
  label: string;
  disabled?: boolean;
  onPress?: () => void;
}

export class Button implements Focusable {
  readonly el: Widgets.BoxElement;
  readonly focusable = true;
  private labelText: string;
  private isDisabled: boolean;
  private readonly onPress: (() => void) | undefined;

  constructor(
    private readonly screen: Widgets.Screen,
    options: ButtonOptions,
  ) {
    this.labelText = options.label;
    this.isDisabled = options.disabled ?? false;
    this.onPress = options.onPress;
    this.el = blessed.box({
      height: FIELD_HEIGHT,
      width: this.width,
      tags: true,
      wrap: false,
      keyable: true,
      clickable: true,
    });
    this.el.on('prerender', () => setContentInRender(this.el, this.render().join('\n')));
    this.el.on('focus', () => this.screen.render());
    this.el.on('blur', () => this.screen.render());
    this.el.on('click', () => {
      if (this.isDisabled) return;
      this.el.focus();
      this.press();
    });
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

  /** Cells the button needs: the label with a space and a border on each side. */
  get width(): number {
    return displayWidth(sanitize(this.labelText)) + 4;
  }

  setLabel(label: string): void {
    this.labelText = label;
    this.el.width = this.width;
  }

  setDisabled(disabled: boolean): void {
    this.isDisabled = disabled;
  }

  press(): void {
    if (!this.isDisabled) this.onPress?.();
  }

  handleKey(_ch: string | undefined, key: Key): boolean {
    if (key.name !== 'enter' && key.name !== 'space') return false;
    this.press();
    return true;
  }

  render(): [string, string, string] {
    const t = themeOf(this.screen);
    const g = t.glyphs;
    const role = this.isDisabled ? 'borderDisabled' : this.focused ? 'borderFocus' : 'border';
    const text = escapeTags(` ${sanitize(this.labelText)} `);
    const inner = this.width - 2;
    const label = this.isDisabled
      ? t.paint('valueDisabled', text)
      : t.paint(this.focused ? 'buttonFocus' : 'button', text);
    return [
      t.paint(role, g.tl + g.h.repeat(inner) + g.tr),
      t.paint(role, g.v) + label + t.paint(role, g.v),
      t.paint(role, g.bl + g.h.repeat(inner) + g.br),
    ];
  }
}
