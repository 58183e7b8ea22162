/**
 * The General step's live VM ID check: the machine asks for it (effects), the controller runs
 * it after the debounce (a manual schedule here: no timers, no sleeps).
 */
import { Controller, type Schedule, type WizardView } from '../../lib/controller';
import { updateSection } from '../../lib/model/derive';
import {
  initialState,
  transition,
  type WizardEvent,
  type WizardState,
} from '../../lib/wizard/machine';
import { STEPS } from '../../lib/wizard/steps';
import { validConfig } from '../support/configs';

function onGeneral(): WizardState {
  return {
    ...initialState(validConfig()),
    step: 'general',
    authenticated: true,
    visited: ['login', 'general'],
    views: Object.fromEntries(STEPS.map((s) => [s, { status: 'ready' }])),
  };
}

const typed = (s: WizardState, vmid: string): WizardEvent => ({
  type: 'changed',
  config: updateSection(s.config, 'general', { vmid }),
});

describe('the VM ID check in the machine', () => {
  it('a VM ID typed on General asks for a check; one out of range drops the pending one', () => {
    const s = onGeneral();
    const r = transition(s, typed(s, '105'));
    expect(r.state.vmidCheck).toBe('105');
    expect(r.effects).toEqual([{ type: 'checkVmid', vmid: '105' }]);
    const short = transition(r.state, typed(r.state, '10'));
    expect(short.state.vmidCheck).toBeUndefined();
    expect(short.effects).toEqual([{ type: 'cancelVmidCheck' }]);
    // Other edits, and an ID out of range with nothing pending, ask nothing.
    const named = transition(s, {
      type: 'changed',
      config: updateSection(s.config, 'general', { name: 'web' }),
    });
    expect(named.effects).toEqual([]);
    expect(transition(s, typed(s, 'abc')).effects).toEqual([]);
  });

  it('a VM ID changed on another step (Confirm) is not checked here', () => {
    const s = { ...onGeneral(), step: 'confirm' as const };
    expect(transition(s, typed(s, '150')).effects).toEqual([]);
  });

  it('Next waits for a pending check: it runs now, and Next goes on once it answered', () => {
    const s = transition(onGeneral(), typed(onGeneral(), '150')).state;
    const waiting = transition(s, { type: 'next' });
    expect(waiting.state).toMatchObject({ step: 'general', nextWhenChecked: true });
    expect(waiting.effects).toEqual([{ type: 'checkVmidNow' }]);
    const free = transition(waiting.state, { type: 'vmidChecked', vmid: '150', free: true });
    expect(free.state).toMatchObject({ step: 'os', vmidCheck: undefined });
    // In use: Next stays, at the field.
    const taken = transition(waiting.state, { type: 'vmidChecked', vmid: '150', free: false });
    expect(taken.state.step).toBe('general');
    expect(taken.state.issues).toEqual([
      { section: 'general', field: 'vmid', message: 'VM ID 150 is already in use' },
    ]);
    expect(taken.effects).toEqual([{ type: 'focusField', step: 'general', field: 'vmid' }]);
    // The server did not answer: nothing is known against the ID, Next goes on.
    const failed = transition(waiting.state, { type: 'vmidCheckFailed', vmid: '150' });
    expect(failed.state.step).toBe('os');
  });

  it('an answer for an ID typed before is no reason to go on', () => {
    let s = transition(onGeneral(), typed(onGeneral(), '150')).state;
    s = transition(s, { type: 'next' }).state;
    s = transition(s, typed(s, '151')).state;
    const old = transition(s, { type: 'vmidChecked', vmid: '150', free: true });
    expect(old.state).toMatchObject({ step: 'general', vmidCheck: '151', nextWhenChecked: true });
  });

  it('leaving General drops the pending check', () => {
    const s = transition(onGeneral(), typed(onGeneral(), '150')).state;
    const r = transition(
      { ...s, visited: ['login', 'general', 'os'] },
      { type: 'jump', step: 'os' },
    );
    expect(r.state).toMatchObject({ step: 'os', vmidCheck: undefined });
    expect(r.effects).toContainEqual({ type: 'cancelVmidCheck' });
  });
});

