/**
 * The General step's live VM ID check, as part of the machine: a VM ID typed there is checked
 * against the server once typing pauses (the controller runs the `checkVmid` effect and its
 * debounce); Next waits for a check still pending; leaving General drops it. Pure.
 */
import { parseInteger, VMID_MAX, VMID_MIN } from '../model/rules';
import { revalidated } from './issues';
import type { Transition, WizardState } from './state';

/** Only a VM ID in range is worth asking the server about. */
export function vmidCheckable(text: string): boolean {
  const id = parseInteger(text);
  return id !== undefined && id >= VMID_MIN && id <= VMID_MAX;
}

/** The configuration changed from `before` to `state.config`: a new VM ID on General is checked. */
export function afterVmidEdit(before: WizardState, state: WizardState): Transition {
  const { vmid } = state.config.general;
  if (state.step !== 'general' || vmid === before.config.general.vmid)
    return { state, effects: [] };
  if (vmidCheckable(vmid))
    return { state: { ...state, vmidCheck: vmid }, effects: [{ type: 'checkVmid', vmid }] };
  if (state.vmidCheck === undefined) return { state, effects: [] };
  return { state: { ...state, vmidCheck: undefined }, effects: [{ type: 'cancelVmidCheck' }] };
}

/** Next on General while a check is pending: run it now and go on once it has answered. */
export function waitForVmidCheck(state: WizardState): Transition | undefined {
  if (state.step !== 'general' || state.vmidCheck === undefined) return undefined;
  return { state: { ...state, nextWhenChecked: true }, effects: [{ type: 'checkVmidNow' }] };
}

/**
 * The check's answer (`free` undefined: the server did not say). An ID in use blocks Next at
 * the field; a Next that waited for the answer is carried out.
 */
export function vmidAnswered(
  state: WizardState,
  vmid: string,
  free: boolean | undefined,
  next: (state: WizardState) => Transition,
): Transition {
  let answered = state;
  if (free === false) answered = revalidated({ ...state, vmidInUse: vmid });
  else if (free === true && state.vmidInUse === vmid)
    answered = revalidated({ ...state, vmidInUse: undefined });
  if (answered.vmidCheck !== vmid) return { state: answered, effects: [] };
  const settled = { ...answered, vmidCheck: undefined, nextWhenChecked: false };
  return answered.nextWhenChecked && settled.step === 'general'
    ? next(settled)
    : { state: settled, effects: [] };
}

/** A check still pending when the wizard leaves General is dropped. */
export function dropVmidCheckOnLeave({ state, effects }: Transition): Transition {
  if (state.vmidCheck === undefined || state.step === 'general') return { state, effects };
  return {
    state: { ...state, vmidCheck: undefined, nextWhenChecked: false },
    effects: [...effects, { type: 'cancelVmidCheck' }],
  };
}
