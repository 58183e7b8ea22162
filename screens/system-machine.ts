/**
 * The System step's machine fields: the machine type (and firmware, SCSI controller) lists an
 * architecture allows (pve-manager Architecture.js), and behind Advanced the machine version
 * and vIOMMU as MachineEdit.js offers them.
 */
import type { SystemSettings } from '../lib/model/config';
import type { Arch } from '../lib/model/iso-choice';
import {
  LATEST_MACHINE,
  versionsFor,
  viommuChoices,
  type MachineVersion,
} from '../lib/model/machine-version';
import { BIOS_TYPES, MACHINE_TYPES, SCSI_CONTROLLERS } from '../lib/model/options';
import { archAllows } from '../lib/model/os-defaults-arch';
import type { SystemData } from '../lib/wizard/step-data';
import type { SelectOption } from '../widgets/select-field';
import { choices, type FieldDescriptor, type FieldScope } from './fields';
import { withKept } from './kept-choice';

type Scope = FieldScope<SystemSettings, SystemData>;
type ArchListed = 'machine' | 'bios' | 'scsihw';

const LISTS: Record<ArchListed, readonly { value: string; label: string }[]> = {
  machine: MACHINE_TYPES,
  bios: BIOS_TYPES,
  scsihw: SCSI_CONTROLLERS,
};

/** Architecture.js `defaultMachines`: the default machine is i440fx on x86_64, virt on aarch64. */
function archLabel(field: ArchListed, value: string, label: string, arch: Arch): string {
  return field === 'machine' && value === 'default' && arch === 'aarch64'
    ? 'Default (virt)'
    : label;
}

/** The choices the node's architecture allows; a chosen one it does not stays in view. */
export function archOptions<F extends ArchListed>(
  field: F,
): (scope: Scope) => SelectOption<SystemSettings[F]>[] {
  return ({ config, values }) => {
    const arch = config.os.arch;
    const options = LISTS[field]
      .filter((c) => archAllows(arch, field, c.value))
      .map((c) => ({ value: c.value, label: archLabel(field, c.value, c.label, arch) }));
    const kept = withKept(options, values[field], `not on an ${arch} node`);
    return kept as SelectOption<SystemSettings[F]>[];
  };
}

function versionOption(m: MachineVersion): SelectOption {
  return { value: m.id, label: m.version, detail: m.changes ?? m.id };
}

/** Latest, then the versions of the chosen type as the node lists them (newest first). */
export function versionOptions({ config, data, values }: Scope): SelectOption[] {
  const listed = versionsFor(data?.machines ?? [], values.machine, config.os.arch);
  const options = [{ value: LATEST_MACHINE, label: 'Latest' }, ...listed.map(versionOption)];
  return data?.machines ? withKept(options, values.machineVersion, 'not on this node') : options;
}

export const MACHINE_FIELDS: readonly FieldDescriptor<SystemSettings, SystemData>[] = [
  {
    kind: 'select',
    key: 'machineVersion',
    label: 'Machine version',
    advanced: true,
    options: versionOptions,
    hint: ({ data }) =>
      data?.machinesProblem ?? 'a version change may affect the hardware layout in the guest OS',
  },
  {
    kind: 'select',
    key: 'viommu',
    label: 'vIOMMU',
    advanced: true,
    options: ({ values }) =>
      withKept(choices(viommuChoices(values.machine)), values.viommu, 'q35 only') as SelectOption<
        SystemSettings['viommu']
      >[],
  },
];
