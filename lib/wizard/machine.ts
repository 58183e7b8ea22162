/**
 * The wizard as a pure state machine: (state, event) → state + effects. No terminal, no
 * network: the controller runs the effects and feeds their outcome back as events.
 */
import { unavailableChoices, type ChoicePath, type Offered } from '../model/choices';
import { defaultConfig, type VmConfig } from '../model/config';
import {
  validateSection,
  VALIDATED_SECTIONS,
  type FieldIssue,
  type ValidatedSection,
} from '../model/schemas';
import { isFormStep, STEP_LOADS, STEPS, type Step } from './steps';

export type ViewStatus = 'loading' | 'ready' | 'empty' | 'error' | 'submitting' | 'success';

export interface View {
  status: ViewStatus;
  /** What went wrong (error) or what is missing (empty), in the user's words. */
  message?: string;
  /** What the server sent that could not be used and was left out. */
  note?: string;
}

export interface WizardState {
  step: Step;
  authenticated: boolean;
  config: VmConfig;
  views: Partial<Record<Step, View>>;
  /** Steps reached so far, in the order first reached; the breadcrumb can jump to these. */
  visited: Step[];
  /** Problems found when the user last tried to go forward; cleared as they are fixed. */
  issues: FieldIssue[];
  /** Anything typed or changed: quitting asks first. */
  dirty: boolean;
  /** What each step loaded from the server (nodes, storages …), as its loader returned it. */
  data: Partial<Record<Step, unknown>>;
  /** Next was asked for while the step was still loading: go on once it has loaded. */
  nextWhenLoaded?: boolean;
  /** Choice fields a spec or preset set: kept (and reported) when the server lacks them. */
  explicit: ChoicePath[];
  /** What the server offers for the choice fields, per step, as its loader found it. */
  offered: Partial<Record<ValidatedSection, Offered>>;
  /** A VM ID the live check found in use (the text as typed). */
  vmidInUse?: string;
}

export type WizardEvent =
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'cancel' }
  | { type: 'quitConfirmed' }
  | { type: 'jump'; step: Step; field?: string }
  | { type: 'touched' }
  | { type: 'changed'; config: VmConfig }
  | { type: 'authenticated' }
  | {
      type: 'loaded';
      step: Step;
      data?: unknown;
      empty?: string;
      /** What the server sent that could not be used (unreadable list entries). */
      note?: string;
      fill?: Fill;
      offered?: Offered;
    }
  | {
      type: 'loadFailed';
      step: Step;
      message: string;
      data?: unknown;
      fill?: Fill;
      offered?: Offered;
    }
  | { type: 'vmidChecked'; vmid: string; free: boolean }
  | { type: 'retry'; step: Step }
  | { type: 'reload'; steps: Step[] }
  | { type: 'progress'; data: unknown }
  | { type: 'created'; result?: unknown }
  | {
      type: 'createFailed';
      message: string;
      issues?: FieldIssue[];
      result?: unknown;
      /** The VM ID another client took meanwhile: marked in use, and Confirm checks it again. */
      takenVmid?: string;
    }
  | { type: 'createAnother'; config: VmConfig; explicit?: ChoicePath[] };

/**
 * Defaults that loaded data implies, applied to the configuration as it is when the data
 * arrives; `explicit` choices are never replaced.
 */
export type Fill = (config: VmConfig, explicit: readonly ChoicePath[]) => VmConfig;

export type Effect =
  | { type: 'load'; step: Step }
  | { type: 'focusField'; step: Step; field: string }
  | { type: 'submit' }
  | { type: 'confirmQuit' }
  | { type: 'quit' };

export interface Transition {
  state: WizardState;
  effects: Effect[];
}

export function initialState(
  config: VmConfig = defaultConfig(),
  explicit: ChoicePath[] = [],
): WizardState {
  return enter(
    {
      step: 'login',
      authenticated: false,
      config,
      views: {},
      visited: [],
      issues: [],
      dirty: false,
      data: {},
      explicit,
      offered: {},
    },
    'login',
  ).state;
}

/** Move to `step`; a step that loads data and has none yet starts loading. */
function enter(state: WizardState, step: Step): Transition {
  const visited = state.visited.includes(step) ? state.visited : [...state.visited, step];
  const next: WizardState = { ...state, step, visited, issues: [] };
  if (STEP_LOADS[step] && next.views[step] === undefined) {
    return load(next, step);
  }
  return { state: next, effects: [] };
}

function load(state: WizardState, step: Step): Transition {
  return {
    state: { ...state, views: { ...state.views, [step]: { status: 'loading' } } },
    effects: [{ type: 'load', step }],
  };
}

