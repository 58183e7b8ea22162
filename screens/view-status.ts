/** A step's view state in the shared status line, the same on every step. */
import { serverIssues, type View, type WizardState } from '../lib/wizard/machine';
import type { Step } from '../lib/wizard/steps';
import type { Notice } from '../widgets/notice';

export function showView(
  status: Notice,
  view: View | undefined,
  words: { loading: string; ready?: string },
): void {
  switch (view?.status) {
    case 'loading':
      status.set('loading', words.loading);
      break;
    case 'error':
      status.set('error', view.message ?? 'Loading failed', 'Reload or Ctrl-R tries again');
      break;
    case 'empty':
      status.set(
        'empty',
        [view.message ?? 'Nothing to show', view.note].filter(Boolean).join('; '),
      );
      break;
    default:
      // Entries the server sent unreadable matter more than the step's ready words.
      if (view?.note) status.set('warning', view.note);
      else if (words.ready) status.set('info', words.ready);
      else status.clear();
  }
}

/**
 * The first choice of this step the server lacks (a preset's storage, a spec's bridge …), in
 * full for the status line once the step is ready; its field shows it too, maybe cut.
 */
export function serverProblem(state: WizardState, step: Step): string | undefined {
  if (state.views[step]?.status !== 'ready') return undefined;
  return serverIssues(state).find((i) => i.section === step)?.message;
}

/** A step's own notice and what the server's lists held unreadable, together. */
export const withNote = (notice: string, view: View | undefined): string =>
  view?.note ? `${notice}; ${view.note}` : notice;
