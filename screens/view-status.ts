/** A step's view state in the shared status line, the same on every step. */
import type { View } from '../lib/wizard/machine';
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
      status.set('empty', view.message ?? 'Nothing to show');
      break;
    default:
      if (words.ready) status.set('info', words.ready);
      else status.clear();
  }
}
