/**
 * What every form step shares: the form in the shell's body, the Back / Next (/ Reload) buttons,
 * edits reported as `changed`, issues shown at their fields, and values that changed elsewhere
 * (derived or loaded) written into fields the user is not editing.
 */
import type { ConfigSection, VmConfig } from '../lib/model/config';
import { updateSection } from '../lib/model/derive';
import type { FieldIssue } from '../lib/model/schemas';
import { serverIssues, type WizardState } from '../lib/wizard/machine';
import type { Step } from '../lib/wizard/steps';
import { Button } from '../widgets/button';
import type { Focusable } from '../widgets/field';
import { Form } from '../widgets/form';
import type { StepContext } from './step-screen';

type Section = Exclude<ConfigSection, 'disks'>;

export interface StepForm {
  form: Form;
  reload: Button | undefined;
  config(): VmConfig;
  /** Apply an edit of one section and report it. */
  change<S extends Section>(section: S, patch: Partial<VmConfig[S]>): void;
  /** Report a whole new configuration (disks). */
  replace(config: VmConfig): void;
  /** Add the Back / Next (/ Reload) buttons after the fields and focus the first field. */
  finish(first: Focusable): void;
  /**
   * Take the new state: the configuration, and the issues of this step (the form's and the
   * server's) shown at `fields`.
   */
  adopt(
    state: WizardState,
    fields: Record<string, { setError(message?: string): void }>,
  ): FieldIssue[];
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
    finish(first) {
      form.addButtons([
        new Button(ctx.screen, { label: '< Back', onPress: () => ctx.dispatch({ type: 'back' }) }),
        new Button(ctx.screen, { label: 'Next >', onPress: () => ctx.dispatch({ type: 'next' }) }),
        ...(reload ? [reload] : []),
      ]);
      form.focus(first);
    },
    config: () => config,
    change(section, patch) {
      config = updateSection(config, section, patch);
      ctx.dispatch({ type: 'changed', config });
    },
    replace(next) {
      config = next;
      ctx.dispatch({ type: 'changed', config });
    },
    adopt(state, fields) {
      config = state.config;
      // What the server lacks (a storage, a bridge) shows as soon as it is known, not on Next.
      const issues = [...state.issues, ...serverIssues(state)].filter((i) => i.section === step);
      for (const [field, widget] of Object.entries(fields)) {
        const issue = issues.find((i) => i.field === field);
        if (issue) widget.setError(issue.message);
      }
      reload?.setDisabled(state.views[step]?.status === 'loading');
      return issues;
    },
    destroy() {
      for (const child of ctx.parent.children.slice()) child.destroy();
    },
  };
}

/** Write a value that changed elsewhere into a field, unless the user is editing it. */
export function sync(
  field: Focusable & { value: string; setValue(v: string): void; focused: boolean },
  value: string,
): void {
  if (!field.focused && field.value !== value) field.setValue(value);
}
