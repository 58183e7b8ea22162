/**
 * Runs the wizard: feeds events to the pure state machine, performs the effects it asks for
 * (loads, focus, submit, quit), and tells the view to show the new state. It tracks every piece
 * of pending work, so tests can wait for `idle()` instead of a clock.
 */
import {
  transition,
  initialState,
  type Effect,
  type WizardEvent,
  type WizardState,
} from './wizard/machine';
import type { Step } from './wizard/steps';
import { ProxmoxError } from '../services/errors';
import { Bounded } from './bounded';
import type { NodeLoad } from './model/node-load';

/** Node hours asked for at once (a cluster of thousands never gets thousands of requests). */
export const NODE_LOADS_AT_ONCE = 2;

/** What the controller needs from the terminal side. */
export interface WizardView {
  /** Show `state` (mounting the step's screen when the step changed). */
  show(state: WizardState): void;
  focusField(step: Step, field: string): void;
  /** Ask whether to quit; call `quit` when the user says yes. */
  confirmQuit(quit: () => void): void;
}

/** Fetches a step's data; resolves to the event that reports it (loaded, empty or failed). */
export type Loader = (state: WizardState) => Promise<WizardEvent>;

/** Run `work` after `ms`; the returned function cancels it (tests pass a manual one). */
export type Schedule = (work: () => void, ms: number) => () => void;

const realSchedule: Schedule = (work, ms) => {
  const timer = setTimeout(work, ms);
  return () => clearTimeout(timer);
};

/** A VM ID check still to come (its debounce running) or under way. */
interface PendingCheck {
  started: boolean;
  start(): void;
  /** Stop waiting for it: its answer, if any comes, is dropped. */
  drop(): void;
}

export interface ControllerOptions {
  view: WizardView;
  loaders?: Partial<Record<Step, Loader>>;
  /** Creates the VM; resolves to `created` or `createFailed`. */
  submit?: (state: WizardState) => Promise<WizardEvent>;
  onQuit: (state: WizardState) => void;
  initial?: WizardState;
  /** Asks the server whether a VM ID is free (the General step's live check). */
  checkVmid?: (vmid: number) => Promise<boolean>;
  /** Wait after the last edit of the VM ID before checking it (default 300 ms). */
  vmidCheckDelayMs?: number;
  /** Node hours are asked for once the user has not typed for this long (default 400 ms). */
  nodeLoadPauseMs?: number;
  schedule?: Schedule;
  /** A node's hour of load (General's Node list); resolves to `failed` rather than rejecting. */
  nodeLoad?: (node: string) => Promise<NodeLoad>;
}

export class Controller {
  private current: WizardState;
  private pending = 0;
  private waiters: (() => void)[] = [];
  /** Load generation per step: a result for an older request is dropped. */
  private generation = new Map<Step, number>();
  private vmidCheck: PendingCheck | undefined;
  private readonly nodeLoads = new Bounded(NODE_LOADS_AT_ONCE);
  /** The steps' loads in flight (node hours wait for them). */
  private readonly stepLoads = new Set<Promise<unknown>>();
  /** When the user last pressed a key (node hours wait for a pause). */
  private lastInput = -Infinity;

  constructor(private readonly options: ControllerOptions) {
    this.current = options.initial ?? initialState();
  }

  get state(): WizardState {
    return this.current;
  }

  /** Show the initial state and run the effects of entering it (e.g. the login step's load). */
  start(): void {
    this.options.view.show(this.current);
    const step = this.current.step;
    if (this.current.views[step]?.status === 'loading') this.run({ type: 'load', step });
  }

  dispatch(event: WizardEvent): void {
    const { state, effects } = transition(this.current, event);
    this.current = state;
    this.options.view.show(state);
    for (const effect of effects) this.run(effect);
  }

