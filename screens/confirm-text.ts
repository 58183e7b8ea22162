/**
 * What the Confirm step says: the problems that block Create (each a jump to its field) and
 * the text view's lines — a failed or unanswered create, a VM ID taken meanwhile, missing
 * privileges, then the summary or the API parameters.
 */
import { describeMissing, type PrivilegeNeed } from '../lib/model/privileges';
import { serialConsoleNote, type FollowUpCall } from '../lib/model/follow-ups';
import { summary, TAGS_LABEL } from '../lib/model/summary';
import { tagColor } from '../lib/model/tag-colors';
import type { WizardState } from '../lib/wizard/machine';
import { confirmBlockers, nextFreeVmid, type Blocker } from '../lib/wizard/confirm';
import { takenVmid, takenVmidMessage } from '../lib/model/vmid-taken';
import type { TextLine } from '../widgets/text-view';

export interface Preview {
  /** `POST /nodes/pve1/qemu` */
  request: string;
  params: string[];
  /** `qm create …` with one option a line, ` \` continued. */
  command: string[];
  followUps: FollowUpCall[];
}

export interface ConfirmPort {
  /** The create call and the calls after it, and the same as commands (for the API view). */
  preview(state: WizardState): Preview | undefined;
  /** Where "Save as spec" suggests writing the answers. */
  suggestSpecPath(state: WizardState): string;
  /** Write the answers as a spec; never over an existing file. */
  saveSpec(path: string, state: WizardState): { ok: true } | { ok: false; message: string };
  /** Where saving the commands as a script suggests writing them. */
  suggestCommandsPath(state: WizardState): string;
  /** Write the commands' script (mode 0600); never over an existing file. */
  saveCommands(path: string, script: string): { ok: true } | { ok: false; message: string };
  /** The privileges the create needs and the user lacks (as far as the server said). */
  missingPrivileges(state: WizardState): PrivilegeNeed[];
}

/** What the Problems list shows, each with the event that goes to fix it. */
export const blockers = (s: WizardState, port: ConfirmPort): Blocker[] =>
  confirmBlockers(s, port.missingPrivileges(s));

/** What the last create said: the VM ID it found taken, its failure, or no answer. */
function failureLines(s: WizardState, out: TextLine[]): boolean {
  const failure = s.lastFailure;
  const taken = failure?.kind === 'failed' ? takenVmid(failure.message) : undefined;
  if (taken) {
    const next = nextFreeVmid(s);
    out.push(
      { text: `${takenVmidMessage(taken)}.`, role: 'error' },
      {
        text:
          next !== undefined
            ? `Press F4 to use the next free VM ID, ${next}, or choose one on General.`
            : String(taken.vmid) === s.config.general.vmid
              ? 'Choose another VM ID on General.'
              : `Create VM tries again with VM ID ${s.config.general.vmid}.`,
        role: 'hint',
      },
      { text: '' },
    );
  } else if (failure?.kind === 'failed') {
    out.push({ text: `VM creation failed, no VM exists: ${failure.message}`, role: 'error' });
    for (const l of failure.log.slice(-8)) out.push({ text: `  ${l}`, role: 'hint' });
    out.push({ text: '' });
  }
  if (failure?.kind === 'unknown') {
    out.push(
      { text: failure.message, role: 'error' },
      {
        text: `Create looks for VM ${failure.vmid} first: if the earlier call arrived, it carries on with that VM instead of creating another.`,
      },
    );
    for (const l of failure.log.slice(-8)) out.push({ text: `  ${l}`, role: 'hint' });
    out.push({ text: '' });
  }
  return taken !== undefined;
}

/** A VM ID taken meanwhile (the check again), and privileges the create needs. */
function checkLines(s: WizardState, port: ConfirmPort, taken: boolean, out: TextLine[]): void {
  const check = s.data.confirm;
  if (check && !check.vmidFree && !taken) {
    out.push(
      {
        text: `VM ID ${s.config.general.vmid} was taken by someone else meanwhile: choose another below.`,
        role: 'error',
      },
      { text: '' },
    );
  }
  const missing = port.missingPrivileges(s);
  if (missing.length > 0) {
    out.push({
      text: 'You lack privileges this create needs: an administrator can grant them, or choose other values (Problems to fix first goes to each field).',
      role: 'error',
    });
    for (const need of missing) out.push({ text: `  ${describeMissing(need)}`, role: 'hint' });
    out.push({ text: '' });
  }
}

function apiLines(s: WizardState, port: ConfirmPort, out: TextLine[]): TextLine[] {
  const preview = port.preview(s);
  if (!preview)
    return [...out, { text: 'Fix the problems first to see the parameters.', role: 'hint' }];
  out.push({ text: `${preview.request} with:`, role: 'title' });
  for (const p of preview.params) out.push({ text: `  ${p}` });
  out.push({ text: `then ${serialConsoleNote(s.config.system)}:`, role: 'hint' });
  for (const call of preview.followUps) {
    out.push({ text: `${call.request}${call.params.length > 0 ? ' with:' : ''}`, role: 'title' });
    for (const p of call.params) out.push({ text: `  ${p}` });
  }
  out.push(
    { text: '' },
    { text: 'The same on the node (F5 shows them alone, to copy with the mouse):', role: 'title' },
  );
  for (const line of preview.command) out.push({ text: line, shell: true });
  for (const call of preview.followUps) out.push({ text: '' }, { text: call.command, shell: true });
  return out;
}

/** The node's commands as a bash script: `qm create` with its options, then the calls after it. */
export function commandScript(s: WizardState, preview: Preview): string {
  const { node, vmid } = s.config.general;
  return [
    '#!/bin/bash',
    // A comment holds the node's name as the server sent it: printable ASCII only, one line.
    `# pvevm: VM ${vmid} as the wizard would create it, to run on ${node.replace(/[^\x20-\x7e]/g, '?')} (qm needs root).`,
    'set -e',
    ...preview.command,
    `# then ${serialConsoleNote(s.config.system)}:`,
    ...preview.followUps.map((c) => c.command),
    '',
  ].join('\n');
}

export function confirmLines(s: WizardState, port: ConfirmPort, apiView: boolean): TextLine[] {
  const out: TextLine[] = [];
  checkLines(s, port, failureLines(s, out), out);
  if (apiView) return apiLines(s, port, out);
  const data = s.data.confirm;
  for (const group of summary(s.config, {
    allowKsmSupported: data?.allowKsmSupported,
  })) {
    out.push({ text: group.title, role: 'title' });
    for (const [label, value] of group.rows) out.push(summaryLine(s, label, value));
  }
  return out;
}

/** A summary row; the tags in their colours, as General shows them. */
function summaryLine(s: WizardState, label: string, value: string): TextLine {
  const text = `  ${label.padEnd(18)} `;
  const { tags } = s.config.general;
  if (label !== TAGS_LABEL || tags.length === 0) return { text: text + value };
  const colors = s.data.general?.tagColors ?? new Map<string, never>();
  return { text, chips: tags.map((tag) => ({ text: tag, color: tagColor(tag, colors) })) };
}
