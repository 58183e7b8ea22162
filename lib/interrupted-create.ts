/**
 * What pvevm says when it stops while a VM is being created: the task runs on the server, not
 * in pvevm, so quitting or a signal does not stop it. The user learns which VM, on which node,
 * and how to look at it there.
 */
import { plainText } from '../widgets/terminal-text';
import type { WizardState } from './wizard/machine';

/** The create in progress: the VM ID and node it was sent for. */
export interface RunningCreate {
  vmid: string;
  node: string;
}

/** Lines for standard error, written after the terminal is given back. */
export function interruptedCreateNotice(running: RunningCreate): string {
  const vmid = plainText(running.vmid);
  const node = plainText(running.node);
  return [
    `pvevm: stopped while VM ${vmid} was being created on ${node}.`,
    'The create task continues on the server; pvevm did not stop or undo it.',
    `Check it on ${node} with: qm status ${vmid} (or the node's Task History in the web UI).`,
    '',
  ].join('\n');
}

/** The wizard's create in progress, if it is on the Creating step. */
export function wizardCreate(state: WizardState): RunningCreate | undefined {
  if (state.step !== 'submitting') return undefined;
  const { vmid, node } = state.config.general;
  return { vmid, node };
}
