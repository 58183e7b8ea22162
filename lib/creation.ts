/**
 * Creating a VM from a configuration: the one path the wizard and `pvevm create` share — the
 * parameters for the server's version, then the orchestration of services/create-vm.ts. The
 * types are re-exported for the screens (which do not import services themselves).
 */
import {
  createVm,
  type CreationResult,
  type Progress,
  type Stage,
  type StageState,
} from '../services/create-vm';
import type { ProxmoxApi } from '../services/proxmox-api';
import type { Clock } from '../services/tasks';
import { supportsParam } from '../services/version-gate';
import type { VmConfig } from './model/config';
import { createParams } from './model/payload';

export type { CreationResult, FollowUp, Progress, Stage, StageState } from '../services/create-vm';

/** The stages in order, as people read them (progress screen, `pvevm create`). */
export const STAGE_TITLES: [Stage, string][] = [
  ['create', 'Create the VM'],
  ['task', 'Wait for the create task'],
  ['serial', 'Serial console (serial0=socket, vga=serial0)'],
  ['ha', 'High Availability'],
  ['start', 'Start'],
];

export const STAGE_MARKS: Record<StageState, string> = {
  pending: '[    ]',
  running: '[ .. ]',
  done: '[ ok ]',
  failed: '[FAIL]',
  skipped: '[ -- ]',
};

/** The create call's parameters for a server of `release`, and how HA is set up there. */
export function creationPlan(config: VmConfig, release: string) {
  const haManagedParam = supportsParam(release, 'ha-managed');
  const params = createParams(config, {
    haManagedParam,
    allowKsmParam: supportsParam(release, 'allow-ksm'),
  });
  const ha: 'param' | 'resource' | 'none' = config.general.ha
    ? haManagedParam
      ? 'param'
      : 'resource'
    : 'none';
  return { params, ha };
}

export function createFromConfig(
  api: ProxmoxApi,
  config: VmConfig,
  options: { release: string; clock?: Clock; onProgress?: (progress: Progress) => void },
): Promise<CreationResult> {
  const { params, ha } = creationPlan(config, options.release);
  return createVm(api, {
    node: config.general.node,
    vmid: Number(config.general.vmid),
    params,
    ha,
    clock: options.clock,
    onProgress: options.onProgress,
  });
}
