/** Creating the VM: each stage as pending / running / done / failed, and the task's live log. */
import {
  STAGE_MARKS,
  STAGE_TITLES,
  type Progress as ProgressView,
} from '../lib/wizard/creation-stages';
import type { WizardState } from '../lib/wizard/machine';
import { TextView, type TextLine } from '../widgets/text-view';
import type { StepContext, StepScreen } from './step-screen';

export function progressLines(progress: ProgressView | undefined): TextLine[] {
  const out: TextLine[] = STAGE_TITLES.map(([key, name]) => {
    const stage = progress?.stages[key] ?? { state: 'pending' as const };
    const role =
      stage.state === 'failed'
        ? 'error'
        : stage.state === 'unknown'
          ? 'warning'
          : stage.state === 'done'
            ? 'success'
            : stage.state === 'running'
              ? 'loading'
              : 'hint';
    return {
      text: `${STAGE_MARKS[stage.state]} ${name}${stage.detail ? `: ${stage.detail}` : ''}`,
      role,
    };
  });
  if (progress && progress.log.length > 0) {
    out.push({ text: '' }, { text: 'Task log', role: 'title' });
    for (const line of progress.log) out.push({ text: `  ${line}`, role: 'hint' });
  }
  return out;
}

export function createSubmittingScreen(ctx: StepContext): StepScreen {
  const { screen, parent, status } = ctx;
  const view = new TextView(screen, {
    parent,
    title: 'Creating the VM',
    top: 0,
    bottom: 0,
    left: 0,
    right: 0,
  });
  const update = (state: WizardState) => {
    const g = state.config.general;
    view.setTitle(`Creating VM ${g.vmid} on ${g.node}`);
    view.setLines(progressLines(state.data.submitting));
    view.scrollToEnd();
    status.set('loading', 'Creating the VM… (this continues on the server even if you quit)');
  };
  update(ctx.state);
  parent.focus();
  return { update, focusField: () => undefined, destroy: () => view.el.destroy() };
}
