/** The System step: graphic card, machine, firmware with EFI disk, SCSI controller, agent, TPM. */
import { efiDiskAllowed, efiDiskUsed } from '../lib/model/availability';
import type { StoragesData } from '../lib/wizard/step-data';
import {
  BIOS_TYPES,
  MACHINE_TYPES,
  SCSI_CONTROLLERS,
  TPM_VERSIONS,
  VGA_TYPES,
  type BiosType,
  type MachineType,
  type ScsiController,
  type TpmVersion,
  type VgaType,
} from '../lib/model/options';
import type { WizardState } from '../lib/wizard/machine';
import { SelectField, type SelectOption } from '../widgets/select-field';
import { ToggleField } from '../widgets/toggle-field';
import { formatBytes } from './format';
import { createStepForm } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { withKept } from './kept-choice';
import { serverProblem, showView, withNote } from './view-status';

/** The node's storages; a chosen one the node lacks stays in view once the list is there. */
export function storageOptions(data: StoragesData | undefined, chosen = ''): SelectOption[] {
  const options = (data?.storages ?? []).map((s) => ({
    value: s.storage,
    label: s.storage,
    detail: s.avail !== undefined ? `${formatBytes(s.avail)} free` : undefined,
  }));
  return data ? withKept(options, chosen, 'not on this node') : options;
}

const choices = (list: readonly { value: string; label: string }[]) =>
  list.map((c) => ({ value: c.value, label: c.label }));

export function createSystemScreen(ctx: StepContext): StepScreen {
  const { screen } = ctx;
  const sf = createStepForm(ctx, 'system', { reload: true });
  const { form } = sf;
  const s = sf.config().system;
  const set = (patch: Parameters<typeof sf.change<'system'>>[1]) => {
    sf.change('system', patch);
    enable();
  };

  const vga = form.add(
    new SelectField(screen, {
      label: 'Graphic card',
      options: choices(VGA_TYPES),
      value: s.vga,
      onChange: (v) => set({ vga: v as VgaType }),
    }),
  );
  const machine = form.add(
    new SelectField(screen, {
      label: 'Machine',
      options: choices(MACHINE_TYPES),
      value: s.machine,
      onChange: (v) => set({ machine: v as MachineType }),
    }),
  );
  const bios = form.add(
    new SelectField(screen, {
      label: 'Firmware (BIOS)',
      options: choices(BIOS_TYPES),
      value: s.bios,
      onChange: (v) => set({ bios: v as BiosType }),
    }),
  );
  const efiDisk = form.add(
    new ToggleField(screen, {
      label: 'Add EFI Disk',
      value: s.efiDisk,
      onChange: (v) => set({ efiDisk: v }),
    }),
  );
  const efiStorage = form.add(
    new SelectField(screen, {
      label: 'EFI storage',
      value: s.efiStorage,
      emptyText: 'No storage for VM disks',
      onChange: (v) => set({ efiStorage: v }),
    }),
  );
  const keys = form.add(
    new ToggleField(screen, {
      label: 'Pre-Enroll keys',
      value: s.preEnrolledKeys,
      hint: 'Microsoft Secure Boot keys',
      onChange: (v) => set({ preEnrolledKeys: v }),
    }),
  );
  const scsihw = form.add(
    new SelectField(screen, {
      label: 'SCSI Controller',
      options: choices(SCSI_CONTROLLERS),
      value: s.scsihw,
      onChange: (v) => set({ scsihw: v as ScsiController }),
    }),
  );
  form.add(
    new ToggleField(screen, {
      label: 'Qemu Agent',
      value: s.agent,
      onChange: (v) => set({ agent: v }),
    }),
  );
  form.add(
    new ToggleField(screen, {
      label: 'Add TPM',
      value: s.tpm,
      onChange: (v) => set({ tpm: v }),
    }),
  );
  const tpmStorage = form.add(
    new SelectField(screen, {
      label: 'TPM storage',
      value: s.tpmStorage,
      emptyText: 'No storage for VM disks',
      onChange: (v) => set({ tpmStorage: v }),
    }),
  );
  const tpmVersion = form.add(
    new SelectField(screen, {
      label: 'TPM version',
      options: choices(TPM_VERSIONS),
      value: s.tpmVersion,
      onChange: (v) => set({ tpmVersion: v as TpmVersion }),
    }),
  );

  function enable() {
    const c = sf.config().system;
    efiDisk.setDisabled(!efiDiskAllowed(c));
    efiStorage.setDisabled(!efiDiskUsed(c));
    keys.setDisabled(!efiDiskUsed(c));
    tpmStorage.setDisabled(!c.tpm);
    tpmVersion.setDisabled(!c.tpm);
  }

  const update = (state: WizardState) => {
    const data = state.data.system;
    sf.adopt(state, { vga, machine, bios, efiStorage, scsihw, tpmStorage, tpmVersion });
    const c = state.config.system;
    efiStorage.setOptions(storageOptions(data, c.efiStorage), c.efiStorage);
    tpmStorage.setOptions(storageOptions(data, c.tpmStorage), c.tpmStorage);
    enable();
    const problem = serverProblem(state, 'system');
    if (problem) ctx.status.set('warning', problem);
    else if (state.views.system?.status === 'ready' && data?.notice)
      ctx.status.set('warning', withNote(data.notice, state.views.system));
    else
      showView(ctx.status, state.views.system, {
        loading: 'Loading the storages for EFI and TPM…',
      });
  };

  update(ctx.state);
  sf.finish(vga);
  const fields: Record<string, Parameters<typeof form.focus>[0]> = {
    vga,
    machine,
    bios,
    efiStorage,
    scsihw,
    tpmStorage,
    tpmVersion,
  };
  return {
    update,
    focusField: (field) => form.focus(fields[field] ?? vga),
    destroy: () => sf.destroy(),
  };
}
