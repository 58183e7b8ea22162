import { Controller, type Loader, type WizardView } from '../../lib/controller';
import type { GeneralData, WizardState } from '../../lib/wizard/machine';
import type { Step } from '../../lib/wizard/steps';
import { MemoryApi } from '../support/memory-api';
import { ProxmoxError } from '../../services/errors';

class RecordingView implements WizardView {
  shown: WizardState[] = [];
  focused: string[] = [];
  confirmations: (() => void)[] = [];
  show(state: WizardState): void {
    this.shown.push(state);
  }
  focusField(step: Step, field: string): void {
    this.focused.push(`${step}.${field}`);
  }
  confirmQuit(quit: () => void): void {
    this.confirmations.push(quit);
  }
}

function setup(loaders: Partial<Record<Step, Loader>> = {}) {
  const view = new RecordingView();
  const quits: WizardState[] = [];
  const controller = new Controller({ view, loaders, onQuit: (s) => quits.push(s) });
  return { view, quits, controller };
}

describe('controller', () => {
  it('shows the login step and marks it ready when it has nothing to load', async () => {
    const { view, controller } = setup();
    controller.start();
    await controller.idle();
    expect(view.shown[0]?.step).toBe('login');
    expect(controller.state.views.login).toEqual({ status: 'ready' });
  });

  it('runs a step loader, stores its data, and idle() waits for it', async () => {
    const api = new MemoryApi();
    const release = api.hold('nodes');
    const { controller } = setup({
      general: async () => ({
        type: 'loaded',
        step: 'general',
        // Only what this test looks at: the nodes.
        data: { nodes: await api.nodes() } as GeneralData,
      }),
    });
    controller.start();
    controller.dispatch({ type: 'authenticated' });
    expect(controller.state.views.general).toEqual({ status: 'loading' });
    let idle = false;
    const waiting = controller.idle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(controller.state.views.general).toEqual({ status: 'ready' });
    // With the nodes came the question of their hour of load (a dash here: nobody to ask).
    expect(controller.state.data.general).toEqual({
      nodes: api.cluster.nodes,
      nodeLoad: { pve1: { status: 'failed', reason: 'not available' } },
    });
  });

  it('a failing loader lands in the error state with the message; retry loads again', async () => {
    const api = new MemoryApi();
    api.fail(
      'nodes',
      new ProxmoxError({ kind: 'server', status: 595, message: 'no route to host' }),
    );
    const { controller } = setup({
      general: async () => ({
        type: 'loaded',
        step: 'general',
        data: (await api.nodes()) as unknown as GeneralData,
      }),
    });
    controller.start();
    controller.dispatch({ type: 'authenticated' });
    await controller.idle();
    expect(controller.state.views.general).toEqual({
      status: 'error',
      message: 'no route to host',
    });
    api.recover('nodes');
    controller.dispatch({ type: 'retry', step: 'general' });
    await controller.idle();
    expect(controller.state.views.general).toEqual({ status: 'ready' });
    expect(api.calls.filter((c) => c.op === 'nodes')).toHaveLength(2);
  });

  it('drops the answer of a load that a newer load replaced', async () => {
    const api = new MemoryApi();
    const releaseFirst = api.hold('nodes');
    let n = 0;
    const { controller } = setup({
      general: async () => {
        const mine = ++n;
        await api.nodes();
        // A number that says which load answered.
        return { type: 'loaded', step: 'general', data: mine as unknown as GeneralData };
      },
    });
    controller.start();
    controller.dispatch({ type: 'authenticated' });
    controller.dispatch({ type: 'reload', steps: ['general'] });
    releaseFirst();
    await controller.idle();
    expect(controller.state.data.general).toBe(2);
  });

  it('focuses the first bad field when next is blocked', () => {
    const { view, controller } = setup();
    controller.start();
    controller.dispatch({ type: 'authenticated' });
    controller.dispatch({ type: 'next' });
    expect(view.focused).toEqual(['general.node']);
  });

  it('quits at once when nothing was typed, asks first otherwise', () => {
    const { view, quits, controller } = setup();
    controller.start();
    controller.dispatch({ type: 'cancel' });
    expect(quits).toHaveLength(1);
    controller.dispatch({ type: 'touched' });
    controller.dispatch({ type: 'cancel' });
    expect(quits).toHaveLength(1);
    expect(view.confirmations).toHaveLength(1);
    view.confirmations[0]!();
    expect(quits).toHaveLength(2);
  });
});
