/** Field schemas the step schemas share: whole numbers typed as text, required choices. Pure. */
import * as yup from 'yup';
import type { Arch } from './iso-choice';
import { versionFits, VIOMMU_TYPES, viommuProblem, type Viommu } from './machine-version';
import type { MachineType } from './options';
import { archProblem } from './os-defaults-arch';
import { parseInteger } from './rules';

interface IntOptions {
  min: number;
  max?: number;
  required?: boolean;
}

/** A text field holding a whole number in [min, max]; empty is allowed unless required. */
export function intText(label: string, { min, max, required = false }: IntOptions) {
  const range = max === undefined ? `of ${min} or more` : `between ${min} and ${max}`;
  return yup
    .string()
    .defined()
    .test('int', `${label} must be a whole number ${range}`, (value) => {
      if (value.trim() === '') return !required;
      const n = parseInteger(value);
      return n !== undefined && n >= min && (max === undefined || n <= max);
    })
    .test('required', `${label} is required`, (value) => !required || value.trim() !== '');
}

export const requiredChoice = (label: string) => yup.string().defined().required(`Choose ${label}`);

/**
 * A value the node's architecture (the schema context's `arch`; the OS section's own `arch` for
 * the OS type) does not offer: Architecture.js's lists, `os-defaults-arch.ts`.
 */
export function archTest(field: Parameters<typeof archProblem>[1]) {
  return {
    name: `arch-${field}`,
    test(this: yup.TestContext, value: string | undefined) {
      const context = this.options.context as { arch?: Arch } | undefined;
      const arch = (this.parent as { arch?: Arch } | undefined)?.arch ?? context?.arch;
      const problem = archProblem(arch, field, value ?? '');
      return problem ? this.createError({ message: problem }) : true;
    },
  };
}

function archOf(ctx: yup.TestContext): Arch {
  return (ctx.options.context as { arch?: Arch } | undefined)?.arch ?? 'x86_64';
}

/** A pinned machine version must be one of the machine type's (MachineEdit.js's filter). */
export function machineVersionSchema() {
  return yup
    .string()
    .defined()
    .test('machine-version', function (v) {
      const machine = (this.parent as { machine: MachineType }).machine;
      if (versionFits(v, machine, archOf(this))) return true;
      return this.createError({
        message: `${v} is not a version of ${machine === 'q35' ? 'q35' : 'the default machine'}`,
      });
    });
}

/** vIOMMU: Intel needs q35 (qemu-server Machine.pm). */
export function viommuSchema() {
  return yup
    .string()
    .defined()
    .oneOf(VIOMMU_TYPES.map((v) => v.value))
    .test('viommu', function (v) {
      const machine = (this.parent as { machine: MachineType }).machine;
      const problem = viommuProblem(v as Viommu, machine);
      return problem ? this.createError({ message: problem }) : true;
    });
}
