/** Confirm's problem list: typed events, not strings, and the order the screen shows them in. */
import { confirmBlockers, nextFreeVmid } from '../../lib/wizard/confirm';
import { initialState, transition, type WizardState } from '../../lib/wizard/machine';
import type { PrivilegeNeed } from '../../lib/model/privileges';
import { STEPS } from '../../lib/wizard/steps';
import { validConfig } from '../support/configs';

function onConfirm(data?: { vmidFree: boolean; nextFree?: number }): WizardState {
  const s = initialState(validConfig());
  return {
    ...s,
    step: 'confirm',
    authenticated: true,
    visited: ['login', 'general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'],
    views: Object.fromEntries(STEPS.map((step) => [step, { status: 'ready' }])),
    data: data ? { confirm: { ...data, release: '9.1', allowKsmSupported: true } } : {},
  };
}

const need: PrivilegeNeed = {
  section: 'confirm',
  field: 'startAfterCreate',
  paths: ['/vms/100'],
  privileges: ['VM.PowerMgmt'],
  what: 'starting the VM',
};

describe('confirm blockers', () => {
  it('issues and missing privileges each jump to their field', () => {
    const s = {
      ...onConfirm(),
      issues: [{ section: 'cpu' as const, field: 'cores', message: 'Cores is required' }],
    };
    const list = confirmBlockers(s, [need]);
    expect(list.map((b) => b.action)).toEqual([
      { type: 'jump', step: 'cpu', field: 'cores' },
      { type: 'jump', step: 'confirm', field: 'startAfterCreate' },
    ]);
    expect(list[0]!.label).toBe('CPU: Cores is required');
  });

  it('a problem of one device names it: its netN, its disk slot', () => {
    const base = onConfirm();
    const config = {
      ...base.config,
      network: { ...base.config.network, extraNics: [{ ...base.config.network, bridge: '' }] },
      disks: [
        ...base.config.disks,
        { ...base.config.disks[0]!, bus: 'scsi' as const, index: 1, size: '' },
        { ...base.config.disks[0]!, bus: 'sata' as const, index: 0, indexText: 'x' },
      ],
    };
    const s = {
      ...base,
      config,
      issues: [
        { section: 'disks' as const, field: '[1].size', message: 'Disk size is required' },
        { section: 'disks' as const, field: '[2].index', message: 'Index must be a number' },
        { section: 'network' as const, field: 'extraNics[0].bridge', message: 'Choose a bridge' },
        { section: 'network' as const, field: 'vlan', message: 'VLAN Tag must be 1-4094' },
        { section: 'cpu' as const, field: 'cores', message: 'Cores is required' },
      ],
    };
    expect(confirmBlockers(s, []).map((b) => b.label)).toEqual([
      'Disks (scsi1): Disk size is required',
      'Disks (disk 3): Index must be a number',
      'Network (net1): Choose a bridge',
      'Network (net0): VLAN Tag must be 1-4094',
      'CPU: Cores is required',
    ]);
  });

  it('a VM ID taken meanwhile comes first, after the offer of the next free one', () => {
    const s = onConfirm({ vmidFree: false, nextFree: 104 });
    expect(nextFreeVmid(s)).toBe(104);
    expect(confirmBlockers(s, [])).toEqual([
      { label: 'Use the next free VM ID, 104 (F4)', action: { type: 'useNextFreeVmid' } },
      {
        label: 'General: VM ID 100 was taken meanwhile',
        action: { type: 'jump', step: 'general', field: 'vmid' },
      },
    ]);
    // The failed create's own line about the VM ID is moved first instead of said twice.
    const failed = {
      ...s,
      issues: [
        { section: 'cpu' as const, field: 'cores', message: 'bad' },
        { section: 'general' as const, field: 'vmid', message: 'taken by another client' },
      ],
    };
    expect(confirmBlockers(failed, []).map((b) => b.label)).toEqual([
      'Use the next free VM ID, 104 (F4)',
      'General: taken by another client',
      'CPU: bad',
    ]);
  });

  it('useNextFreeVmid takes the next free ID and checks Confirm again', () => {
    const r = transition(onConfirm({ vmidFree: false, nextFree: 104 }), {
      type: 'useNextFreeVmid',
    });
    expect(r.state.config.general.vmid).toBe('104');
    expect(r.state.views.confirm).toEqual({ status: 'loading' });
    expect(r.effects).toEqual([{ type: 'load', step: 'confirm' }]);
    // Nothing to take: nothing happens.
    const free = onConfirm({ vmidFree: true });
    expect(transition(free, { type: 'useNextFreeVmid' }).state).toBe(free);
  });
});
