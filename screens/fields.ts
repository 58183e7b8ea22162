/**
 * Fields as data: a step declares its fields in screen order — which value each edits (its key,
 * the path the step schema uses), which widget shows it, its words and its rules — and one
 * builder and one binder (screens/form-binder.ts) turn the list into a working form.
 */
import type { VmConfig } from '../lib/model/config';
import type { WizardState } from '../lib/wizard/machine';
import type { ChipColor } from '../widgets/palette';
import type { OptionSource, SelectOption } from '../widgets/select-field';

/** What a field's rules see: the values the form edits, the whole configuration, the data. */
export interface FieldScope<V, D> {
  values: V;
  config: VmConfig;
  data: D | undefined;
  state: WizardState;
}

export type Rule<V, D, R> = (scope: FieldScope<V, D>) => R;

type KeyOfType<V, T> = { [K in keyof V]-?: V[K] extends T ? K : never }[keyof V] & string;

interface Common<V, D> {
  label: string;
  /** A fixed hint, or one that follows the values or the data. */
  hint?: string | Rule<V, D, string>;
  /** The field is greyed out (and Tab skips it) while this says false. */
  enabled?: Rule<V, D, boolean>;
  /** Take the whole width of a two-column form. */
  wide?: boolean;
  /**
   * Shown only while the step's "Advanced" checkbox is on (or while the field has a problem),
   * as the fields behind the web UI's per-panel Advanced checkbox.
   */
  advanced?: boolean;
}

export interface TextDescriptor<V, D> extends Common<V, D> {
  kind: 'text' | 'number';
  key: KeyOfType<V, string> | KeyOfType<V, number>;
  placeholder?: string;
  /** Limits a number field shows as its hint (`1-256`, `min 0`). */
  min?: number;
  max?: number;
  /** Limits that follow the values (a device index per bus). */
  limits?: Rule<V, D, { min?: number; max?: number }>;
  /** The text shown for the values, when it is not the key's own value. */
  read?(values: V): string;
  /** The edit a typed text makes, when it is not `{ [key]: text }`. */
  write?(text: string): Partial<V>;
  /** Run after the edit was reported (e.g. start a check against the server). */
  after?(text: string): void;
}

interface SelectDescriptorOf<V, D, K extends keyof V & string, T extends string> extends Common<
  V,
  D
> {
  kind: 'select';
  key: K;
  /** Fixed options, options from the step's data, or none (the screen sets them). */
  options?: readonly SelectOption<T>[] | Rule<V, D, SelectOption<T>[] | OptionSource<T>>;
  /** Other values the options depend on (they are rebuilt when the data or these change). */
  dependsOn?: readonly (keyof V)[];
  /** What else the options depend on, as a key: they are rebuilt when it changes. */
  optionsKey?: Rule<V, D, string>;
  placeholder?: string;
  emptyText?: string;
  maxRows?: number;
  /** The edit a choice makes, when it is not `{ [key]: value }`. */
  write?(value: T, values: V): Partial<V>;
  after?(value: T): void;
}

/** A select of one of the string values: its options are typed by that value's type. */
export type SelectDescriptor<V, D> = {
  [K in KeyOfType<V, string>]: SelectDescriptorOf<V, D, K, V[K] & string>;
}[KeyOfType<V, string>];

export interface ToggleDescriptor<V, D> extends Common<V, D> {
  kind: 'toggle';
  key: KeyOfType<V, boolean>;
  /** The state shown, when it is not the key's own value (an option that has no effect). */
  read?: Rule<V, D, boolean>;
}

export interface TagsDescriptor<V, D> extends Common<V, D> {
  kind: 'tags';
  key: KeyOfType<V, string[]>;
  placeholder?: string;
  normalise?(raw: string): string;
  check?(tag: string, tags: readonly string[]): string | undefined;
  after?(tags: string[]): void;
  /** A tag's own colour (the cluster's), read when the tag is drawn. */
  color?(tag: string, scope: FieldScope<V, D>): ChipColor | undefined;
}

/** A select that adds to another value (e.g. a cluster tag to the tags); it holds no value. */
export interface PickerDescriptor<V, D> extends Common<V, D> {
  kind: 'picker';
  key: string;
  options: Rule<V, D, SelectOption[] | OptionSource>;
  dependsOn?: readonly (keyof V)[];
  placeholder?: string;
  emptyText?: string;
  /** The edit choosing `value` makes; undefined changes nothing. */
  pick(value: string, values: V): Partial<V> | undefined;
  /** The choice shown for the values (a part of a value, e.g. one CPU flag); none: empty. */
  read?(values: V): string;
}

/** A value shown in a field frame that cannot be edited (a total, a fixed format). */
export interface ReadonlyDescriptor<V, D> extends Common<V, D> {
  kind: 'readonly';
  key: string;
  value: Rule<V, D, string>;
}

export type FieldDescriptor<V, D = unknown> =
  | TextDescriptor<V, D>
  | SelectDescriptor<V, D>
  | ToggleDescriptor<V, D>
  | TagsDescriptor<V, D>
  | PickerDescriptor<V, D>
  | ReadonlyDescriptor<V, D>;

/** The options of a fixed choice list (`{ value, label }` entries of lib/model/options). */
export const choices = <T extends string>(
  list: readonly { value: T; label: string }[],
): SelectOption<T>[] => list.map((c) => ({ value: c.value, label: c.label }));
