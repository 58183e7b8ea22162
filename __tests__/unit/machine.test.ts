import { defaultConfig, type VmConfig } from '../../lib/model/config';
import { validConfig } from '../support/configs';
import type { Progress } from '../../lib/creation';
import {
  initialState,
  transition,
  type CreatedVm,
  type CreateFailure,
  type GeneralData,
  type OsData,
  type Effect,
  type WizardEvent,
  type WizardState,
} from '../../lib/wizard/machine';
import { STEPS, type Step } from '../../lib/wizard/steps';

/** A state on `step`, authenticated, every step up to it visited, every step's data loaded. */
function at(step: Step, config: VmConfig = validConfig()): WizardState {
  const upto = STEPS.slice(0, STEPS.indexOf(step) + 1);
  return {
    ...initialState(config),
    step,
    authenticated: step !== 'login',
    visited: [...upto],
    views: Object.fromEntries(STEPS.map((s) => [s, { status: 'ready' }])),
  };
}

function run(
  state: WizardState,
  ...events: WizardEvent[]
): { state: WizardState; effects: Effect[] } {
  let effects: Effect[] = [];
  for (const e of events) ({ state, effects } = transition(state, e));
  return { state, effects };
}

describe('initial state', () => {
  it('starts on login, loading the realms, not authenticated', () => {
    const s = initialState();
    expect(s).toMatchObject({ step: 'login', authenticated: false, dirty: false });
    expect(s.views.login).toEqual({ status: 'loading' });
  });
});

describe('next / back / cancel on every step', () => {
  // [from, event, expected step, expected effects]
  const table: [Step, WizardEvent['type'], Step, Effect[]][] = [
    ['login', 'next', 'login', []],
    ['login', 'back', 'login', []],
    ['login', 'cancel', 'login', [{ type: 'quit' }]],
    ['general', 'next', 'os', []],
    ['general', 'back', 'general', []],
    ['general', 'cancel', 'general', [{ type: 'quit' }]],
    ['os', 'next', 'system', []],
    ['os', 'back', 'general', []],
    ['os', 'cancel', 'os', [{ type: 'quit' }]],
    ['system', 'next', 'disks', []],
    ['system', 'back', 'os', []],
    ['disks', 'next', 'cpu', []],
    ['disks', 'back', 'system', []],
    ['cpu', 'next', 'memory', []],
    ['cpu', 'back', 'disks', []],
    ['memory', 'next', 'network', []],
    ['memory', 'back', 'cpu', []],
    ['network', 'next', 'confirm', []],
    ['network', 'back', 'memory', []],
    ['confirm', 'next', 'submitting', [{ type: 'submit' }]],
    ['confirm', 'back', 'network', []],
    ['confirm', 'cancel', 'confirm', [{ type: 'quit' }]],
    ['submitting', 'next', 'submitting', []],
    ['submitting', 'back', 'submitting', []],
    ['submitting', 'cancel', 'submitting', [{ type: 'confirmQuit' }]],
    ['done', 'next', 'done', []],
    ['done', 'back', 'done', []],
    ['done', 'cancel', 'done', [{ type: 'quit' }]],
  ];
  it.each(table)('%s + %s → %s', (from, type, to, effects) => {
    const r = transition(at(from), { type } as WizardEvent);
    expect(r.state.step).toBe(to);
    expect(r.effects).toEqual(effects);
  });

  it('entering a step that loads for the first time starts its load', () => {
    const s = {
      ...at('system'),
      views: {},
      visited: ['login', 'general', 'os', 'system'] as Step[],
    };
    const r = transition(s, { type: 'next' });
    expect(r.state.step).toBe('disks');
    expect(r.state.views.disks).toEqual({ status: 'loading' });
    expect(r.effects).toEqual([{ type: 'load', step: 'disks' }]);
  });

  it('a step that was loaded before does not load again', () => {
    const s = at('cpu');
    const r = transition(s, { type: 'next' });
    expect(r.state.step).toBe('memory');
    expect(r.effects).toEqual([]);
  });

  it('cancel asks first once anything was typed', () => {
    const r = run(at('general'), { type: 'touched' }, { type: 'cancel' });
    expect(r.effects).toEqual([{ type: 'confirmQuit' }]);
    expect(transition(r.state, { type: 'quitConfirmed' }).effects).toEqual([{ type: 'quit' }]);
  });
});

