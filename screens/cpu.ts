/** The CPU step: sockets, cores (total vCPUs shown) and the CPU type. */
import type { CpuData } from '../lib/wizard/step-data';
import type { CpuSettings } from '../lib/model/config';
import { BUILTIN_CPU_TYPES } from '../lib/model/options';
import { parseInteger } from '../lib/model/rules';
import type { FieldDescriptor } from './fields';
import { createFormStep } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { showView } from './view-status';

function totalText({ cores, sockets }: CpuSettings): string {
  const c = parseInteger(cores);
  const s = parseInteger(sockets);
  return c !== undefined && s !== undefined
    ? `${c * s} vCPUs (${s} socket${s === 1 ? '' : 's'} x ${c} core${c === 1 ? '' : 's'})`
    : '?';
}

export const CPU_FIELDS: readonly FieldDescriptor<CpuSettings, CpuData>[] = [
  { kind: 'number', key: 'sockets', label: 'Sockets', min: 1, max: 256 },
  { kind: 'number', key: 'cores', label: 'Cores', min: 1, max: 256 },
  { kind: 'readonly', key: 'total', label: 'Total', value: ({ values }) => totalText(values) },
  {
    kind: 'select',
    key: 'type',
    label: 'CPU Type',
    options: ({ data }) => (data?.models ?? BUILTIN_CPU_TYPES).map((m) => ({ value: m, label: m })),
  },
];

export function createCpuScreen(ctx: StepContext): StepScreen {
  return createFormStep(ctx, 'cpu', CPU_FIELDS, {
    reload: true,
    data: (state) => state.data.cpu,
    status: (state) =>
      showView(ctx.status, state.views.cpu, { loading: "Loading the node's CPU models…" }),
  }).view;
}
