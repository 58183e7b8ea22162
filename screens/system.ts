/**
 * The System step: graphic card, machine (advanced: version, vIOMMU), firmware with EFI disk,
 * SCSI controller, agent, TPM.
 */
import { efiDiskAllowed, efiDiskUsed } from '../lib/model/availability';
import type { SystemData } from '../lib/wizard/step-data';
import type { SystemSettings } from '../lib/model/config';
import { TPM_VERSIONS, VGA_TYPES } from '../lib/model/options';
import type { WizardState } from '../lib/wizard/machine';
import { choices, type FieldDescriptor, type Rule } from './fields';
import { archOptions, MACHINE_FIELDS } from './system-machine';
import { createFormStep } from './step-form';
import { volumeStorageRules } from './storage-choice';
import type { StepContext, StepScreen } from './step-screen';
import { serverProblem, showView, withNote } from './view-status';

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
    ...volumeStorageRules<SystemSettings, SystemData>(
      () => 'efi',
      (v) => v.efiStorage,
      efiDiskUsed,
    ),
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
    ...volumeStorageRules<SystemSettings, SystemData>(
      () => 'tpm',
      (v) => v.tpmStorage,
      (v) => v.tpm,
    ),
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
