/**
 * The wizard as a pure state machine: (state, event) → state + effects. No terminal, no
 * network: the controller runs the effects and feeds their outcome back as events.
 */
import type { ChoicePath } from '../model/choices';
import { defaultConfig, type VmConfig } from '../model/config';
import { updateSection } from '../model/derive';
import { revalidated } from './issues';
import { loaded, loadFailed, reload, setView } from './loading';
import { back, enter, jump, load, next, stay, withPrefetch } from './navigation';
import { nextFreeVmid } from './confirm';
import type { Transition, WizardEvent, WizardState } from './state';
import type { CreatedVm } from './step-data';
import { nodeLoaded, watchNodeLoad } from './node-load';
import { NODE_DEPENDENT_STEPS } from './steps';
import { afterVmidEdit, dropVmidCheckOnLeave, vmidAnswered } from './vmid-check';

export type {
  Effect,
  Fill,
  LoadedEvent,
  LoadFailedEvent,
  Transition,
  View,
  ViewStatus,
  WizardEvent,
  WizardState,
} from './state';
export type * from './step-data';
export { serverIssues } from './issues';

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

/**
 * An edit. Derived work follows the model's rules: a new node makes the node's data stale
 * (its steps load again), a new VM ID typed on General is checked against the server.
 */
function changed(state: WizardState, config: VmConfig): Transition {
  if (state.step === 'submitting' || state.step === 'done') return stay(state);
  const edited = revalidated({ ...state, config, dirty: true });
  const moved =
    config.general.node === state.config.general.node
      ? stay(edited)
      : reload(edited, NODE_DEPENDENT_STEPS);
  const checked = afterVmidEdit(state, moved.state);
  return { state: checked.state, effects: [...moved.effects, ...checked.effects] };
}

/** Confirm found the VM ID taken: take the next free one and check again. */
function useNextFreeVmid(state: WizardState): Transition {
  const nextFree = nextFreeVmid(state);
  if (state.step !== 'confirm' || nextFree === undefined) return stay(state);
  const config = updateSection(state.config, 'general', { vmid: String(nextFree) });
  const edited = revalidated({ ...state, config, dirty: true });
  return edited.views.confirm?.status === 'loading' ? stay(edited) : load(edited, 'confirm');
}

function cancel(state: WizardState): Transition {
  if (state.step === 'done') return { state, effects: [{ type: 'quit' }] };
  return {
    state,
    effects: [{ type: state.dirty || state.step === 'submitting' ? 'confirmQuit' : 'quit' }],
  };
}

function created(state: WizardState, result: CreatedVm | undefined): Transition {
  if (state.step !== 'submitting') return stay(state);
  const done = enter({ ...state, data: { ...state.data, done: result } }, 'done').state;
  return stay(setView(done, 'done', { status: 'success' }));
}

function createFailed(
  state: WizardState,
  event: Extract<WizardEvent, { type: 'createFailed' }>,
): Transition {
  if (state.step !== 'submitting') return stay(state);
  const failed = {
    ...state,
    step: 'confirm' as const,
    issues: event.issues ?? [],
    lastFailure: event.result,
  };
  const shown = setView(failed, 'confirm', { status: 'error', message: event.message });
  if (event.takenVmid === undefined) return stay(shown);
  return load({ ...shown, vmidInUse: event.takenVmid }, 'confirm');
}

function createAnother(
  state: WizardState,
  event: Extract<WizardEvent, { type: 'createAnother' }>,
): Transition {
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

type Handlers = {
  [K in WizardEvent['type']]: (
    state: WizardState,
    event: Extract<WizardEvent, { type: K }>,
  ) => Transition;
};

const HANDLERS: Handlers = {
  next: (s) => next(s),
  back: (s) => back(s),
  cancel: (s) => cancel(s),
  quitConfirmed: (s) => ({ state: s, effects: [{ type: 'quit' }] }),
  jump: (s, e) => jump(s, e.step, e.field),
  vmidChecked: (s, e) => vmidAnswered(s, e.vmid, e.free, next),
  vmidCheckFailed: (s, e) => vmidAnswered(s, e.vmid, undefined, next),
  useNextFreeVmid: (s) => useNextFreeVmid(s),
  touched: (s) => stay(s.dirty ? s : { ...s, dirty: true }),
  changed: (s, e) => changed(s, e.config),
  authenticated: (s) =>
    s.step === 'login'
      ? enter({ ...s, authenticated: true }, 'general')
      : stay({ ...s, authenticated: true }),
  loaded: (s, e) => loaded(s, e),
  loadFailed: (s, e) => loadFailed(s, e),
  retry: (s, e) => (s.views[e.step]?.status === 'loading' ? stay(s) : load(s, e.step)),
  reload: (s, e) => reload(s, e.steps),
  progress: (s, e) =>
    s.step === 'submitting' ? stay({ ...s, data: { ...s.data, submitting: e.data } }) : stay(s),
  created: (s, e) => created(s, e.result),
  createFailed: (s, e) => createFailed(s, e),
  createAnother: (s, e) => createAnother(s, e),
  nodeLoaded: (s, e) => nodeLoaded(s, e.node, e.load),
};

export function transition(state: WizardState, event: WizardEvent): Transition {
  const handle = HANDLERS[event.type] as (s: WizardState, e: WizardEvent) => Transition;
  return watchNodeLoad(state, withPrefetch(dropVmidCheckOnLeave(handle(state, event))));
}
