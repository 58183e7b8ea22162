/** The contract between the app and the screen of one wizard step. */
import type { Widgets } from 'blessed';
import type { WizardEvent, WizardState } from '../lib/wizard/machine';
import type { Notice } from '../widgets/notice';
import type { ScreenKey } from '../lib/wizard/keys';

export interface StepContext {
  screen: Widgets.Screen;
  /** Where the step's form goes (the shell's body). */
  parent: Widgets.BoxElement;
  /** The shared status line for loading, empty, success and error messages. */
  status: Notice;
  /** Report an intent upward (next, back, changed, retry …). */
  dispatch(event: WizardEvent): void;
  /** Count the screen's own background work (checks, list reloads) as pending for the app. */
  track<T>(work: Promise<T>): Promise<T>;
  state: WizardState;
  /** Each step's Advanced checkbox, remembered across runs (in memory when absent). */
  advanced?: AdvancedChoice;
}

/** Where the per-step Advanced checkbox is kept (lib/advanced-choice.ts keeps it in a file). */
export interface AdvancedChoice {
  isOn(step: string): boolean;
  set(step: string, on: boolean): void;
}

export interface StepScreen {
  /** The wizard's state changed (data loaded, values changed, issues found …). */
  update(state: WizardState): void;
  /** Put the focus on a field, by the field path the schemas use (`vmid`, `[0].size` …). */
  focusField(field: string): void;
  /** The step's forward action (Ctrl-N); by default the app dispatches `next`. */
  forward?(): void;
  /** The step's back action (Ctrl-P) when it has pages of its own; by default `back`. */
  back?(): void;
  /** Keys this screen adds, for the F1 help (the screen binds them from the same list). */
  keys?: readonly ScreenKey[];
  destroy(): void;
}

export type StepScreenFactory = (context: StepContext) => StepScreen;
