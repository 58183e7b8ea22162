/**
 * What every form step shares: the form in the shell's body, the Back / Next (/ Reload) buttons,
 * edits reported as `changed`, the step's issues (the form's and the server's); and a step that
 * is only its declared fields (`createFormStep`: the form plus the binder of screens/form-binder).
 */
import type { ConfigSection, VmConfig } from '../lib/model/config';
import { updateSection } from '../lib/model/derive';
import type { FieldIssue, ValidatedSection } from '../lib/model/schemas';
import { serverIssues, type WizardState } from '../lib/wizard/machine';
import type { Step } from '../lib/wizard/steps';
import { Button } from '../widgets/button';
import type { Focusable } from '../widgets/field';
import { Form } from '../widgets/form';
import { ToggleField } from '../widgets/toggle-field';
import type { FieldDescriptor } from './fields';
import { bindFields, type BoundFields } from './form-binder';
import type { StepContext, StepScreen } from './step-screen';

type Section = Exclude<ConfigSection, 'disks'>;

export interface StepForm {
  form: Form;
  reload: Button | undefined;
  config(): VmConfig;
  /** Report a new configuration (the binder's edits, a disk added or removed). */
  replace(config: VmConfig): void;
  /**
   * Add the Back / Next (/ Reload) buttons after the fields and focus the first field; `next`
   * replaces Next's plain `next` (e.g. wait for a check first), `back: false` leaves Back out.
   */
  finish(first: Focusable | undefined, buttons?: { back?: boolean; next?: () => void }): void;
  /** Take the new state's configuration; the issues of this step (the form's and the server's). */
  adopt(state: WizardState): FieldIssue[];
  destroy(): void;
}

export function createStepForm(
  ctx: StepContext,
  step: Step,
  options: { reload?: boolean } = {},
): StepForm {
  const form = new Form(ctx.screen, { parent: ctx.parent, top: 0, left: 0, right: 0, bottom: 0 });
  let config = ctx.state.config;
  const reload = options.reload
    ? new Button(ctx.screen, {
        label: 'Reload',
        onPress: () => ctx.dispatch({ type: 'retry', step }),
      })
    : undefined;
  return {
    form,
    reload,
    finish(first, buttons = {}) {
      const next = buttons.next ?? (() => ctx.dispatch({ type: 'next' }));
      form.addButtons([
        ...(buttons.back === false
          ? []
          : [
              new Button(ctx.screen, {
                label: '< Back',
                onPress: () => ctx.dispatch({ type: 'back' }),
              }),
            ]),
        new Button(ctx.screen, { label: 'Next >', onPress: next }),
        ...(reload ? [reload] : []),
      ]);
      form.focus(first);
    },
    config: () => config,
    replace(next) {
      config = next;
      ctx.dispatch({ type: 'changed', config });
    },
    adopt(state) {
      config = state.config;
      // What the server lacks (a storage, a bridge) shows as soon as it is known, not on Next.
      const issues = [...state.issues, ...serverIssues(state)].filter((i) => i.section === step);
      reload?.setDisabled(state.views[step]?.status === 'loading');
      return issues;
    },
    destroy() {
      for (const child of ctx.parent.children.slice()) child.destroy();
    },
  };
}

export interface FormStepOptions<D> {
  reload?: boolean;
  data?(state: WizardState): D | undefined;
  /** The step's own words in the status line, after the fields took the new state. */
  status?(state: WizardState, step: FormStep): void;
  buttons?: { back?: boolean; next?: () => void };
}

export interface FormStep {
  sf: StepForm;
  bound: BoundFields;
  /** The StepScreen of a plain form step (the caller may wrap its methods). */
  view: StepScreen;
}

/**
 * A step that is only its declared fields: the form, the binder over the step's section, the
 * buttons, and the focus on the first field (or the field an issue names).
 */
export function createFormStep<S extends Section & ValidatedSection, D>(
  ctx: StepContext,
  section: S,
  fields: readonly FieldDescriptor<VmConfig[S], D>[],
  options: FormStepOptions<D> = {},
): FormStep {
  const sf = createStepForm(ctx, section, options);
  let advancedOn = ctx.advanced?.isOn(section) ?? false;
  let toggle: ToggleField | undefined;
  const bound = bindFields<VmConfig[S], D>({
    screen: ctx.screen,
    form: sf.form,
    fields,
    section,
    values: (c) => c[section],
    write: (c, patch) => updateSection(c, section, patch),
    data: (state) => options.data?.(state),
    config: sf.config,
    change: sf.replace,
    state: ctx.state,
    advanced: () => advancedOn,
    addAdvancedToggle: () => {
      toggle = sf.form.add(
        new ToggleField(ctx.screen, {
          label: 'Advanced',
          hint: 'show the advanced options below',
          value: advancedOn,
          onChange: (on) => setAdvanced(on),
        }),
      );
    },
  });
  function setAdvanced(on: boolean): void {
    advancedOn = on;
    ctx.advanced?.set(section, on);
    toggle?.setValue(on);
    bound.showAdvanced();
  }
  const step: FormStep = {
    sf,
    bound,
    view: {
      update: (state) => {
        const issues = sf.adopt(state);
        bound.update(state);
        bound.showIssues(issues);
        options.status?.(state, step);
      },
      focusField: (field) => {
        // A problem in an advanced field opens the advanced options, as a click would.
        if (bound.isAdvanced(field) && !advancedOn) setAdvanced(true);
        if (!bound.focus(field)) sf.form.focus(bound.first);
      },
      destroy: () => sf.destroy(),
    },
  };
  step.view.update(ctx.state);
  sf.finish(bound.first, options.buttons);
  return step;
}