const stay = (state: WizardState): Transition => ({ state, effects: [] });

function jumpTo(state: WizardState, step: Step, field: string | undefined): Transition {
  const entered = enter(state, step);
  return field
    ? { ...entered, effects: [...entered.effects, { type: 'focusField', step, field }] }
    : entered;
}

function stepAfter(step: Step): Step {
  return STEPS[Math.min(STEPS.indexOf(step) + 1, STEPS.length - 1)]!;
}

function stepBefore(step: Step): Step {
  return STEPS[Math.max(STEPS.indexOf(step) - 1, 0)]!;
}

function sectionOf(step: Step): ValidatedSection | undefined {
  return (VALIDATED_SECTIONS as readonly string[]).includes(step)
    ? (step as ValidatedSection)
    : undefined;
}

/**
 * What the server says against the answers: choices it lacks, and a VM ID the live check found
 * in use. Screens show these at their fields as soon as they are known.
 */
export function serverIssues(state: WizardState): FieldIssue[] {
  const issues = unavailableChoices(state.config, state.offered);
  const { vmid } = state.config.general;
  if (state.vmidInUse !== undefined && state.vmidInUse === vmid)
    issues.unshift({
      section: 'general',
      field: 'vmid',
      message: `VM ID ${vmid} is already in use`,
    });
  return issues;
}

