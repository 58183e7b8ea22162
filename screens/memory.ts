/** The Memory step: memory, minimum memory (follows memory until edited), ballooning, KSM. */
import type { MemoryData } from '../lib/wizard/step-data';
import type { MemorySettings } from '../lib/model/config';
import { MEMORY_MAX_MIB, MEMORY_MIN_MIB } from '../lib/model/rules';
import { minMemoryApplies, sharesApply } from '../lib/model/availability';
import type { FieldDescriptor } from './fields';
import { createFormStep } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { showView } from './view-status';

const KSM_HINT = 'unchecked: allow-ksm=0';
const FOLLOWS_HINT = 'follows Memory until you change it';
const SHARES_HINT = 'only with ballooning and a minimum below Memory';

export const MEMORY_FIELDS: readonly FieldDescriptor<MemorySettings, MemoryData>[] = [
  {
    kind: 'number',
    key: 'memory',
    label: 'Memory (MiB)',
    min: MEMORY_MIN_MIB,
    max: MEMORY_MAX_MIB,
  },
  {
    kind: 'number',
    key: 'minMemory',
    label: 'Minimum memory (MiB)',
    // MemoryEdit.js: minValue 1 (0 would be balloon=0, no balloon device).
    min: 1,
    hint: ({ values }) => (values.minMemoryEdited ? '' : FOLLOWS_HINT),
    enabled: ({ values }) => minMemoryApplies(values),
  },
  { kind: 'toggle', key: 'ballooning', label: 'Ballooning Device', hint: 'unchecked: balloon=0' },
  {
    kind: 'toggle',
    key: 'allowKsm',
    label: 'Allow KSM',
    hint: ({ data }) =>
      data && !data.allowKsmSupported ? `needs Proxmox VE 9.1 (server: ${data.release})` : KSM_HINT,
    enabled: ({ data }) => data === undefined || data.allowKsmSupported,
  },
  {
    // MemoryEdit.js: advanced, only with ballooning and a minimum below the memory.
    kind: 'number',
    key: 'shares',
    label: 'Shares',
    advanced: true,
    min: 0,
    max: 50000,
    placeholder: 'default (1000)',
    hint: ({ values }) => (sharesApply(values) ? '' : SHARES_HINT),
    enabled: ({ values }) => sharesApply(values),
  },
];

export function createMemoryScreen(ctx: StepContext): StepScreen {
  return createFormStep(ctx, 'memory', MEMORY_FIELDS, {
    data: (state) => state.data.memory,
    status: (state) =>
      showView(ctx.status, state.views.memory, { loading: 'Checking what the server supports…' }),
  }).view;
}
