/** Single-line text input (also masked for passwords) with its own line editing. */
import type { Widgets } from 'blessed';
import { Field, printable, type FieldOptions, type Key } from './field';
import { charWidth, escapeTags, fit, PASTED_TAB, sanitize } from './text';

export interface TextFieldOptions extends FieldOptions {
  value?: string;
  placeholder?: string;
  /** Show `*` for every character (passwords, secrets); keeps the value exact. */
  mask?: boolean;
  /**
   * Keep exactly what was typed or pasted — any Unicode, tabs included — for values that are
   * data, not display text (user names, codes; secrets always): only the drawing is sanitised.
   */
  exact?: boolean;
  /** Most characters kept (default DEFAULT_MAX_LENGTH); more is refused, with a message. */
  maxLength?: number;
  /** Live check after each edit: a message puts the field in its error state. */
  validate?: (value: string) => string | undefined;
  /**
   * Check when the focus leaves the field, for values that are only unfinished while typed
   * (`web-`): the live check lets them pass, so typing does not flash an error.
   */
  validateOnLeave?: (value: string) => string | undefined;
  onChange?: (value: string) => void;
}

/**
 * The most characters a text field keeps unless told otherwise: above the longest string the
 * VM API takes (a description, 8192), so no valid value is refused, yet a runaway paste is.
 */
export const DEFAULT_MAX_LENGTH = 16_384;

export class TextField extends Field {
  private chars: string[];
  private cursor: number;
  private offset = 0;
  private readonly options: TextFieldOptions;

  constructor(screen: Widgets.Screen, options: TextFieldOptions) {
    super(screen, options);
    this.options = options;
    this.chars = this.accept(options.value ?? '');
    this.cursor = this.chars.length;
    const onLeave = options.validateOnLeave;
    if (onLeave) this.el.on('blur', () => this.setError(onLeave(this.value)));
  }

  get value(): string {
    return this.chars.join('');
  }

  /** Replace the value (from the model); the cursor goes to the end. */
  setValue(value: string): void {
    this.chars = this.accept(value);
    this.cursor = this.chars.length;
  }

  override handleKey(ch: string | undefined, key: Key): boolean {
    if (this.disabled) return false;
    const edited = printable(ch, key) ? this.insert(ch, key.name === 'paste') : this.edit(key);
    if (edited === undefined) return false;
    if (edited) this.changed();
    return true;
  }

  /** A line-editing key: true when the text changed, undefined for a key it does not take. */
  private edit(key: Key): boolean | undefined {
    const { chars, cursor } = this;
    switch (key.full ?? key.name) {
      case 'backspace':
        if (cursor === 0) return false;
        chars.splice(--this.cursor, 1);
        return true;
      case 'delete':
        return chars.splice(cursor, 1).length > 0;
      case 'left':
        this.cursor = Math.max(0, cursor - 1);
        return false;
      case 'right':
        this.cursor = Math.min(chars.length, cursor + 1);
        return false;
      case 'home':
      case 'C-a':
        this.cursor = 0;
        return false;
      case 'end':
      case 'C-e':
        this.cursor = chars.length;
        return false;
      case 'C-u':
        this.cursor = 0;
        return chars.splice(0, cursor).length > 0;
      case 'C-k':
        return chars.splice(cursor).length > 0;
      case 'C-w': {
        let start = cursor;
        while (start > 0 && chars[start - 1] === ' ') start--;
        while (start > 0 && chars[start - 1] !== ' ') start--;
        this.cursor = start;
        return chars.splice(start, cursor - start).length > 0;
      }
      default:
        return undefined;
    }
  }

  private get maxLength(): number {
    return this.options.maxLength ?? DEFAULT_MAX_LENGTH;
  }

  private get exact(): boolean {
    return this.options.exact === true || this.options.mask === true;
  }

  /** The characters a field keeps of `text`: exactly them, or as they are shown. */
  private accept(text: string): string[] {
    if (this.exact) return [...text.replaceAll(PASTED_TAB, '\t')];
    return [...sanitize(text.replaceAll(PASTED_TAB, ' '))];
  }

  /**
   * Insert typed or pasted text as one edit. What does not fit is refused whole, and the field
   * says so (a paste cut short would be a different value, silently).
   */
  private insert(text: string, pasted: boolean): boolean {
    const add = this.accept(text);
    // A character beyond the BMP may arrive as its two halves, one key each: keep it whole.
    const before = this.chars[this.cursor - 1];
    if (before && isHighSurrogate(before) && add[0] && isLowSurrogate(add[0])) {
      this.chars[this.cursor - 1] = before + add.shift()!;
      if (add.length === 0) return true;
    }
    const room = this.maxLength - this.chars.length;
    if (add.length > room) {
      this.setError(tooLong(add.length, room, this.maxLength, pasted));
      return false;
    }
    // One splice: a 16,000-character paste is one copy, not one per character.
    this.chars.splice(this.cursor, 0, ...add);
    this.cursor += add.length;
    return add.length > 0;
  }

