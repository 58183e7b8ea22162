/**
 * The CPU step: sockets, cores (total vCPUs shown) and the CPU type; behind Advanced, as the web
 * UI's ProcessorEdit.js: VCPUs, CPU limit, CPU units, CPU affinity, NUMA and the CPU flags.
 */
import type { CpuData } from '../lib/wizard/step-data';
import type { CpuSettings } from '../lib/model/config';
import {
  CPU_FLAGS,
  cpuUnitsLimits,
  flagState,
  flagSupported,
  withFlag,
} from '../lib/model/cpu-options';
import { builtinModelChoices, cpuModelLabel } from '../lib/model/cpu-models';
import { BUILTIN_CPU_TYPES } from '../lib/model/options';
import { parseInteger } from '../lib/model/rules';
import type { FieldDescriptor } from './fields';
import { createFormStep } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { showView } from './view-status';

type CpuField = FieldDescriptor<CpuSettings, CpuData>;

function totalOf({ cores, sockets }: CpuSettings): number | undefined {
  const c = parseInteger(cores);
  const s = parseInteger(sockets);
  return c !== undefined && s !== undefined ? c * s : undefined;
}

function totalText(values: CpuSettings): string {
  const total = totalOf(values);
  const s = Number(values.sockets);
  const c = Number(values.cores);
  return total !== undefined
    ? `${total} vCPUs (${s} socket${s === 1 ? '' : 's'} x ${c} core${c === 1 ? '' : 's'})`
    : '?';
}

const FLAG_STATES = [
  { value: '=', label: 'Default' },
  { value: '+', label: 'On (+)' },
  { value: '-', label: 'Off (-)' },
];

/** One select per flag (VMCPUFlagSelector.js: Default / On / Off, the flag, its description). */
const FLAG_FIELDS: CpuField[] = CPU_FLAGS.map((flag) => ({
  kind: 'picker',
  key: `flag:${flag.name}`,
  label: `Flag ${flag.name}`,
  advanced: true,
  options: () => FLAG_STATES,
  read: (values) => flagState(values.flags, flag.name),
  pick: (value, values) => ({ flags: withFlag(values.flags, flag.name, value as '+' | '-' | '=') }),
  enabled: ({ data, values }) =>
    data?.release === undefined ||
    flagSupported(flag, data.release) ||
    flagState(values.flags, flag.name) !== '=',
  hint: ({ data }) =>
    data?.release !== undefined && !flagSupported(flag, data.release)
      ? `needs Proxmox VE ${flag.since?.join('.')} (server: ${data.release})`
      : flag.description,
}));

const units = cpuUnitsLimits();

export const CPU_FIELDS: readonly CpuField[] = [
  { kind: 'number', key: 'sockets', label: 'Sockets', min: 1, max: 256 },
  { kind: 'number', key: 'cores', label: 'Cores', min: 1, max: 256 },
  { kind: 'readonly', key: 'total', label: 'Total', value: ({ values }) => totalText(values) },
  {
    kind: 'select',
    key: 'type',
    label: 'CPU Type',
    options: ({ data }) =>
      (data?.models ?? builtinModelChoices(BUILTIN_CPU_TYPES)).map((m) => ({
        value: m.value,
        label: cpuModelLabel(m),
      })),
  },
  {
    kind: 'number',
    key: 'vcpus',
    label: 'VCPUs',
    advanced: true,
    placeholder: 'all',
    limits: ({ values }) => ({ min: 1, max: totalOf(values) }),
  },
  {
    kind: 'text',
    key: 'cpulimit',
    label: 'CPU limit',
    advanced: true,
    placeholder: 'unlimited',
    hint: '0-128, e.g. 1.5',
  },
  {
    kind: 'number',
    key: 'cpuunits',
    label: 'CPU units',
    advanced: true,
    placeholder: `default (${units.default})`,
    min: units.min,
    max: units.max,
  },
  {
    kind: 'text',
    key: 'affinity',
    label: 'CPU Affinity',
    advanced: true,
    placeholder: 'All Cores',
    hint: 'host CPUs, e.g. 0,5,8-11; only root@pam may set it',
  },
  { kind: 'toggle', key: 'numa', label: 'Enable NUMA', advanced: true },
  {
    kind: 'readonly',
    key: 'flags',
    label: 'Extra CPU Flags',
    advanced: true,
    value: ({ values }) => values.flags || 'none (the CPU type defaults)',
  },
  ...FLAG_FIELDS,
];

export function createCpuScreen(ctx: StepContext): StepScreen {
  return createFormStep(ctx, 'cpu', CPU_FIELDS, {
    reload: true,
    data: (state) => state.data.cpu,
    status: (state) =>
      showView(ctx.status, state.views.cpu, { loading: "Loading the node's CPU models…" }),
  }).view;
}
