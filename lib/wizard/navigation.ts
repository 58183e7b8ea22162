/** Moving between steps: entering (and loading), Next guarded by the step's issues, Back. Pure. */
import { VALIDATED_SECTIONS, type FieldIssue } from '../model/schemas';
import { issuesOf, sectionOf } from './issues';
import type { Transition, WizardState } from './state';
import { isFormStep, STEP_LOADS, STEPS, type Step } from './steps';
import { waitForVmidCheck } from './vmid-check';

export const stay = (state: WizardState): Transition => ({ state, effects: [] });

export function load(state: WizardState, step: Step): Transition {
  return {
    state: { ...state, views: { ...state.views, [step]: { status: 'loading' } } },
    effects: [{ type: 'load', step }],
  };
}

/** Move to `step`; a step that loads data and has none yet starts loading. */
export function enter(state: WizardState, step: Step): Transition {
  const visited = state.visited.includes(step) ? state.visited : [...state.visited, step];
  const next: WizardState = { ...state, step, visited, issues: [] };
  if (STEP_LOADS[step] && next.views[step] === undefined) {
    return load(next, step);
  }
  return stay(next);
}

export function jumpTo(state: WizardState, step: Step, field: string | undefined): Transition {
  const entered = enter(state, step);
  return field
    ? { ...entered, effects: [...entered.effects, { type: 'focusField', step, field }] }
    : entered;
}

export function stepAfter(step: Step): Step {
  return STEPS[Math.min(STEPS.indexOf(step) + 1, STEPS.length - 1)]!;
}

function stepBefore(step: Step): Step {
  return STEPS[Math.max(STEPS.indexOf(step) - 1, 0)]!;
}

function blocked(state: WizardState, issues: FieldIssue[]): Transition {
  const first = issues[0]!;
  return {
    state: { ...state, issues },
    effects: [{ type: 'focusField', step: first.section, field: first.field }],
  };
}

/** Create: every step's issues block it; otherwise the VM is submitted. */
function create(state: WizardState): Transition {
  const issues = issuesOf(state, VALIDATED_SECTIONS);
  if (issues.length > 0) return stay({ ...state, issues });
  const entered = enter(state, 'submitting');
  return {
    state: {
      ...entered.state,
      views: { ...entered.state.views, submitting: { status: 'submitting' } },
      // The result of a failed attempt is not this attempt's progress.
      data: { ...entered.state.data, submitting: undefined },
      lastFailure: undefined,
    },
    effects: [{ type: 'submit' }],
  };
}

export function next(state: WizardState): Transition {
  const { step } = state;
  if (step === 'login' || step === 'submitting' || step === 'done') return stay(state);
  if (step === 'confirm') return create(state);
  const waiting = waitForVmidCheck(state);
  if (waiting) return waiting;
  // Defaults arrive with the data (node, id, ISO …): check the step once they are there.
  if (state.views[step]?.status === 'loading') return stay({ ...state, nextWhenLoaded: true });
  const section = sectionOf(step);
  const issues = section ? issuesOf(state, [section]) : [];
  if (issues.length > 0) return blocked(state, issues);
  return enter({ ...state, nextWhenLoaded: false }, stepAfter(step));
}

/** After the current step's data arrived, carry out a Next that waited for it. */
export function afterLoad(state: WizardState, step: Step): Transition {
  if (!state.nextWhenLoaded || step !== state.step) return stay(state);
  const ready = { ...state, nextWhenLoaded: false };
  return state.views[step]?.status === 'error' ? stay(ready) : next(ready);
}

export function back(state: WizardState): Transition {
  const { step } = state;
  if (!isFormStep(step) || step === 'general') return stay(state);
  return enter(state, stepBefore(step));
}

export function jump(state: WizardState, step: Step, field: string | undefined): Transition {
  if (!isFormStep(state.step) || !isFormStep(step)) return stay(state);
  if (!state.visited.includes(step)) return stay(state);
  if (step === state.step)
    return { state, effects: field ? [{ type: 'focusField', step, field }] : [] };
  return jumpTo(state, step, field);
}

/** How many steps ahead are fetched: Disks needs two requests in a row (its import images). */
const PREFETCH_AHEAD = 2;

/**
 * As soon as the user is on a step, the next two steps' data is fetched too, in parallel with
 * the step's own, so Next shows a ready step even when pressed the moment this one is drawn
 * (a step whose data takes two requests in a row had one step's head start). Only General's
 * data must be there first: it brings the node every later step is asked about. Confirm is
 * not prefetched: its VM ID check must be fresh.
 */
export function withPrefetch(transition: Transition): Transition {
  const { state } = transition;
  const { step } = state;
  if (!isFormStep(step) || !state.authenticated) return transition;
  const nodeKnown = (state.views.general?.status ?? 'loading') !== 'loading';
  if (!nodeKnown) return transition;
  let result = transition;
  let ahead: Step = step;
  for (let i = 0; i < PREFETCH_AHEAD; i++) {
    ahead = stepAfter(ahead);
    if (ahead === 'confirm') break;
    if (!STEP_LOADS[ahead] || result.state.views[ahead] !== undefined) continue;
    const prefetch = load(result.state, ahead);
    result = { state: prefetch.state, effects: [...result.effects, ...prefetch.effects] };
  }
  return result;
}
