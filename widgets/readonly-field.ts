/** A value shown in the field frame that cannot be changed (e.g. a disk's format). */
import type { Widgets } from 'blessed';
import { Field, type FieldOptions } from './field';

export interface ReadonlyFieldOptions extends FieldOptions {
  value?: string;
}

export class ReadonlyField extends Field {
  override readonly focusable = false;
  private text: string;

  constructor(screen: Widgets.Screen, options: ReadonlyFieldOptions) {
    super(screen, options);
    this.text = options.value ?? '';
  }

  get value(): string {
    return this.text;
  }

  setValue(value: string): void {
    this.text = value;
  }

  protected valueRow(width: number): string {
    return this.plain(this.text, width, 'valueDisabled');
  }
}