/** The schema's problems first, then the server's; one per field. */
function issuesOf(state: WizardState, sections: readonly ValidatedSection[]): FieldIssue[] {
  const server = serverIssues(state);
  const all = sections.flatMap((section) => [
    ...validateSection(state.config, section),
    ...server.filter((i) => i.section === section),
  ]);
  const seen = new Set<string>();
  return all.filter((i) => {
    const key = `${i.section}:${i.field}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function blocked(state: WizardState, issues: FieldIssue[]): Transition {
  const first = issues[0]!;
  return {
    state: { ...state, issues },
    effects: [{ type: 'focusField', step: first.section, field: first.field }],
  };
}

function next(state: WizardState): Transition {
  const { step } = state;
  if (step === 'login' || step === 'submitting' || step === 'done') return stay(state);
  if (step === 'confirm') {
    const issues = issuesOf(state, VALIDATED_SECTIONS);
    if (issues.length > 0) return { state: { ...state, issues }, effects: [] };
    const entered = enter(state, 'submitting');
    return {
      state: {
        ...entered.state,
        views: { ...entered.state.views, submitting: { status: 'submitting' } },
        // The result of a failed attempt is not this attempt's progress.
        data: { ...entered.state.data, submitting: undefined },
      },
      effects: [{ type: 'submit' }],
    };
  }
  // Defaults arrive with the data (node, id, ISO …): check the step once they are there.
  if (state.views[step]?.status === 'loading') return stay({ ...state, nextWhenLoaded: true });
  const section = sectionOf(step);
  const issues = section ? issuesOf(state, [section]) : [];
  if (issues.length > 0) return blocked(state, issues);
  return enter({ ...state, nextWhenLoaded: false }, stepAfter(step));
}

/** After the current step's data arrived, carry out a Next that waited for it. */
function afterLoad(state: WizardState, step: Step): Transition {
  if (!state.nextWhenLoaded || step !== state.step) return stay(state);
  const ready = { ...state, nextWhenLoaded: false };
  return state.views[step]?.status === 'error' ? stay(ready) : next(ready);
}

function back(state: WizardState): Transition {
  const { step } = state;
  if (!isFormStep(step) || step === 'general') return stay(state);
  return enter(state, stepBefore(step));
}

function revalidated(state: WizardState): WizardState {
  if (state.issues.length === 0) return state;
  if (state.step === 'confirm') return { ...state, issues: issuesOf(state, VALIDATED_SECTIONS) };
  const section = sectionOf(state.step);
  return { ...state, issues: section ? issuesOf(state, [section]) : [] };
}

/** Keep what a load brought: its data, and defaults it filled into the configuration. */
function withLoaded(
  state: WizardState,
  event: { step: Step; data?: unknown; fill?: Fill; offered?: Offered },
): WizardState {
  const data = event.data === undefined ? state.data : { ...state.data, [event.step]: event.data };
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

function setView(state: WizardState, step: Step, view: View): WizardState {
  return { ...state, views: { ...state.views, [step]: view } };
}

/**
 * While the user is on a step whose data is there, the next step's data is fetched, so Next
 * usually shows a ready step. Confirm is not prefetched: its VM ID check must be fresh.
 */
function withPrefetch({ state, effects }: Transition): Transition {
  const { step } = state;
  if (!isFormStep(step) || !state.authenticated) return { state, effects };
  if (state.views[step]?.status === 'loading') return { state, effects };
  const following = stepAfter(step);
  if (following === 'confirm' || !STEP_LOADS[following] || state.views[following] !== undefined)
    return { state, effects };
  const prefetch = load(state, following);
  return { state: prefetch.state, effects: [...effects, ...prefetch.effects] };
}

export function transition(state: WizardState, event: WizardEvent): Transition {
  return withPrefetch(step(state, event));
}

function step(state: WizardState, event: WizardEvent): Transition {
  switch (event.type) {
    case 'next':
      return next(state);
    case 'back':
      return back(state);
    case 'cancel':
      if (state.step === 'done') return { state, effects: [{ type: 'quit' }] };
      return {
        state,
        effects: [{ type: state.dirty || state.step === 'submitting' ? 'confirmQuit' : 'quit' }],
      };
    case 'quitConfirmed':
      return { state, effects: [{ type: 'quit' }] };
    case 'jump':
      if (!isFormStep(state.step) || !isFormStep(event.step)) return stay(state);
      if (!state.visited.includes(event.step)) return stay(state);
      if (event.step === state.step) {
        return {
          state,
          effects: event.field
            ? [{ type: 'focusField', step: event.step, field: event.field }]
            : [],
        };
      }
      return jumpTo(state, event.step, event.field);
    case 'vmidChecked':
      if (event.free) {
        if (state.vmidInUse !== event.vmid) return stay(state);
        return stay(revalidated({ ...state, vmidInUse: undefined }));
      }
      return stay(revalidated({ ...state, vmidInUse: event.vmid }));
    case 'touched':
      return stay(state.dirty ? state : { ...state, dirty: true });
    case 'changed':
      if (state.step === 'submitting' || state.step === 'done') return stay(state);
      return stay(revalidated({ ...state, config: event.config, dirty: true }));
    case 'authenticated':
      if (state.step !== 'login') return stay({ ...state, authenticated: true });
      return enter({ ...state, authenticated: true }, 'general');
    case 'loaded':
      if (state.views[event.step]?.status !== 'loading') return stay(state);
      return afterLoad(
        setView(
          withLoaded(state, event),
          event.step,
          event.empty === undefined
            ? { status: 'ready', ...(event.note ? { note: event.note } : {}) }
            : {
                status: 'empty',
                message: event.empty,
                ...(event.note ? { note: event.note } : {}),
              },
        ),
        event.step,
      );
    case 'loadFailed':
      if (state.views[event.step]?.status !== 'loading') return stay(state);
      return afterLoad(
        setView(withLoaded(state, event), event.step, { status: 'error', message: event.message }),
        event.step,
      );
    case 'retry':
      if (state.views[event.step]?.status === 'loading') return stay(state);
      return load(state, event.step);
    case 'reload': {
      // Data that depends on something that changed (e.g. the node) is fetched again when
      // its step is next shown; the current step reloads now.
      const views = { ...state.views };
      const offered = { ...state.offered };
      for (const s of event.steps) {
        delete views[s];
        const section = sectionOf(s);
        if (section) delete offered[section];
      }
      const cleared = { ...state, views, offered };
      return event.steps.includes(state.step) ? load(cleared, state.step) : stay(cleared);
    }
    case 'progress':
      if (state.step !== 'submitting') return stay(state);
      return stay({ ...state, data: { ...state.data, submitting: event.data } });
    case 'created': {
      if (state.step !== 'submitting') return stay(state);
      const done = enter({ ...state, data: { ...state.data, done: event.result } }, 'done').state;
      return stay(setView(done, 'done', { status: 'success' }));
    }
    case 'createFailed': {
      if (state.step !== 'submitting') return stay(state);
      const failed = {
        ...state,
        step: 'confirm' as const,
        issues: event.issues ?? [],
        data: { ...state.data, submitting: event.result },
      };
      const shown = setView(failed, 'confirm', { status: 'error', message: event.message });
      if (event.takenVmid === undefined) return stay(shown);
      return load({ ...shown, vmidInUse: event.takenVmid }, 'confirm');
    }
    case 'createAnother': {
      if (state.step !== 'done') return stay(state);
      const fresh: WizardState = {
        ...state,
        config: event.config,
        explicit: event.explicit ?? [],
        offered: {},
        vmidInUse: undefined,
        views: { login: state.views.login },
        visited: ['login'],
        dirty: false,
      };
      return enter(fresh, 'general');
    }
  }
}