/** A schedule the test runs by hand. */
class ManualSchedule {
  waiting: { work: () => void; ms: number; cancelled: boolean }[] = [];
  schedule: Schedule = (work, ms) => {
    const entry = { work, ms, cancelled: false };
    this.waiting.push(entry);
    return () => (entry.cancelled = true);
  };
  /** Run what is due (not cancelled) now. */
  elapse(): void {
    const due = this.waiting.filter((e) => !e.cancelled);
    this.waiting = [];
    for (const e of due) e.work();
  }
  get pending(): number {
    return this.waiting.filter((e) => !e.cancelled).length;
  }
}

const view: WizardView = { show: () => {}, focusField: () => {}, confirmQuit: () => {} };

function controllerWith(free: (vmid: number) => boolean) {
  const asked: number[] = [];
  const timers = new ManualSchedule();
  const controller = new Controller({
    view,
    initial: onGeneral(),
    onQuit: () => {},
    schedule: timers.schedule,
    vmidCheckDelayMs: 300,
    checkVmid: async (vmid) => {
      asked.push(vmid);
      return free(vmid);
    },
  });
  const type = (vmid: string) => controller.dispatch(typed(controller.state, vmid));
  return { controller, timers, asked, type };
}

describe('the VM ID check in the controller', () => {
  it('asks once typing pauses, for the last ID typed only', async () => {
    const { controller, timers, asked, type } = controllerWith((id) => id !== 105);
    type('1');
    type('10');
    type('105');
    expect(asked).toEqual([]);
    expect(timers.waiting.map((e) => e.ms)).toEqual([300]);
    timers.elapse();
    await controller.idle();
    expect(asked).toEqual([105]);
    expect(controller.state.vmidInUse).toBe('105');
    expect(controller.state.vmidCheck).toBeUndefined();
  });

  it('a newer ID replaces the check still to come; idle() does not wait for the dropped one', async () => {
    const { controller, timers, asked, type } = controllerWith(() => true);
    type('105');
    type('106');
    expect(timers.pending).toBe(1);
    timers.elapse();
    await controller.idle();
    expect(asked).toEqual([106]);
  });

  it('Next runs the pending check at once and goes on when the ID is free', async () => {
    const { controller, timers, asked, type } = controllerWith(() => true);
    type('150');
    controller.dispatch({ type: 'next' });
    expect(timers.pending).toBe(0);
    await controller.idle();
    expect(asked).toEqual([150]);
    expect(controller.state.step).toBe('os');
  });

  it('Next stays on General when the ID is in use', async () => {
    const { controller, type } = controllerWith(() => false);
    type('150');
    controller.dispatch({ type: 'next' });
    await controller.idle();
    expect(controller.state.step).toBe('general');
    expect(controller.state.issues[0]?.message).toBe('VM ID 150 is already in use');
  });

  it('an answer that comes after the ID changed is dropped', async () => {
    let answer: (free: boolean) => void = () => {};
    const timers = new ManualSchedule();
    const controller = new Controller({
      view,
      initial: onGeneral(),
      onQuit: () => {},
      schedule: timers.schedule,
      checkVmid: () => new Promise<boolean>((resolve) => (answer = resolve)),
    });
    controller.dispatch(typed(controller.state, '105'));
    timers.elapse();
    controller.dispatch(typed(controller.state, '10'));
    answer(false);
    await controller.idle();
    expect(controller.state.vmidInUse).toBeUndefined();
  });

  it('a check that fails (even at once) is no answer: Next goes on, idle() does not hang', async () => {
    const timers = new ManualSchedule();
    const controller = new Controller({
      view,
      initial: onGeneral(),
      onQuit: () => {},
      schedule: timers.schedule,
      checkVmid: () => {
        throw new Error('not logged in');
      },
    });
    controller.dispatch(typed(controller.state, '150'));
    controller.dispatch({ type: 'next' });
    await controller.idle();
    expect(controller.state.step).toBe('os');
  });

  it('without a server to ask, nothing is pending and Next goes on', async () => {
    const controller = new Controller({ view, initial: onGeneral(), onQuit: () => {} });
    controller.dispatch(typed(controller.state, '150'));
    expect(controller.state.vmidCheck).toBeUndefined();
    controller.dispatch({ type: 'next' });
    await controller.idle();
    expect(controller.state.step).toBe('os');
  });
});
