/** The wizard's state, the events that change it and the effects it asks for. Pure types. */
import type { ChoicePath, Offered } from '../model/choices';
import type { VmConfig } from '../model/config';
import type { NodeLoad } from '../model/node-load';
import type { FieldIssue, ValidatedSection } from '../model/schemas';
import type { CreatedVm, CreateFailure, DataOf, StepData } from './step-data';
import type { Progress } from '../../services/create-stages/types';
import type { Step } from './steps';

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
  data: Partial<StepData>;
  /** How the last create failed (shown on Confirm), until the next one starts. */
  lastFailure?: CreateFailure;
  /** Next was asked for while the step was still loading: go on once it has loaded. */
  nextWhenLoaded?: boolean;
  /** Choice fields a spec or preset set: kept (and reported) when the server lacks them. */
  explicit: ChoicePath[];
  /** What the server offers for the choice fields, per step, as its loader found it. */
  offered: Partial<Record<ValidatedSection, Offered>>;
  /** A VM ID the live check found in use (the text as typed). */
  vmidInUse?: string;
  /** A VM ID typed on General whose check against the server is still to come or under way. */
  vmidCheck?: string;
  /** Next was asked for while that check was pending: go on once it has answered. */
  nextWhenChecked?: boolean;
}

/**
 * Defaults that loaded data implies, applied to the configuration as it is when the data
 * arrives; `explicit` choices are never replaced.
 */
export type Fill = (config: VmConfig, explicit: readonly ChoicePath[]) => VmConfig;

/** A step's data arrived (`empty`: it holds nothing to choose from, and why). */
export type LoadedEvent = {
  [S in Step]: {
    type: 'loaded';
    step: S;
    data?: DataOf<S>;
    empty?: string;
    /** What the server sent that could not be used (unreadable list entries). */
    note?: string;
    fill?: Fill;
    offered?: Offered;
  };
}[Step];

/** A step's load failed; what did arrive (`data`) is kept, so the step stays usable. */
export type LoadFailedEvent = {
  [S in Step]: {
    type: 'loadFailed';
    step: S;
    message: string;
    data?: DataOf<S>;
    fill?: Fill;
    offered?: Offered;
  };
}[Step];

export type WizardEvent =
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'cancel' }
  | { type: 'quitConfirmed' }
  | { type: 'jump'; step: Step; field?: string }
  | { type: 'touched' }
  | { type: 'changed'; config: VmConfig }
  | { type: 'authenticated' }
  | LoadedEvent
  | LoadFailedEvent
  | { type: 'vmidChecked'; vmid: string; free: boolean }
  /** The server did not answer the VM ID check: nothing is known against the ID. */
  | { type: 'vmidCheckFailed'; vmid: string }
  /** Confirm: take the next free VM ID the check found, and check again. */
  | { type: 'useNextFreeVmid' }
  | { type: 'retry'; step: Step }
  | { type: 'reload'; steps: Step[] }
  | { type: 'progress'; data: Progress }
  | { type: 'created'; result?: CreatedVm }
  | {
      type: 'createFailed';
      message: string;
      issues?: FieldIssue[];
      result?: CreateFailure;
      /** The VM ID another client took meanwhile: marked in use, and Confirm checks it again. */
      takenVmid?: string;
    }
  | { type: 'createAnother'; config: VmConfig; explicit?: ChoicePath[] }
  /** A node's hour of load arrived, or could not be read (General's Node list). */
  | { type: 'nodeLoaded'; node: string; load: NodeLoad };

export type Effect =
  | { type: 'load'; step: Step }
  | { type: 'focusField'; step: Step; field: string }
  /** Check the typed VM ID once typing pauses (replaces a check still to come). */
  | { type: 'checkVmid'; vmid: string }
  /** Run the pending VM ID check now (Next waits for it). */
  | { type: 'checkVmidNow' }
  | { type: 'cancelVmidCheck' }
  /** Ask for these nodes' hour of load, a few at a time; nothing waits for it. */
  | { type: 'loadNodeLoad'; nodes: string[] }
  | { type: 'submit' }
  | { type: 'confirmQuit' }
  | { type: 'quit' };

export interface Transition {
  state: WizardState;
  effects: Effect[];
}
