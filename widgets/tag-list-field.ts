/**
 * A list of tags: type a tag and press Enter to add it; Backspace on an empty input selects
 * the last tag and a second Backspace (or Delete) removes it; Left/Right walk the tags.
 */
import type { Widgets } from 'blessed';
import { Field, printable, type FieldOptions, type Key } from './field';
import type { ChipColor } from './palette';
import { displayWidth, escapeTags, fit, sanitize } from './text';

export interface TagListFieldOptions extends FieldOptions {
  value?: string[];
  placeholder?: string;
  /** Turn typed text into the tag to add (e.g. lowercase it). */
  normalise?: (raw: string) => string;
  /** Why a tag cannot be added, or undefined when it can. */
  check?: (tag: string, tags: readonly string[]) => string | undefined;
  onChange?: (tags: string[]) => void;
  /**
   * A tag's own colour (e.g. the cluster's), drawn as the tag's background with readable
   * text; without colour (NO_COLOR) such a tag is written in brackets.
   */
  color?: (tag: string) => ChipColor | undefined;
}

export class TagListField extends Field {
  private tags: string[];
  private input = '';
  /** Index of the selected tag, or -1 while typing. */
  private selected = -1;
  private readonly options: TagListFieldOptions;

  constructor(screen: Widgets.Screen, options: TagListFieldOptions) {
    super(screen, options);
    this.options = options;
    this.tags = [...(options.value ?? [])];
  }

  get value(): string[] {
    return [...this.tags];
  }

  /** What is typed but not yet added. */
  get pending(): string {
    return this.input;
  }

  setValue(tags: string[]): void {
    this.tags = [...tags];
    this.selected = -1;
  }

  /** Leaving the field adds what was typed but not entered yet, so it is not lost. */
  override leave(): void {
    this.selected = -1;
    this.commitPending();
  }

  /**
   * Add the text typed but not yet entered (leaving the field, Next). False when it is refused:
   * the text stays, with the reason, for the user to fix.
   */
  commitPending(): boolean {
    if (this.input.trim() === '') {
      this.input = '';
      return true;
    }
    this.add();
    return this.input === '';
  }

  override handleKey(ch: string | undefined, key: Key): boolean {
    if (this.disabled) return false;
    if (printable(ch, key) && !(key.name === 'space' && this.input === '')) {
      this.selected = -1;
      this.input += sanitize(ch);
      this.setError(undefined);
      return true;
    }
    switch (key.name) {
      case 'enter':
        if (this.input === '') return false;
        this.add();
        return true;
      case 'backspace':
        if (this.input !== '') {
          this.input = this.input.slice(0, -1);
          this.setError(undefined);
        } else if (this.selected >= 0) this.remove(this.selected);
        else if (this.tags.length > 0) this.selected = this.tags.length - 1;
        else return true;
        return true;
      case 'delete':
        if (this.selected >= 0) this.remove(this.selected);
        return true;
      case 'left':
        if (this.input !== '' || this.tags.length === 0) return true;
        this.selected = this.selected < 0 ? this.tags.length - 1 : Math.max(0, this.selected - 1);
        return true;
      case 'right':
        if (this.selected >= 0)
          this.selected = this.selected + 1 < this.tags.length ? this.selected + 1 : -1;
        return true;
      default:
        return false;
    }
  }

  private add(): void {
    const tag = (this.options.normalise ?? ((s: string) => s.trim()))(this.input);
    const problem = this.options.check?.(tag, this.tags);
    if (problem) {
      this.setError(problem);
      return;
    }
    this.tags.push(tag);
    this.input = '';
    this.setError(undefined);
    this.options.onChange?.(this.value);
  }

  private remove(index: number): void {
    this.tags.splice(index, 1);
    this.selected = this.tags.length === 0 ? -1 : Math.min(index, this.tags.length - 1);
    if (index >= this.tags.length) this.selected = -1;
    this.options.onChange?.(this.value);
  }

  /** A tag as drawn: its text (a cell of room each side, or brackets) and how it is painted. */
  private chip(tag: string, index: number): { text: string; paint: (text: string) => string } {
    const t = this.theme;
    const color = this.options.color?.(tag);
    const text = color && !t.color ? `[${sanitize(tag)}]` : ` ${sanitize(tag)} `;
    if (this.disabled) return { text, paint: (s) => t.paint('valueDisabled', s) };
    if (index === this.selected && this.focused)
      return { text, paint: (s) => t.paint('chipSelected', s) };
    if (!color) return { text, paint: (s) => t.paint('chip', s) };
    return { text, paint: (s) => t.paintColor(color, s) };
  }

  protected valueRow(width: number): string {
    const t = this.theme;
    if (
      this.tags.length === 0 &&
      this.input === '' &&
      (!this.focused || this.options.placeholder)
    ) {
      return this.placeholderRow(this.options.placeholder ?? '', width);
    }
    const chips = this.tags.map((tag, i) => this.chip(tag, i));
    // A refused tag stays in view after the focus left, next to its message.
    const inputText = this.focused || this.error ? sanitize(this.input) : '';
    const inputWidth = this.focused ? displayWidth(inputText) + 1 : displayWidth(inputText);
    // Show as many of the last tags as fit, keeping room for the input.
    let used = inputWidth;
    let first = chips.length;
    while (first > 0 && used + displayWidth(chips[first - 1]!.text) + 1 <= width - 4) {
      used += displayWidth(chips[first - 1]!.text) + 1;
      first--;
    }
    if (this.selected >= 0 && this.selected < first) first = this.selected;
    let out = '';
    let w = 0;
    if (first > 0) {
      const more = `+${first} `;
      out += t.paint('hint', more);
      w += more.length;
    }
    for (const chip of chips.slice(first)) {
      const text = fit(chip.text, Math.min(displayWidth(chip.text), Math.max(width - w - 1, 0)));
      if (text === '') break;
      out += chip.paint(escapeTags(text)) + ' ';
      w += displayWidth(text) + 1;
    }
    if (this.focused && w < width) {
      const room = width - w - 1;
      const shown = displayWidth(inputText) > room ? inputText.slice(-room) : inputText;
      out += escapeTags(shown) + t.paint('cursor', ' ');
      w += displayWidth(shown) + 1;
    } else if (inputText && w < width) {
      const shown = fit(inputText, Math.min(displayWidth(inputText), width - w));
      out += escapeTags(shown);
      w += displayWidth(shown);
    }
    return out + ' '.repeat(Math.max(width - w, 0));
  }
}
