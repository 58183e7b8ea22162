/**
 * The System step: graphic card, machine (advanced: version, vIOMMU), firmware with EFI disk,
 * SCSI controller, agent, TPM.
 */
import { efiDiskAllowed, efiDiskUsed } from '../lib/model/availability';
import type { StoragesData, SystemData } from '../lib/wizard/step-data';
import type { SystemSettings } from '../lib/model/config';
import { TPM_VERSIONS, VGA_TYPES } from '../lib/model/options';
import type { WizardState } from '../lib/wizard/machine';
import type { SelectOption } from '../widgets/select-field';
import { choices, type FieldDescriptor, type Rule } from './fields';
import { formatBytes } from './format';
import { withKept } from './kept-choice';
import { archOptions, MACHINE_FIELDS } from './system-machine';
import { createFormStep } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { serverProblem, showView, withNote } from './view-status';

/** The node's storages; a chosen one the node lacks stays in view once the list is there. */
/**
 * A storage's type and free space: the Type and Avail columns of the web UI's
 * StorageSelector.js (its Capacity is left out: a detail too long for the row is not shown).
 */
export function storageDetail(s: StoragesData['storages'][number]): string {
  return [s.type, s.avail === undefined ? '' : `${formatBytes(s.avail)} free`]
    .filter(Boolean)
    .join('  ');
}

export function storageOptions(data: StoragesData | undefined, chosen = ''): SelectOption[] {
  const options = (data?.storages ?? []).map((s) => ({
    value: s.storage,
    label: s.storage,
    detail: storageDetail(s) || undefined,
  }));
  return data ? withKept(options, chosen, 'not on this node') : options;
}

type Enabled = Rule<SystemSettings, SystemData, boolean>;
const ovmf: Enabled = ({ values }) => efiDiskAllowed(values);
const withEfiDisk: Enabled = ({ values }) => efiDiskUsed(values);
const withTpm: Enabled = ({ values }) => values.tpm;

export const SYSTEM_FIELDS: readonly FieldDescriptor<SystemSettings, SystemData>[] = [
  { kind: 'select', key: 'vga', label: 'Graphic card', options: choices(VGA_TYPES) },
  { kind: 'select', key: 'machine', label: 'Machine', options: archOptions('machine') },
  { kind: 'select', key: 'bios', label: 'Firmware (BIOS)', options: archOptions('bios') },
  { kind: 'toggle', key: 'efiDisk', label: 'Add EFI Disk', enabled: ovmf },
  {
    kind: 'select',
    key: 'efiStorage',
    label: 'EFI storage',
    emptyText: 'No storage for VM disks',
    options: ({ data, values }) => storageOptions(data, values.efiStorage),
    enabled: withEfiDisk,
  },
  {
    kind: 'toggle',
    key: 'preEnrolledKeys',
    label: 'Pre-Enroll keys',
    hint: 'Microsoft Secure Boot keys',
    enabled: withEfiDisk,
  },
  { kind: 'select', key: 'scsihw', label: 'SCSI Controller', options: archOptions('scsihw') },
  { kind: 'toggle', key: 'agent', label: 'Qemu Agent' },
  { kind: 'toggle', key: 'tpm', label: 'Add TPM' },
  {
    kind: 'select',
    key: 'tpmStorage',
    label: 'TPM storage',
    emptyText: 'No storage for VM disks',
    options: ({ data, values }) => storageOptions(data, values.tpmStorage),
    enabled: withTpm,
  },
  {
    kind: 'select',
    key: 'tpmVersion',
    label: 'TPM version',
    options: choices(TPM_VERSIONS),
    enabled: withTpm,
  },
  // Behind Advanced, after the rest as on the other steps: MachineEdit.js's advanced items.
  ...MACHINE_FIELDS,
];

function showStatus(ctx: StepContext, state: WizardState): void {
  const data = state.data.system;
  const problem = serverProblem(state, 'system');
  if (problem) ctx.status.set('warning', problem);
  else if (state.views.system?.status === 'ready' && data?.notice)
    ctx.status.set('warning', withNote(data.notice, state.views.system));
  else
    showView(ctx.status, state.views.system, { loading: 'Loading the storages for EFI and TPM…' });
}

export function createSystemScreen(ctx: StepContext): StepScreen {
  return createFormStep(ctx, 'system', SYSTEM_FIELDS, {
    reload: true,
    data: (state) => state.data.system,
    status: (state) => showStatus(ctx, state),
  }).view;
}
