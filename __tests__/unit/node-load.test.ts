/**
 * The Node list's load at a glance: the hour read from RRD points (gaps kept, the unwritten
 * newest minute dropped), which nodes are asked about (never thousands), the machine asking
 * only once the list is there, and the controller asking a few at a time.
 */
import { Controller, NODE_LOADS_AT_ONCE, type Loader, type WizardView } from '../../lib/controller';
import { hourOfCpu, watchedNodes, WATCHED_NODES } from '../../lib/model/node-load';
import type { NodeLoad } from '../../lib/model/node-load';
import { nodeLoadLoader } from '../../lib/loaders/node-load';
import {
  initialState,
  transition,
  type GeneralData,
  type WizardState,
} from '../../lib/wizard/machine';
import { ProxmoxError } from '../../services/errors';
import type { NodeInfo } from '../../services/proxmox-api';
import { MemoryApi } from '../support/memory-api';

const online = (node: string, cpu = 0.1): NodeInfo => ({ node, status: 'online', cpu });
const offline = (node: string): NodeInfo => ({ node, status: 'offline' });

/** General's loader: the api's nodes, nothing else. */
const generalOf =
  (api: MemoryApi): Loader =>
  async () => ({
    type: 'loaded',
    step: 'general',
    data: { nodes: await api.nodes(), pools: [], tags: [], tagColors: new Map() },
  });

describe('hourOfCpu', () => {
  it('orders the points, keeps gaps between them and drops the gaps at the end', () => {
    expect(
      hourOfCpu([
        { time: 180 },
        { time: 60, cpu: 0.5 },
        { time: 0, cpu: 0.25 },
        { time: 120 },
        { time: 90, cpu: 1.7 },
        { time: 100, cpu: -1 },
      ]),
    ).toEqual({ status: 'loaded', cpu: [0.25, 0.5, 1, 0] });
    expect(hourOfCpu([{ time: 0 }, { time: 60, cpu: 0.2 }, { time: 120 }])).toEqual({
      status: 'loaded',
      cpu: [null, 0.2],
    });
  });

  it('an hour with no figure at all is empty, not an error', () => {
    expect(hourOfCpu([{ time: 0 }, { time: 60 }])).toEqual({ status: 'loaded', cpu: [] });
    expect(hourOfCpu([])).toEqual({ status: 'loaded', cpu: [] });
  });
});

describe('watchedNodes', () => {
  it('asks about online nodes only, in the list order', () => {
    expect(watchedNodes([online('b'), offline('c'), online('a')], 'b')).toEqual(['a', 'b']);
  });

  it('with thousands of nodes, only the first ones and the chosen one', () => {
    const nodes = Array.from({ length: 3000 }, (_, i) => online(`n${String(i).padStart(4, '0')}`));
    const watched = watchedNodes(nodes, 'n2999');
    expect(watched).toHaveLength(WATCHED_NODES + 1);
    expect(watched.slice(0, 2)).toEqual(['n0000', 'n0001']);
    expect(watched.at(-1)).toBe('n2999');
  });
});

describe('the machine', () => {
  const general = (nodes: NodeInfo[]): GeneralData => ({
    nodes,
    pools: [],
    tags: [],
    tagColors: new Map(),
  });
  const loadingGeneral = (): WizardState => {
    const s = transition(initialState(), { type: 'authenticated' }).state;
    expect(s.views.general?.status).toBe('loading');
    return s;
  };

  it('asks for nothing before the node list is there', () => {
    const { effects } = transition(initialState(), { type: 'authenticated' });
    expect(effects.filter((e) => e.type === 'loadNodeLoad')).toEqual([]);
  });

  it('asks for the online nodes with the list, once, and keeps each answer', () => {
    const t = transition(loadingGeneral(), {
      type: 'loaded',
      step: 'general',
      data: general([online('pve1'), offline('pve2'), online('pve3')]),
    });
    expect(t.state.views.general?.status).toBe('ready');
    expect(t.effects.filter((e) => e.type === 'loadNodeLoad')).toEqual([
      { type: 'loadNodeLoad', nodes: ['pve1', 'pve3'] },
    ]);
    expect(t.state.data.general?.nodeLoad).toEqual({
      pve1: { status: 'loading' },
      pve3: { status: 'loading' },
    });
    const hour: NodeLoad = { status: 'loaded', cpu: [0.5] };
    const answered = transition(t.state, { type: 'nodeLoaded', node: 'pve1', load: hour });
    expect(answered.effects).toEqual([]);
    const failed = transition(answered.state, {
      type: 'nodeLoaded',
      node: 'pve3',
      load: { status: 'failed', reason: 'No route to host' },
    });
    expect(failed.state.data.general?.nodeLoad).toEqual({
      pve1: hour,
      pve3: { status: 'failed', reason: 'No route to host' },
    });
    // An answer nobody asked for is dropped.
    const stray = transition(failed.state, { type: 'nodeLoaded', node: 'pve2', load: hour });
    expect(stray.state).toBe(failed.state);
  });

  it('a node chosen beyond the first ones is asked about when chosen, not on other edits', () => {
    const nodes = Array.from({ length: 100 }, (_, i) => online(`n${String(i).padStart(3, '0')}`));
    const ready = transition(loadingGeneral(), {
      type: 'loaded',
      step: 'general',
      data: general(nodes),
    }).state;
    const config = { ...ready.config, general: { ...ready.config.general, node: 'n099' } };
    const chosen = transition(ready, { type: 'changed', config });
    expect(chosen.effects.filter((e) => e.type === 'loadNodeLoad')).toEqual([
      { type: 'loadNodeLoad', nodes: ['n099'] },
    ]);
    const named = { ...config, general: { ...config.general, name: 'web' } };
    const edit = transition(chosen.state, { type: 'changed', config: named });
    expect(edit.effects.filter((e) => e.type === 'loadNodeLoad')).toEqual([]);
  });
});

