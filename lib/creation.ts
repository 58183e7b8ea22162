/**
 * Creating a VM from a configuration: the one path the wizard and `pvevm create` share — the
 * parameters for the server's version, then the orchestration of services/create-vm.ts. The
 * types are re-exported for the screens (which do not import services themselves).
 */
import {
  createVm,
  type CreationResult,
  type PendingCreate,
  type Progress,
} from '../services/create-vm';
import type { ProxmoxApi } from '../services/proxmox-api';
import type { Clock } from '../services/tasks';
import { supportsParam } from '../services/version-gate';
import type { VmConfig } from './model/config';
import { serialConsoleParams } from './model/follow-ups';
import { createParams } from './model/payload';

export type {
  CreationResult,
  FollowUp,
  PendingCreate,
  Progress,
  Stage,
  StageState,
} from '../services/create-vm';

/**
 * The create call's parameters for a server of `release`, how HA is set up there, and whether
 * the VM is started afterwards (never with `start=1` in the create call: the first boot would
 * come before `serial0`/`vga` are set, and the xterm.js console would not work until a restart).
 */
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
  return {
    params,
    ha,
    start: config.confirm.startAfterCreate,
    serial: serialConsoleParams(config.system),
  };
}

export function createFromConfig(
  api: ProxmoxApi,
  config: VmConfig,
  options: {
    release: string;
    clock?: Clock;
    onProgress?: (progress: Progress) => void;
    /** An earlier attempt's outcome was unknown: look for it before creating. */
    resume?: PendingCreate;
  },
): Promise<CreationResult> {
  const { params, ha, start, serial } = creationPlan(config, options.release);
  const node = config.general.node;
  const vmid = Number(config.general.vmid);
  const resume =
    options.resume?.node === node && options.resume.vmid === vmid ? options.resume : undefined;
  return createVm(api, {
    node,
    vmid,
    params,
    ha,
    start,
    serial,
    clock: options.clock,
    onProgress: options.onProgress,
    resume,
  });
}
