/** What a spec leaves open, filled by the wizard's loaders in the wizard's order. */
import { stepLoaders } from '../loaders';
import type { SessionApi } from '../login';
import type { Answers } from '../initial-config';
import { choiceValues } from '../model/choices';
import type { Settings } from '../settings';
import { initialState, transition, type WizardEvent, type WizardState } from '../wizard/machine';
import { FORM_STEPS } from '../wizard/steps';
import { checkChoices } from './checks';

/** What the spec leaves open, filled the way the wizard's steps fill it. */
export async function completeFromServer(
  api: SessionApi,
  answers: Answers,
  settings: Settings,
  say: (line: string) => void,
): Promise<WizardState> {
  // In the wizard's order: each step's defaults may depend on the ones before (the node).
  const loaders = stepLoaders(() => api, settings.defaults);
  let state: WizardState = {
    ...initialState(answers.config, answers.explicit),
    authenticated: true,
    step: 'general',
  };
  for (const step of FORM_STEPS) {
    const event: WizardEvent = await loaders[step](state);
    if (event.type === 'loadFailed') say(`warning: ${event.message}`);
    if (event.type === 'loaded' && event.empty) say(`warning: ${event.empty}`);
    if (event.type === 'loaded' || event.type === 'loadFailed') {
      // Only the data and the defaults it implies: no step changes here.
      state = { ...state, views: { ...state.views, [event.step]: { status: 'loading' } } };
      state = transition(state, event).state;
    }
    // A node the server lacks has no storages to ask for: stop at the first step with problems.
    checkChoices(state);
  }
  return state;
}

/** The defaults used for what the spec left open, one line each: `disks[0].storage: ceph-pool (default)`. */
export function defaultsUsed(state: WizardState): string[] {
  return choiceValues(state.config)
    .filter(([path, value]) => value !== '' && !state.explicit.includes(path))
    .map(([path, value]) => `${path}: ${value} (default)`);
}
