/** What loads bring into the state: data, view states, defaults and what the server offers. Pure. */
import { sectionOf } from './issues';
import { afterLoad, load, stay } from './navigation';
import type { LoadedEvent, LoadFailedEvent, Transition, View, WizardState } from './state';
import type { Step } from './steps';

/** Keep what a load brought: its data, and defaults it filled into the configuration. */
function withLoaded(state: WizardState, event: LoadedEvent | LoadFailedEvent): WizardState {
  // The event pairs each step with its own data type (`LoadedEvent`).
  const data: WizardState['data'] =
    event.data === undefined ? state.data : { ...state.data, [event.step]: event.data };
  const section = sectionOf(event.step);
  const offered =
    event.offered && section ? { ...state.offered, [section]: event.offered } : state.offered;
  return {
    ...state,
    data,
    offered,
    config: event.fill ? event.fill(state.config, state.explicit) : state.config,
  };
}

export function setView(state: WizardState, step: Step, view: View): WizardState {
  return { ...state, views: { ...state.views, [step]: view } };
}

export function loaded(state: WizardState, event: LoadedEvent): Transition {
  if (state.views[event.step]?.status !== 'loading') return stay(state);
  const note = event.note ? { note: event.note } : {};
  const view: View =
    event.empty === undefined
      ? { status: 'ready', ...note }
      : { status: 'empty', message: event.empty, ...note };
  return afterLoad(setView(withLoaded(state, event), event.step, view), event.step);
}

export function loadFailed(state: WizardState, event: LoadFailedEvent): Transition {
  if (state.views[event.step]?.status !== 'loading') return stay(state);
  return afterLoad(
    setView(withLoaded(state, event), event.step, { status: 'error', message: event.message }),
    event.step,
  );
}

/**
 * Data that depends on something that changed (e.g. the node) is fetched again when its step
 * is next shown; the current step reloads now.
 */
export function reload(state: WizardState, steps: readonly Step[]): Transition {
  const views = { ...state.views };
  const offered = { ...state.offered };
  for (const s of steps) {
    delete views[s];
    const section = sectionOf(s);
    if (section) delete offered[section];
  }
  const cleared = { ...state, views, offered };
  return steps.includes(state.step) ? load(cleared, state.step) : stay(cleared);
}
