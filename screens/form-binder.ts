/**
 * The one binder: builds a step's declared fields into its form, writes the configuration into
 * them on each new state (values, options, enabled, hints, issues) and turns each edit into a
 * new configuration. Text fields are checked live by the model (lib/model/field-checks.ts).
 */
import type { Widgets } from 'blessed';
import type { VmConfig } from '../lib/model/config';
import { checkedOnLeave, typingProblem, fieldProblem } from '../lib/model/field-checks';
import type { FieldIssue, ValidatedSection } from '../lib/model/schemas';
import type { WizardState } from '../lib/wizard/machine';
import type { Form } from '../widgets/form';
import { NumberField, TextField } from '../widgets/text-field';
import { SelectField } from '../widgets/select-field';
import { TagListField } from '../widgets/tag-list-field';
import { ToggleField } from '../widgets/toggle-field';
import { ReadonlyField } from '../widgets/readonly-field';
import {
  buildField,
  hintOf,
  optionsOf,
  textOf,
  valueOf,
  type AnyDescriptor,
  type FieldWidget,
} from './field-widgets';
import type { FieldDescriptor, FieldScope } from './fields';

export interface BindOptions<V, D> {
  screen: Widgets.Screen;
  form: Form;
  fields: readonly FieldDescriptor<V, D>[];
  /** The schema that checks these values, and where they sit in it (`[1].` for a disk). */
  section: ValidatedSection;
  prefix?: () => string;
  values(config: VmConfig): V | undefined;
  write(config: VmConfig, patch: Partial<V>): VmConfig;
  data(state: WizardState): D | undefined;
  /** The configuration as the form last reported or adopted it. */
  config(): VmConfig;
  change(next: VmConfig): void;
  state: WizardState;
  /** Whether the step's Advanced checkbox is on (advanced fields are hidden while it is off). */
  advanced?(): boolean;
  /**
   * Add the Advanced checkbox to the form: called once, just before the first advanced field,
   * so switching it on shows the fields below it and moves nothing above it.
   */
  addAdvancedToggle?(): void;
}

export interface BoundFields {
  /** The widget of a descriptor, by its key. */
  widget(key: string): FieldWidget | undefined;
  readonly first: FieldWidget | undefined;
  update(state: WizardState): void;
  /** Show the issues at their fields (`prefix` + key, or a path inside it like `tags[0]`). */
  showIssues(issues: readonly FieldIssue[]): void;
  /** Focus the field of a schema path; false when no field has it. */
  focus(path: string): boolean;
  /** Grey out every editable field (a disk editor with no disk). */
  setDisabled(disabled: boolean): void;
  /** Whether some field is advanced (the step then shows an Advanced checkbox). */
  readonly hasAdvanced: boolean;
  /** Show or hide the advanced fields as the Advanced checkbox says now. */
  showAdvanced(): void;
  /** Whether the field of a schema path is an advanced one. */
  isAdvanced(path: string): boolean;
}

type Bound<V, D> = {
  d: AnyDescriptor<V, D>;
  w: FieldWidget;
  memo?: unknown[];
  /** The options last set (a rule that returns the same source keeps the list's filter). */
  options?: unknown;
};

const sameList = (a: readonly unknown[] | undefined, b: readonly unknown[]) =>
  a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * What rules see, read at each use, so rules and pickers see the values as they are then.
 * Rules run only while there are values (`update` skips a disk editor with no disk).
 */
function liveScope<V, D>(o: BindOptions<V, D>, state: () => WizardState): FieldScope<V, D> {
  return {
    get values() {
      return o.values(o.config()) as V;
    },
    get config() {
      return o.config();
    },
    get data() {
      return o.data(state());
    },
    get state() {
      return state();
    },
  };
}

/** Build each descriptor's widget into the form, the Advanced checkbox before the first advanced one. */
function buildAll<V, D>(
  o: BindOptions<V, D>,
  scope: FieldScope<V, D>,
  prefix: () => string,
): Bound<V, D>[] {
  const withEdit = (patch: Partial<V>) => o.write(o.config(), patch);
  let toggled = false;
  return o.fields.map((descriptor) => {
    const w = buildField(o.screen, descriptor, scope, {
      edit: (patch) => o.change(withEdit(patch)),
      validate: (key, patch) => typingProblem(withEdit(patch), o.section, prefix() + key),
      validateOnLeave: (key) =>
        checkedOnLeave(o.section, prefix() + key)
          ? (patch) => fieldProblem(withEdit(patch), o.section, prefix() + key)
          : undefined,
    });
    const d = descriptor as AnyDescriptor<V, D>;
    if (d.advanced && !toggled) {
      toggled = true;
      o.addAdvancedToggle?.();
    }
    o.form.add(w, { wide: d.wide });
    return { d, w };
  });
}

