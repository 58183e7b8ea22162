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
    const before = this.value;
    if (printable(ch, key)) {
      this.insert(ch);
    } else {
      switch (key.full ?? key.name) {
        case 'backspace':
          if (this.cursor > 0) this.chars.splice(--this.cursor, 1);
          break;
        case 'delete':
          this.chars.splice(this.cursor, 1);
          break;
        case 'left':
          this.cursor = Math.max(0, this.cursor - 1);
          break;
        case 'right':
          this.cursor = Math.min(this.chars.length, this.cursor + 1);
          break;
        case 'home':
        case 'C-a':
          this.cursor = 0;
          break;
        case 'end':
        case 'C-e':
          this.cursor = this.chars.length;
          break;
        case 'C-u':
          this.chars.splice(0, this.cursor);
          this.cursor = 0;
          break;
        case 'C-k':
          this.chars.splice(this.cursor);
          break;
        case 'C-w': {
          let start = this.cursor;
          while (start > 0 && this.chars[start - 1] === ' ') start--;
          while (start > 0 && this.chars[start - 1] !== ' ') start--;
          this.chars.splice(start, this.cursor - start);
          this.cursor = start;
          break;
        }
        default:
          return false;
      }
    }
    if (this.value !== before) this.changed();
    return true;
  }

  private get exact(): boolean {
    return this.options.exact === true || this.options.mask === true;
  }

  /** The characters a field keeps of `text`: exactly them, or as they are shown. */
  private accept(text: string): string[] {
    if (this.exact) return [...text.replaceAll(PASTED_TAB, '\t')];
    return [...sanitize(text.replaceAll(PASTED_TAB, ' '))];
  }

  private insert(text: string): void {
    const room = (this.options.maxLength ?? Infinity) - this.chars.length;
    const add = this.accept(text).slice(0, Math.max(room, 0));
    // A character beyond the BMP may arrive as its two halves, one key each: keep it whole.
    const before = this.chars[this.cursor - 1];
    if (before && isHighSurrogate(before) && add[0] && isLowSurrogate(add[0])) {
      this.chars[this.cursor - 1] = before + add.shift()!;
    }
    this.chars.splice(this.cursor, 0, ...add);
    this.cursor += add.length;
  }

  private changed(): void {
    if (this.options.validate) this.setError(this.options.validate(this.value));
    else if (this.error) this.setError(undefined);
    this.options.onChange?.(this.value);
  }

  private shown(): string[] {
    if (this.options.mask) return this.chars.map(() => '*');
    // One drawn cell (or two) per kept character, so the cursor stays on its character.
    return this.exact ? this.chars.map((c) => sanitize(c) || '\ufffd') : this.chars;
  }

  protected valueRow(width: number): string {
    const t = this.theme;
    if (this.chars.length === 0 && !this.focused) {
      return this.plain(this.options.placeholder ?? '', width, 'placeholder');
    }
    if (!this.focused) return this.plain(this.shown().join(''), width);
    const shown = this.shown();
    // Scroll so the cursor (and one cell for it at the end) stays inside the row.
    if (this.cursor < this.offset) this.offset = this.cursor;
    const span = (from: number, to: number) =>
      shown.slice(from, to).reduce((w, c) => w + charWidth(c), 0);
    while (span(this.offset, this.cursor) + 1 > width && this.offset < this.cursor) this.offset++;
    let out = '';
    let used = 0;
    for (let i = this.offset; i <= shown.length; i++) {
      const c = shown[i] ?? ' ';
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
