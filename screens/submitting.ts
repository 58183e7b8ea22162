/**
 * Creating the VM: a gauge of the stages over (and the one under way, or the one that failed),
 * each stage as pending / running / done / failed, and the create task's log as it arrives.
 */
import {
  creationGauge,
  newLogLines,
  STAGE_MARKS,
  STAGE_TITLES,
  type Progress as ProgressView,
} from '../lib/wizard/creation-stages';
import type { WizardState } from '../lib/wizard/machine';
import { LiveLog } from '../widgets/live-log';
import { ProgressGauge } from '../widgets/progress-gauge';
import { TextView, type TextLine } from '../widgets/text-view';
import type { StepContext, StepScreen } from './step-screen';

/** Rows the gauge takes at the top of the frame (caption, bar, a blank row). */
const GAUGE_ROWS = 3;

export function stageLines(progress: ProgressView | undefined): TextLine[] {
  return STAGE_TITLES.map(([key, name]) => {
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
}

export function createSubmittingScreen(ctx: StepContext): StepScreen {
  const { screen, parent, status } = ctx;
  const height = 2 + GAUGE_ROWS + STAGE_TITLES.length;
  const view = new TextView(screen, {
    parent,
    title: 'Creating the VM',
    top: 0,
    height,
    left: 0,
    right: 0,
  });
  // Over the frame's first rows, which the view leaves blank.
  const gauge = new ProgressGauge(screen, { parent, top: 1, left: 2, right: 2 });
  const log = new LiveLog(screen, {
    parent,
    title: 'Task log',
    top: height,
    bottom: 0,
    left: 0,
    right: 0,
    empty: "The create task's lines show here as it writes them.",
  });
  let shown: ProgressView | undefined | null = null;
  let logged = 0;
  const update = (state: WizardState) => {
    const g = state.config.general;
    view.setTitle(`Creating VM ${g.vmid} on ${g.node}`);
    const progress = state.data.submitting;
    // Only a new report changes the picture (a key press leaves it as it is).
    if (progress !== shown) {
      shown = progress;
      const blank: TextLine[] = Array.from({ length: GAUGE_ROWS }, () => ({ text: '' }));
      view.setLines([...blank, ...stageLines(progress)]);
      gauge.set(creationGauge(progress));
      log.append(newLogLines(progress, logged));
      logged = Math.max(logged, progress?.log.length ?? 0);
    }
    status.set('loading', 'Creating the VM… (this continues on the server even if you quit)');
  };
  update(ctx.state);
  parent.focus();
  return {
    update,
    focusField: () => undefined,
    destroy: () => {
      log.el.destroy();
      gauge.el.destroy();
      view.el.destroy();
    },
  };
}