describe('guards', () => {
  it('nothing after login before authentication: next, jump and load events do not leave login', () => {
    const s = initialState(validConfig());
    for (const e of [
      { type: 'next' },
      { type: 'jump', step: 'general' },
      { type: 'loaded', step: 'login' },
      { type: 'changed', config: validConfig() },
    ] as WizardEvent[]) {
      expect(transition(s, e).state.step).toBe('login');
    }
  });

  it('authentication moves from login to general and loads it', () => {
    const r = transition(initialState(), { type: 'authenticated' });
    expect(r.state).toMatchObject({ step: 'general', authenticated: true });
    expect(r.effects).toEqual([{ type: 'load', step: 'general' }]);
  });

  it("next is blocked by the step's schema and focuses the first bad field", () => {
    const c = validConfig();
    c.general.vmid = '5';
    c.general.name = 'bad_name';
    const r = transition(at('general', c), { type: 'next' });
    expect(r.state.step).toBe('general');
    expect(r.state.issues.map((i) => i.field)).toEqual(['vmid', 'name']);
    expect(r.effects).toEqual([{ type: 'focusField', step: 'general', field: 'vmid' }]);
  });

  it('issues shown are re-checked as the user fixes them', () => {
    const c = validConfig();
    c.general.vmid = '5';
    const blocked = transition(at('general', c), { type: 'next' }).state;
    const fixed = transition(blocked, { type: 'changed', config: validConfig() }).state;
    expect(fixed.issues).toEqual([]);
    // The VM ID typed on General is checked against the server before Next goes on.
    const vmid = validConfig().general.vmid;
    const checked = transition(fixed, { type: 'vmidChecked', vmid, free: true }).state;
    expect(transition(checked, { type: 'next' }).state.step).toBe('os');
  });

  it('confirm lists every issue of every step and does not submit', () => {
    const c = validConfig();
    c.general.vmid = '';
    c.network.vlan = '0';
    const r = transition(at('confirm', c), { type: 'next' });
    expect(r.state.step).toBe('confirm');
    expect(r.effects).toEqual([]);
    expect(r.state.issues.map((i) => `${i.section}.${i.field}`)).toEqual([
      'general.vmid',
      'network.vlan',
    ]);
  });

  it('jumps only to visited form steps', () => {
    const s = {
      ...at('cpu'),
      visited: ['login', 'general', 'os', 'system', 'disks', 'cpu'] as Step[],
    };
    expect(transition(s, { type: 'jump', step: 'os' }).state.step).toBe('os');
    expect(transition(s, { type: 'jump', step: 'network' }).state.step).toBe('cpu');
    expect(transition(s, { type: 'jump', step: 'login' }).state.step).toBe('cpu');
    const back = transition(s, { type: 'jump', step: 'general' }).state;
    expect(transition(back, { type: 'jump', step: 'cpu' }).state.step).toBe('cpu');
  });
});

describe('values are never lost', () => {
  it('back and forth keeps every value, including invalid ones', () => {
    const c = validConfig();
    c.general.name = 'web-1';
    c.cpu.cores = '8';
    let s = at('cpu', c);
    s = transition(s, {
      type: 'changed',
      config: { ...s.config, memory: { ...s.config.memory, memory: 'abc' } },
    }).state;
    s = run(s, { type: 'back' }, { type: 'back' }, { type: 'back' }, { type: 'back' }).state;
    expect(s.step).toBe('general');
    s = run(s, { type: 'jump', step: 'cpu' }).state;
    expect(s.config.general.name).toBe('web-1');
    expect(s.config.cpu.cores).toBe('8');
    expect(s.config.memory.memory).toBe('abc');
  });

  it('a failed create returns to confirm with the configuration and the message', () => {
    const s = transition(at('confirm'), { type: 'next' }).state;
    const r = transition(s, { type: 'createFailed', message: 'storage full' });
    expect(r.state.step).toBe('confirm');
    expect(r.state.views.confirm).toEqual({ status: 'error', message: 'storage full' });
    expect(r.state.config).toEqual(validConfig());
  });

  it('creating again after a failure starts with no progress from the failed attempt', () => {
    const s = transition(at('confirm'), { type: 'next' }).state;
    const result: CreateFailure = { kind: 'failed', message: 'storage full', errors: {}, log: [] };
    const failed = transition(s, { type: 'createFailed', message: 'storage full', result }).state;
    // The failure is kept apart from the progress (`lastFailure`), for Confirm to show.
    expect(failed.lastFailure).toEqual(result);
    expect(failed.data.submitting).toBeUndefined();
    const again = transition(failed, { type: 'next' });
    expect(again.state.step).toBe('submitting');
    expect(again.state.data.submitting).toBeUndefined();
    expect(again.state.lastFailure).toBeUndefined();
    expect(again.effects).toEqual([{ type: 'submit' }]);
  });
});

