/**
 * A checkbox in a compact field: the label says what checking means and never changes; the box
 * alone shows the state, as in the Proxmox web UI. Space (or a click) toggles it.
 */
import type { Widgets } from 'blessed';
import { Field, type FieldOptions, type Key } from './field';

export interface ToggleFieldOptions extends FieldOptions {
  value?: boolean;
  onChange?: (value: boolean) => void;
}

export class ToggleField extends Field {
  private checked: boolean;
  private readonly options: ToggleFieldOptions;

  constructor(screen: Widgets.Screen, options: ToggleFieldOptions) {
    super(screen, options);
    this.options = options;
    this.checked = options.value ?? false;
    this.el.on('click', () => {
      if (!this.disabled) this.toggle();
      this.screen.render();
    });
  }

  get value(): boolean {
    return this.checked;
  }

  setValue(value: boolean): void {
    this.checked = value;
  }

  toggle(): void {
    this.checked = !this.checked;
    this.options.onChange?.(this.checked);
  }

  override handleKey(_ch: string | undefined, key: Key): boolean {
    if (this.disabled || key.name !== 'space') return false;
    this.toggle();
    return true;
  }

  protected valueRow(width: number): string {
    const box = this.checked ? `[${this.theme.glyphs.check}]` : '[ ]';
    const t = this.theme;
    const role = this.disabled ? 'valueDisabled' : this.focused ? 'highlight' : 'value';
    return t.paint(role, box.slice(0, width)) + ' '.repeat(Math.max(width - box.length, 0));
  }
}