  private changed(): void {
    if (this.options.validate) this.setError(this.options.validate(this.value));
    else if (this.error) this.setError(undefined);
    this.options.onChange?.(this.value);
  }

  /** The cell (or two) drawn for a kept character, so the cursor stays on its character. */
  private cell(c: string): string {
    if (this.options.mask) return '*';
    return this.exact ? sanitize(c) || '\ufffd' : c;
  }

  protected valueRow(width: number): string {
    const t = this.theme;
    const { chars } = this;
    if (chars.length === 0 && (!this.focused || this.options.placeholder)) {
      return this.placeholderRow(this.options.placeholder ?? '', width);
    }
    if (!this.focused) {
      const head = chars.length > width * 2 ? chars.slice(0, width * 2) : chars;
      return this.plain(head.map((c) => this.cell(c)).join(''), width);
    }
    // Scroll so the cursor (and one cell for it at the end) stays inside the row: walk back
    // from the cursor over at most a row of cells.
    if (this.cursor < this.offset) this.offset = this.cursor;
    let start = this.cursor;
    let used = 1;
    while (start > this.offset && used + charWidth(this.cell(chars[start - 1]!)) <= width) {
      used += charWidth(this.cell(chars[--start]!));
    }
    this.offset = start;
    let out = '';
    used = 0;
    for (let i = this.offset; i <= chars.length; i++) {
      const c = i < chars.length ? this.cell(chars[i]!) : ' ';
      const w = charWidth(c);
      if (used + w > width) break;
      out += i === this.cursor ? t.paint('cursor', escapeTags(c)) : escapeTags(c);
      used += w;
    }
    return out + fit('', width - used);
  }
}

export interface NumberFieldOptions extends TextFieldOptions {
  min?: number;
  max?: number;
  /** Allow a fractional part (disk sizes, rate limits). */
  decimal?: boolean;
  /** Empty is valid (optional fields). */
  optional?: boolean;
  /** How the number is named in messages, e.g. "VM ID". */
  noun?: string;
}

/**
 * Text of a number field: the raw text is kept, so nothing typed is lost; checked live, by the
 * caller's `validate` when given (the wizard's come from its model), else as a plain number.
 */
export class NumberField extends TextField {
  private limits: { min?: number; max?: number };

  constructor(screen: Widgets.Screen, options: NumberFieldOptions) {
    const range = rangeText(options.min, options.max);
    super(screen, {
      ...options,
      hint: options.hint ?? range,
      validate:
        options.validate ?? ((value) => numberProblem(value, { ...options, ...this.limits })),
    });
    this.limits = { min: options.min, max: options.max };
  }

  /** New limits (e.g. a device index per bus): the hint and the live check follow. */
  setLimits(min: number | undefined, max: number | undefined): void {
    this.limits = { min, max };
    this.setHint(rangeText(min, max));
  }
}

function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `${min}-${max}`;
  if (min !== undefined) return `min ${min}`;
  if (max !== undefined) return `max ${max}`;
  return '';
}

export function numberProblem(value: string, o: NumberFieldOptions): string | undefined {
  const text = value.trim();
  const noun = o.noun ?? o.label;
  if (text === '') return o.optional ? undefined : `${noun} is required`;
  const pattern = o.decimal ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/;
  const kind = o.decimal ? 'a number' : 'a whole number';
  const n = Number(text);
  const inRange = (o.min === undefined || n >= o.min) && (o.max === undefined || n <= o.max);
  if (!pattern.test(text) || !inRange) {
    const range =
      o.min !== undefined && o.max !== undefined
        ? ` between ${o.min} and ${o.max}`
        : o.min !== undefined
          ? ` of ${o.min} or more`
          : o.max !== undefined
            ? ` of at most ${o.max}`
            : '';
    return `${noun} must be ${kind}${range}`;
  }
  return undefined;
}

const isHighSurrogate = (c: string) => c.length === 1 && c >= '\ud800' && c <= '\udbff';
const isLowSurrogate = (c: string) => c.length === 1 && c >= '\udc00' && c <= '\udfff';

function tooLong(adding: number, room: number, max: number, pasted: boolean): string {
  const fits = room > 0 ? `only ${room} more fit` : 'the field is full';
  return pasted
    ? `Paste of ${adding} characters refused: at most ${max} (${fits})`
    : `At most ${max} characters`;
}