export function bindFields<V, D>(o: BindOptions<V, D>): BoundFields {
  let state = o.state;
  const prefix = o.prefix ?? (() => '');
  const scope = liveScope(o, () => state);
  const bound = buildAll(o, scope, prefix);
  const byKey = new Map(bound.map((b) => [b.d.key, b.w]));
  // Fields with a problem stay shown while Advanced is off: the problem must be visible.
  let withIssue = new Set<string>();
  const showAdvanced = () => {
    const on = o.advanced?.() ?? false;
    for (const { d, w } of bound)
      o.form.setHidden(w, d.advanced === true && !on && !withIssue.has(d.key));
  };
  const keyOf = (path: string) => path.replace(/\[.*$/, '');

  return {
    widget: (key) => byKey.get(key),
    first: bound[0]?.w,
    hasAdvanced: bound.some((b) => b.d.advanced === true),
    showAdvanced,
    isAdvanced: (path) => bound.some((b) => b.d.key === keyOf(path) && b.d.advanced === true),
    update(next) {
      state = next;
      const values = o.values(next.config);
      if (values === undefined) return;
      for (const b of bound) show(b, values, scope);
    },
    showIssues(issues) {
      withIssue = new Set();
      for (const { d, w } of bound) {
        const at = prefix() + d.key;
        const issue = issues.find((i) => i.field === at || i.field.startsWith(`${at}[`));
        if (issue) w.setError(issue.message);
        if (issue) withIssue.add(d.key);
      }
      showAdvanced();
    },
    focus(path) {
      const w = byKey.get(keyOf(path));
      if (w) o.form.focus(w);
      return w !== undefined;
    },
    setDisabled(disabled) {
      for (const { w } of bound) if (!(w instanceof ReadonlyField)) w.setDisabled(disabled);
    },
  };
}

/** Write the values into one field, with its options, enabled state and hint. */
function show<V, D>(b: Bound<V, D>, values: V, scope: FieldScope<V, D>): void {
  const { d, w } = b;
  if (d.kind === 'text' || d.kind === 'number') {
    const text = textOf(d, values);
    if (w instanceof TextField && !w.focused && w.value !== text) w.setValue(text);
    const limits = d.limits?.(scope);
    if (limits && w instanceof NumberField) w.setLimits(limits.min, limits.max);
  } else if (d.kind === 'select' || d.kind === 'picker') {
    const value =
      d.kind === 'picker' ? (d.read?.(values) ?? '') : String(valueOf(values, d.key) ?? '');
    if (w instanceof SelectField) showChoice(b, w, value, values, scope);
  } else if (d.kind === 'toggle' && w instanceof ToggleField) {
    w.setValue(d.read ? d.read(scope) : valueOf(values, d.key) === true);
  } else if (d.kind === 'tags' && w instanceof TagListField) {
    const tags = (valueOf(values, d.key) as string[] | undefined) ?? [];
    if (!sameList(w.value, tags)) w.setValue(tags);
  } else if (d.kind === 'readonly' && w instanceof ReadonlyField) {
    w.setValue(d.value(scope));
  }
  w.setDisabled(!(d.enabled?.(scope) ?? true));
  if (typeof d.hint === 'function') w.setHint(hintOf(d, scope) ?? '');
}

/** Options from the data are rebuilt only when the data or what they depend on changed. */
function showChoice<V, D>(
  b: Bound<V, D>,
  w: SelectField,
  value: string,
  values: V,
  scope: FieldScope<V, D>,
): void {
  const d = b.d as Extract<AnyDescriptor<V, D>, { kind: 'select' | 'picker' }>;
  if (typeof d.options !== 'function') return w.setValue(value);
  const memo: unknown[] = [scope.data, value, ...(d.dependsOn ?? []).map((k) => values[k])];
  if (d.kind === 'select' && d.optionsKey) memo.push(d.optionsKey(scope));
  if (sameList(b.memo, memo)) return w.setValue(value);
  b.memo = memo;
  const options = optionsOf(d, scope);
  if (options === b.options) return w.setValue(value);
  b.options = options;
  w.setOptions(options, value);
}