describe('the controller', () => {
  const view: WizardView = { show: () => {}, focusField: () => {}, confirmQuit: () => {} };

  it(`asks at most ${NODE_LOADS_AT_ONCE} at once, each node once, and a failure is a reason`, async () => {
    const api = new MemoryApi();
    api.cluster.nodes = Array.from({ length: 3000 }, (_, i) => online(`n${i + 1000}`));
    const release = api.hold('nodeLoadHistory');
    const controller = new Controller({
      view,
      onQuit: () => {},
      loaders: {
        general: generalOf(api),
      },
      nodeLoad: nodeLoadLoader(() => api),
    });
    controller.start();
    controller.dispatch({ type: 'authenticated' });
    // The node list arrives; the first hours are asked for, no more than the bound (however
    // many turns pass while the first ones are held).
    while (controller.state.views.general?.status !== 'ready') await Promise.resolve();
    for (let i = 0; i < 20; i++) await Promise.resolve();
    const asked = () => api.calls.filter((c) => c.op === 'nodeLoadHistory');
    expect(controller.state.views.general?.status).toBe('ready');
    expect(asked()).toHaveLength(NODE_LOADS_AT_ONCE);
    api.fail(
      'nodeLoadHistory',
      new ProxmoxError({ kind: 'network', status: 595, message: 'No route' }),
    );
    release();
    await controller.idle();
    expect(asked()).toHaveLength(WATCHED_NODES);
    expect(new Set(asked().map((c) => c.args[0])).size).toBe(WATCHED_NODES);
    const loads = Object.values(controller.state.data.general?.nodeLoad ?? {});
    expect(loads).toHaveLength(WATCHED_NODES);
    expect(loads.every((l) => l.status === 'failed' && l.reason === 'No route')).toBe(true);
  });
});

describe('node hours wait for the steps', () => {
  it("start only once the steps' own loads are in (the next step's list comes first)", async () => {
    const api = new MemoryApi();
    api.cluster.nodes = [online('pve1'), online('pve2')];
    let releaseOs!: () => void;
    const controller = new Controller({
      view: { show: () => {}, focusField: () => {}, confirmQuit: () => {} },
      onQuit: () => {},
      loaders: {
        general: generalOf(api),
        os: () =>
          new Promise((resolve) => {
            releaseOs = () => resolve({ type: 'loaded', step: 'os' });
          }),
      },
      nodeLoad: nodeLoadLoader(() => api),
    });
    controller.start();
    controller.dispatch({ type: 'authenticated' });
    while (controller.state.views.general?.status !== 'ready') await Promise.resolve();
    for (let i = 0; i < 20; i++) await Promise.resolve();
    const asked = () => api.calls.filter((c) => c.op === 'nodeLoadHistory');
    // General is there and OS's list (prefetched) is still on its way: no hour asked yet.
    expect(controller.state.views.os?.status).toBe('loading');
    expect(asked()).toHaveLength(0);
    releaseOs();
    await controller.idle();
    expect(asked().map((c) => c.args[0])).toEqual(['pve1', 'pve2']);
  });
});

describe('node hours wait for a pause in typing', () => {
  it('a key pressed holds them back until the user has not typed for the pause', async () => {
    let clock = 1_000;
    jest.spyOn(performance, 'now').mockImplementation(() => clock);
    const waits: { run: () => void; ms: number }[] = [];
    const api = new MemoryApi();
    api.cluster.nodes = [online('pve1')];
    const controller = new Controller({
      view: { show: () => {}, focusField: () => {}, confirmQuit: () => {} },
      onQuit: () => {},
      nodeLoadPauseMs: 400,
      schedule: (run, ms) => {
        waits.push({ run, ms });
        return () => {};
      },
      loaders: {
        general: generalOf(api),
      },
      nodeLoad: nodeLoadLoader(() => api),
    });
    controller.start();
    controller.noteInput();
    controller.dispatch({ type: 'authenticated' });
    while (controller.state.views.general?.status !== 'ready') await Promise.resolve();
    for (let i = 0; i < 20; i++) await Promise.resolve();
    const asked = () => api.calls.filter((c) => c.op === 'nodeLoadHistory');
    expect(asked()).toHaveLength(0);
    expect(waits.map((w) => w.ms)).toEqual([400]);
    // Typing on: when the wait is over, it waits for the rest of the new pause.
    clock += 300;
    controller.noteInput();
    clock += 100;
    waits.shift()!.run();
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(asked()).toHaveLength(0);
    expect(waits.map((w) => w.ms)).toEqual([300]);
    clock += 300;
    waits.shift()!.run();
    await controller.idle();
    expect(asked().map((c) => c.args[0])).toEqual(['pve1']);
    jest.restoreAllMocks();
  });
});
