/**
 * What blocks Create on Confirm, each with the typed event that goes to fix it: the steps'
 * issues, privileges the user lacks, and a VM ID taken meanwhile (with the next free one). Pure.
 */
import { issueDevice } from '../model/issue-device';
import { describeMissing, type PrivilegeNeed } from '../model/privileges';
import type { WizardEvent, WizardState } from './state';
import { STEP_TITLES } from './steps';

export interface Blocker {
  label: string;
  /** Where choosing it leads: the field to fix, or taking the next free VM ID. */
  action: WizardEvent;
}

/** The next free VM ID while the chosen one is taken. */
export function nextFreeVmid(state: WizardState): number | undefined {
  const check = state.data.confirm;
  return check && !check.vmidFree ? check.nextFree : undefined;
}

/** The step, and the device when the problem is one device's: `Network (net1)`. */
function where(state: WizardState, section: keyof typeof STEP_TITLES, field: string): string {
  const device = issueDevice(state.config, section, field);
  return device ? `${STEP_TITLES[section]} (${device})` : STEP_TITLES[section];
}

/** The problems to fix before Create, in the order Confirm lists them. */
export function confirmBlockers(state: WizardState, missing: readonly PrivilegeNeed[]): Blocker[] {
  const list: Blocker[] = state.issues.map((i) => ({
    label: `${where(state, i.section, i.field)}: ${i.message}`,
    action: { type: 'jump', step: i.section, field: i.field },
  }));
  for (const need of missing)
    list.push({
      // The missing privilege's words name the device already (`the drive scsi0 needs …`).
      label: `${STEP_TITLES[need.section]}: ${describeMissing(need)}`,
      action: { type: 'jump', step: need.section, field: need.field },
    });
  const check = state.data.confirm;
  if (!check || check.vmidFree) return list;
  const isVmid = (b: Blocker) =>
    b.action.type === 'jump' && b.action.step === 'general' && b.action.field === 'vmid';
  const at = list.findIndex(isVmid);
  // The failed create says it already (taken by another client): one line, not two.
  const vmid: Blocker =
    at >= 0
      ? list.splice(at, 1)[0]!
      : {
          label: `General: VM ID ${state.config.general.vmid} was taken meanwhile`,
          action: { type: 'jump', step: 'general', field: 'vmid' },
        };
  list.unshift(vmid);
  if (check.nextFree !== undefined)
    list.unshift({
      label: `Use the next free VM ID, ${check.nextFree} (F4)`,
      action: { type: 'useNextFreeVmid' },
    });
  return list;
}
