/**
 * The form steps, loaded when first used instead of while pvevm starts. Their screens, loaders
 * and the creation behind them are most of pvevm's own code, and the login screen needs none of
 * it: a start that compiles and runs them all draws its first frame later. They are loaded, with
 * the step schemas and blessed-contrib (the steps' pictures), when the login is sent (`prepare`:
 * the server's answer takes longer than the loading) or, at the latest, when a step is first
 * shown or loaded.
 */
import type { StepScreenFactory } from '../../screens/step-screen';
import type { Loader } from '../controller';
import { contrib } from '../../widgets/contrib';
import { prepareSchemas } from '../model/schemas';
import { FORM_STEPS, type Step } from '../wizard/steps';
import type { StepsDeps, WiredSteps } from './wire-steps';

/** The steps wire-steps.ts gives a screen (a test holds the two lists together). */
export const SCREEN_STEPS = [...FORM_STEPS, 'submitting', 'done'] as const satisfies Step[];
/** The steps wire-steps.ts gives a loader. */
export const LOADED_STEPS = FORM_STEPS;

export interface LazySteps extends WiredSteps {
  /** Load the steps now (idempotent). */
  prepare(): void;
  /** Whether they are loaded. */
  readonly loaded: boolean;
}

export function lazySteps(deps: StepsDeps): LazySteps {
  let wired: WiredSteps | undefined;
  const load = (): WiredSteps => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    wired ??= (require('./wire-steps') as typeof import('./wire-steps')).wireSteps(deps);
    return wired;
  };
  const registry: Partial<Record<Step, StepScreenFactory>> = Object.fromEntries(
    SCREEN_STEPS.map((step) => [step, (context) => load().registry[step]!(context)]),
  );
  const loaders: Partial<Record<Step, Loader>> = Object.fromEntries(
    LOADED_STEPS.map((step) => [step, (state) => load().loaders[step]!(state)]),
  );
  return {
    registry,
    loaders,
    submit: (state) => load().submit(state),
    nodeLoad: (node) => load().nodeLoad(node),
    prepare: () => {
      load();
      prepareSchemas();
      contrib();
    },
    get loaded() {
      return wired !== undefined;
    },
  };
}