  /** Count `work` as pending until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending++;
    return work.finally(() => {
      this.pending--;
      if (this.pending === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      }
    });
  }

  /** Resolves once no work is pending (including work started by work that just finished). */
  async idle(): Promise<void> {
    while (this.pending > 0) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      await Promise.resolve();
    }
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'load':
        this.load(effect.step);
        break;
      case 'checkVmid':
        this.checkVmid(effect.vmid);
        break;
      case 'checkVmidNow':
        if (this.vmidCheck && !this.vmidCheck.started) this.vmidCheck.start();
        break;
      case 'cancelVmidCheck':
        this.vmidCheck?.drop();
        this.vmidCheck = undefined;
        break;
      case 'loadNodeLoad':
        for (const node of effect.nodes) this.loadNodeLoad(node);
        break;
      case 'focusField':
        this.options.view.focusField(effect.step, effect.field);
        break;
      case 'submit': {
        const submit = this.options.submit;
        if (!submit) {
          this.dispatch({
            type: 'createFailed',
            message: 'Creating VMs is not available in this build',
          });
          break;
        }
        void this.track(
          submit(this.current).then(
            (event) => this.dispatch(event),
            (err: unknown) => this.dispatch({ type: 'createFailed', message: messageOf(err) }),
          ),
        );
        break;
      }
      case 'confirmQuit':
        this.options.view.confirmQuit(() => this.dispatch({ type: 'quitConfirmed' }));
        break;
      case 'quit':
        this.options.onQuit(this.current);
        break;
    }
  }

  /**
   * Check `vmid` once the debounce has passed, replacing a check still to come. The check
   * counts as pending work from the first edit, so `idle()` waits for its answer.
   */
  private checkVmid(vmid: string): void {
    this.vmidCheck?.drop();
    this.vmidCheck = undefined;
    const ask = this.options.checkVmid;
    // Nobody to ask (no server): nothing is known against the ID.
    if (!ask) return this.dispatch({ type: 'vmidCheckFailed', vmid });
    let settle = () => {};
    let cancelTimer = () => {};
    void this.track(new Promise<void>((resolve) => (settle = resolve)));
    const check: PendingCheck = {
      started: false,
      start: () => {
        cancelTimer();
        check.started = true;
        const current = () => this.vmidCheck === check;
        // A port that throws at once fails the check like one that rejects.
        Promise.resolve()
          .then(() => ask(Number(vmid)))
          .then(
            (free) => current() && this.dispatch({ type: 'vmidChecked', vmid, free }),
            () => current() && this.dispatch({ type: 'vmidCheckFailed', vmid }),
          )
          .finally(() => {
            if (current()) this.vmidCheck = undefined;
            settle();
          });
      },
      drop: () => {
        cancelTimer();
        settle();
      },
    };
    this.vmidCheck = check;
    const schedule = this.options.schedule ?? realSchedule;
    cancelTimer = schedule(() => check.start(), this.options.vmidCheckDelayMs ?? 300);
  }

  /**
   * A node's hour, a few at a time, once the steps' own loads are in (a picture never competes
   * with a list the user waits for: the next step's ISOs arrive first) and the user pauses. A
   * failure is data (a dash), never a failed step.
   */
  private loadNodeLoad(node: string): void {
    const ask = this.options.nodeLoad;
    const answered = (load: NodeLoad) => this.dispatch({ type: 'nodeLoaded', node, load });
    if (!ask) return answered({ status: 'failed', reason: 'not available' });
    const work = this.nodeLoads.add(node, async () => {
      await this.pause();
      await ask(node).then(answered, (err: unknown) =>
        answered({ status: 'failed', reason: messageOf(err) }),
      );
    });
    if (work) void this.track(work);
  }

  /** A key was pressed (the app tells): pictures' data waits for the next pause. */
  noteInput(): void {
    this.lastInput = performance.now();
  }

  /**
   * Until the steps' own loads are in and the user has paused: an hour's answer then costs no
   * keystroke its echo (handling it and redrawing General take a few milliseconds).
   */
  private async pause(): Promise<void> {
    const ms = this.options.nodeLoadPauseMs ?? 400;
    const schedule = this.options.schedule ?? realSchedule;
    for (;;) {
      if (this.stepLoads.size > 0) {
        await Promise.allSettled([...this.stepLoads]);
        continue;
      }
      const wait = this.lastInput + ms - performance.now();
      if (wait <= 0) return;
      await new Promise<void>((resolve) => schedule(resolve, wait));
    }
  }

  private load(step: Step): void {
    const generation = (this.generation.get(step) ?? 0) + 1;
    this.generation.set(step, generation);
    const loader = this.options.loaders?.[step];
    if (!loader) {
      this.dispatch({ type: 'loaded', step });
      return;
    }
    const current = () => this.generation.get(step) === generation;
    const loading = loader(this.current).then(
      (event) => current() && this.dispatch(event),
      (err: unknown) =>
        current() && this.dispatch({ type: 'loadFailed', step, message: loadMessageOf(err) }),
    );
    this.stepLoads.add(loading);
    void loading.finally(() => this.stepLoads.delete(loading));
    void this.track(loading);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A failed load says which parameter Proxmox refused and why (its per-parameter `errors`), or
 * "Parameter verification failed." alone would leave the user guessing.
 */
function loadMessageOf(err: unknown): string {
  const details =
    err instanceof ProxmoxError
      ? Object.entries(err.errors).map(([name, problem]) => `${name}: ${problem}`)
      : [];
  return [messageOf(err), ...details].join(' ');
}