describe('view states', () => {
  const loading = (step: Step) => ({ ...at(step), views: { [step]: { status: 'loading' } } });

  it('loaded → ready, loaded with a reason → empty, failed → error with message, retry → loading', () => {
    expect(
      transition(loading('general'), { type: 'loaded', step: 'general' }).state.views.general,
    ).toEqual({ status: 'ready' });
    expect(
      transition(loading('general'), { type: 'loaded', step: 'general', empty: 'No pools' }).state
        .views.general,
    ).toEqual({ status: 'empty', message: 'No pools' });
    const failed = transition(loading('os'), {
      type: 'loadFailed',
      step: 'os',
      message: '595 offline',
    }).state;
    expect(failed.views.os).toEqual({ status: 'error', message: '595 offline' });
    const retried = transition(failed, { type: 'retry', step: 'os' });
    expect(retried.state.views.os).toEqual({ status: 'loading' });
    expect(retried.effects).toEqual([{ type: 'load', step: 'os' }]);
  });

  it('a load fills defaults into the configuration as it is when the data arrives', () => {
    const s = loading('general');
    const typed = transition(s, {
      type: 'changed',
      config: { ...s.config, general: { ...s.config.general, name: 'typed-meanwhile' } },
    }).state;
    const r = transition(typed, {
      type: 'loaded',
      step: 'general',
      data: { nodes: [] } as unknown as GeneralData,
      fill: (c) => ({ ...c, general: { ...c.general, vmid: '777' } }),
    });
    expect(r.state.config.general).toMatchObject({ name: 'typed-meanwhile', vmid: '777' });
    expect(r.state.data.general).toEqual({ nodes: [] });
  });

  it('Next while the step is loading waits for the data, then checks and goes on', () => {
    const s = {
      ...loading('os'),
      config: { ...validConfig(), os: { ...validConfig().os, iso: '' } },
    };
    const waiting = transition(s, { type: 'next' });
    expect(waiting.state).toMatchObject({ step: 'os', nextWhenLoaded: true });
    const fill = (c: VmConfig) => ({ ...c, os: { ...c.os, iso: 'cephfs:iso/x.iso' } });
    const r = transition(waiting.state, { type: 'loaded', step: 'os', fill });
    expect(r.state).toMatchObject({ step: 'system', nextWhenLoaded: false });
    const failed = transition(waiting.state, { type: 'loadFailed', step: 'os', message: 'x' });
    expect(failed.state).toMatchObject({ step: 'os', nextWhenLoaded: false });
  });

  it('ignores load results nobody waits for', () => {
    const s = at('general');
    expect(transition(s, { type: 'loadFailed', step: 'general', message: 'x' }).state).toBe(s);
  });

  it('reload clears dependent steps and reloads the current one', () => {
    const r = transition(at('system'), { type: 'reload', steps: ['os', 'system', 'disks'] });
    expect(r.state.views.os).toBeUndefined();
    expect(r.state.views.system).toEqual({ status: 'loading' });
    // … and what is missing of the two steps after it is prefetched at once (CPU is there).
    expect(r.effects).toEqual([
      { type: 'load', step: 'system' },
      { type: 'load', step: 'disks' },
    ]);
  });

  it("once the node is known, the next two steps' data is prefetched at once (never Confirm's)", () => {
    // General's own data brings the node: only then can OS and System be asked for.
    const general = transition(loading('general'), { type: 'loaded', step: 'general' });
    expect(general.state.views.os).toEqual({ status: 'loading' });
    expect(general.state.views.system).toEqual({ status: 'loading' });
    expect(general.effects).toEqual([
      { type: 'load', step: 'os' },
      { type: 'load', step: 'system' },
    ]);
    // A prefetched step that is still loading when entered shows loading, and is not asked
    // twice; the step two ahead is asked for at the same moment, not once OS's data is there.
    const entered = transition(general.state, { type: 'next' });
    expect(entered.state).toMatchObject({ step: 'os', views: { os: { status: 'loading' } } });
    expect(entered.effects).toEqual([{ type: 'load', step: 'disks' }]);
    const arrived = transition(entered.state, { type: 'loaded', step: 'os' });
    expect(arrived.effects).toEqual([]);
    // Prefetched data that arrives while the user is still on the step before is kept.
    const early = transition(general.state, {
      type: 'loaded',
      step: 'os',
      data: { isos: [] } as unknown as OsData,
    });
    expect(early.state).toMatchObject({ step: 'general', views: { os: { status: 'ready' } } });
    expect(transition(early.state, { type: 'next' }).effects).toEqual([
      { type: 'load', step: 'disks' },
    ]);
    // A step loading again (a retry) prefetches what is missing ahead of it too.
    const disks = { ...at('disks'), views: { general: { status: 'ready' as const } } };
    expect(transition(disks, { type: 'retry', step: 'disks' }).effects).toEqual([
      { type: 'load', step: 'disks' },
      { type: 'load', step: 'cpu' },
      { type: 'load', step: 'memory' },
    ]);
    // Never Confirm.
    const memory = { ...at('memory'), views: { general: { status: 'ready' as const } } };
    expect(transition(memory, { type: 'touched' }).effects).toEqual([
      { type: 'load', step: 'network' },
    ]);
    const network = { ...loading('network'), views: { network: { status: 'loading' as const } } };
    expect(transition(network, { type: 'loaded', step: 'network' }).effects).toEqual([]);
  });

  it('nothing but General loads while the node is still unknown', () => {
    const s = { ...loading('general'), views: { general: { status: 'loading' as const } } };
    expect(transition(s, { type: 'touched' }).effects).toEqual([]);
    expect(transition(s, { type: 'touched' }).state.views.os).toBeUndefined();
  });

  it('a node change clears the dependent steps and prefetches the next two again', () => {
    const r = transition(at('general'), { type: 'reload', steps: ['os', 'system', 'disks'] });
    expect(r.state.views.os).toEqual({ status: 'loading' });
    expect(r.state.views.system).toEqual({ status: 'loading' });
    expect(r.state.views.disks).toBeUndefined();
    expect(r.effects).toEqual([
      { type: 'load', step: 'os' },
      { type: 'load', step: 'system' },
    ]);
  });

  it('nothing is prefetched before logging in', () => {
    const s = { ...at('general'), authenticated: false, views: {} };
    expect(transition(s, { type: 'touched' }).effects).toEqual([]);
  });

  it('keeps progress while submitting, the result when done, the server issues when failed', () => {
    let s = run(at('confirm'), { type: 'next' }).state;
    s = transition(s, { type: 'progress', data: { stage: 'task' } as unknown as Progress }).state;
    expect(s.data.submitting).toEqual({ stage: 'task' });
    const done = transition(s, { type: 'created', result: { vmid: 100 } as CreatedVm }).state;
    expect(done.data.done).toEqual({ vmid: 100 });
    const issue = { section: 'cpu' as const, field: 'cores', message: 'cores: bad' };
    const failed = transition(s, {
      type: 'createFailed',
      message: 'Parameter verification failed.',
      issues: [issue],
    }).state;
    expect(failed).toMatchObject({ step: 'confirm', issues: [issue] });
  });

  it('a jump can name the field to focus', () => {
    const r = transition(at('confirm'), { type: 'jump', step: 'cpu', field: 'cores' });
    expect(r.state.step).toBe('cpu');
    expect(r.effects).toEqual([{ type: 'focusField', step: 'cpu', field: 'cores' }]);
  });

  it('submitting → done with success; create another starts again at general', () => {
    const s = run(at('confirm'), { type: 'next' }, { type: 'created' }).state;
    expect(s.step).toBe('done');
    expect(s.views.done).toEqual({ status: 'success' });
    const again = transition(s, { type: 'createAnother', config: defaultConfig() });
    expect(again.state).toMatchObject({
      step: 'general',
      dirty: false,
      visited: ['login', 'general'],
    });
    expect(again.effects).toEqual([{ type: 'load', step: 'general' }]);
  });
});

