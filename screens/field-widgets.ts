/** The one builder of fields: a descriptor (screens/fields.ts) becomes its 3-row widget. */
import type { Widgets } from 'blessed';
import { SelectField, type OptionSource, type SelectOption } from '../widgets/select-field';
import { ReadonlyField } from '../widgets/readonly-field';
import { TagListField } from '../widgets/tag-list-field';
import { NumberField, TextField } from '../widgets/text-field';
import { ToggleField } from '../widgets/toggle-field';
import type {
  FieldDescriptor,
  FieldScope,
  PickerDescriptor,
  ReadonlyDescriptor,
  Rule,
  TagsDescriptor,
  TextDescriptor,
  ToggleDescriptor,
} from './fields';

export type FieldWidget = TextField | SelectField | ToggleField | TagListField | ReadonlyField;

/** A select descriptor with its value type forgotten (the builder only passes values on). */
export interface AnySelect<V, D> {
  kind: 'select';
  key: string;
  label: string;
  hint?: string | Rule<V, D, string>;
  enabled?: Rule<V, D, boolean>;
  wide?: boolean;
  advanced?: boolean;
  options?: readonly SelectOption[] | Rule<V, D, SelectOption[]>;
  dependsOn?: readonly (keyof V)[];
  optionsKey?: Rule<V, D, string>;
  placeholder?: string;
  emptyText?: string;
  maxRows?: number;
  write?(value: string, values: V): Partial<V>;
  after?(value: string): void;
}

export type AnyDescriptor<V, D> =
  | TextDescriptor<V, D>
  | AnySelect<V, D>
  | ToggleDescriptor<V, D>
  | TagsDescriptor<V, D>
  | PickerDescriptor<V, D>
  | ReadonlyDescriptor<V, D>;

/** How the builder reports an edit and checks a typed text (from the model, by key). */
export interface FieldHooks<V> {
  edit(patch: Partial<V>): void;
  /** The live check of the edit a text field is about to make. */
  validate?(key: string, patch: Partial<V>): string | undefined;
  /** The check when the focus leaves a text field, for fields checked again then. */
  validateOnLeave?(key: string): ((patch: Partial<V>) => string | undefined) | undefined;
}

export const valueOf = <V>(values: V | undefined, key: string): unknown =>
  (values as Record<string, unknown> | undefined)?.[key];

export const textOf = <V, D>(d: TextDescriptor<V, D>, values: V | undefined): string =>
  d.read && values ? d.read(values) : String(valueOf(values, d.key) ?? '');

/** The hint now; a rule's only once there are values (a disk editor with no disk has none). */
export const hintOf = <V, D>(d: { hint?: string | Rule<V, D, string> }, scope: FieldScope<V, D>) =>
  typeof d.hint === 'function' ? (scope.values === undefined ? undefined : d.hint(scope)) : d.hint;

export function optionsOf<V, D>(
  d: AnySelect<V, D> | PickerDescriptor<V, D>,
  scope: FieldScope<V, D>,
): SelectOption[] | OptionSource {
  const options = d.options;
  return typeof options === 'function' ? options(scope) : [...(options ?? [])];
}

const patchOf = <V>(key: string, value: unknown) => ({ [key]: value }) as Partial<V>;

function textField<V, D>(
  screen: Widgets.Screen,
  d: TextDescriptor<V, D>,
  scope: FieldScope<V, D>,
  hooks: FieldHooks<V>,
): TextField {
  const patch = (text: string) => (d.write ? d.write(text) : patchOf<V>(d.key, text));
  const validate = hooks.validate && ((t: string) => hooks.validate!(d.key, patch(t)));
  const leave = hooks.validateOnLeave?.(d.key);
  const onLeave = leave && ((t: string) => leave(patch(t)));
  const options = {
    label: d.label,
    hint: hintOf(d, scope),
    value: textOf(d, scope.values),
    placeholder: d.placeholder,
    ...(validate ? { validate } : {}),
    ...(onLeave ? { validateOnLeave: onLeave } : {}),
    onChange: (text: string) => {
      hooks.edit(patch(text));
      d.after?.(text);
    },
  };
  if (d.kind === 'text') return new TextField(screen, options);
  const limits = (scope.values !== undefined && d.limits?.(scope)) || { min: d.min, max: d.max };
  return new NumberField(screen, { ...options, ...limits });
}

function selectField<V, D>(
  screen: Widgets.Screen,
  d: AnySelect<V, D> | PickerDescriptor<V, D>,
  scope: FieldScope<V, D>,
  hooks: FieldHooks<V>,
): SelectField {
  const onChange =
    d.kind === 'picker'
      ? (value: string) => {
          const patch = d.pick(value, scope.values);
          if (patch) hooks.edit(patch);
        }
      : (value: string) => {
          hooks.edit(d.write ? d.write(value, scope.values) : patchOf<V>(d.key, value));
          d.after?.(value);
        };
  return new SelectField(screen, {
    label: d.label,
    hint: hintOf(d, scope),
    options: optionsOf(d, scope),
    value:
      d.kind === 'picker'
        ? (scope.values !== undefined && d.read?.(scope.values)) || ''
        : String(valueOf(scope.values, d.key) ?? ''),
    placeholder: d.placeholder,
    emptyText: d.emptyText,
    ...(d.kind === 'select' && d.maxRows ? { maxRows: d.maxRows } : {}),
    onChange,
  });
}

/**
 * The widget of one descriptor, showing the values of `scope`. `scope` is read again at each
 * edit (a picker adds to the values as they are then), so the caller passes a live one.
 */
export function buildField<V, D>(
  screen: Widgets.Screen,
  descriptor: FieldDescriptor<V, D>,
  scope: FieldScope<V, D>,
  hooks: FieldHooks<V>,
): FieldWidget {
  const d = descriptor as AnyDescriptor<V, D>;
  const hint = hintOf(d, scope);
  switch (d.kind) {
    case 'text':
    case 'number':
      return textField(screen, d, scope, hooks);
    case 'select':
    case 'picker':
      return selectField(screen, d, scope, hooks);
    case 'toggle':
      return new ToggleField(screen, {
        label: d.label,
        hint,
        value: valueOf(scope.values, d.key) === true,
        onChange: (v) => hooks.edit(patchOf<V>(d.key, v)),
      });
    case 'tags':
      return new TagListField(screen, {
        label: d.label,
        hint,
        value: [...((valueOf(scope.values, d.key) as string[] | undefined) ?? [])],
        placeholder: d.placeholder,
        normalise: d.normalise,
        check: d.check,
        ...(d.color ? { color: (tag: string) => d.color!(tag, scope) } : {}),
        onChange: (tags) => {
          hooks.edit(patchOf<V>(d.key, tags));
          d.after?.(tags);
        },
      });
    case 'readonly':
      return new ReadonlyField(screen, { label: d.label, hint, value: d.value(scope) });
  }
}