describe('what the server says against the answers', () => {
  it('a VM ID the live check found in use blocks Next on General, at the field', () => {
    const s = at('general');
    const vmid = s.config.general.vmid;
    const inUse = transition(s, { type: 'vmidChecked', vmid, free: false }).state;
    const r = transition(inUse, { type: 'next' });
    expect(r.state.step).toBe('general');
    expect(r.state.issues).toEqual([
      { section: 'general', field: 'vmid', message: `VM ID ${vmid} is already in use` },
    ]);
    expect(r.effects).toEqual([{ type: 'focusField', step: 'general', field: 'vmid' }]);
    // Freed again (or another ID typed), Next goes on.
    const freed = transition(inUse, { type: 'vmidChecked', vmid, free: true }).state;
    expect(transition(freed, { type: 'next' }).state.step).toBe('os');
    const other = updateVmid(inUse, '4242');
    expect(transition(other, { type: 'next' }).state.step).toBe('os');
  });

  it('a choice the node lacks blocks Next on its step and Create on Confirm', () => {
    const s = at('network');
    const bridge = s.config.network.bridge;
    const loaded = run(
      { ...s, views: { ...s.views, network: { status: 'loading' } } },
      { type: 'loaded', step: 'network', offered: { node: 'pve1', bridges: ['vmbr0'] } },
    ).state;
    const r = transition(loaded, { type: 'next' });
    expect(r.state.step).toBe('network');
    expect(r.state.issues[0]).toMatchObject({ section: 'network', field: 'bridge' });
    expect(bridge).not.toBe('vmbr0');
    const confirm = run({ ...loaded, step: 'confirm' }, { type: 'next' }).state;
    expect(confirm.step).toBe('confirm');
    expect(confirm.issues.map((i) => i.field)).toEqual(['bridge']);
    // A node change forgets what the old node offered.
    const reloaded = transition(loaded, { type: 'reload', steps: ['os', 'network'] }).state;
    expect(reloaded.offered.network).toBeUndefined();
  });

  it('a create refused for a taken VM ID marks it in use and checks Confirm again', () => {
    const s = run(at('confirm'), { type: 'next' }).state;
    const vmid = s.config.general.vmid;
    const r = transition(s, {
      type: 'createFailed',
      message: `VM ID ${vmid} was taken by another client`,
      issues: [{ section: 'general', field: 'vmid', message: 'taken' }],
      takenVmid: vmid,
    });
    expect(r.state).toMatchObject({ step: 'confirm', vmidInUse: vmid });
    expect(r.state.views.confirm).toEqual({ status: 'loading' });
    expect(r.effects).toEqual([{ type: 'load', step: 'confirm' }]);
  });
});

/** Type another VM ID on General; the live check finds it free. */
function updateVmid(s: WizardState, vmid: string): WizardState {
  return run(
    s,
    { type: 'changed', config: { ...s.config, general: { ...s.config.general, vmid } } },
    { type: 'vmidChecked', vmid, free: true },
  ).state;
}

describe('derived work the machine owns', () => {
  it('a new node clears the steps that depend on it, and the next two are fetched again', () => {
    const s = at('general');
    const r = transition(s, {
      type: 'changed',
      config: { ...s.config, general: { ...s.config.general, node: 'pve2' } },
    });
    for (const step of ['disks', 'cpu', 'network'] as const)
      expect(r.state.views[step]).toBeUndefined();
    expect(r.state.views.os).toEqual({ status: 'loading' });
    expect(r.state.views.system).toEqual({ status: 'loading' });
    expect(r.state.views.memory).toEqual({ status: 'ready' });
    expect(r.effects).toEqual([
      { type: 'load', step: 'os' },
      { type: 'load', step: 'system' },
    ]);
    // The same node again changes nothing loaded.
    const same = transition(s, { type: 'changed', config: { ...s.config } });
    expect(same.state.views).toBe(s.views);
  });
});
