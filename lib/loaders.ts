/**
 * What each step loads from the server (one loader per step, in lib/loaders/). Independent
 * calls run in parallel; a step whose calls partly fail keeps what did arrive and reports what
 * did not, so it stays usable.
 */
import type { Listed, ProxmoxApi, StorageInfo } from '../services/proxmox-api';
import { supportsParam } from '../services/version-gate';
import type { Loader } from './controller';
import { confirmLoader } from './loaders/confirm';
import { cpuLoader } from './loaders/cpu';
import { generalLoader } from './loaders/general';
import { imageStoragesLoader } from './loaders/image-storages';
import { systemLoader } from './loaders/system';
import { memoryLoader } from './loaders/memory';
import { networkLoader } from './loaders/network';
import { osLoader } from './loaders/os';
import { sharedRequests } from './loaders/shared-request';
import { DEFAULT_BRIDGE } from './model/config';
import { BUILTIN_CPU_TYPES } from './model/options';
import type { SiteDefaults } from './settings';
import type { FormStep } from './wizard/steps';

/** Every form step's loader, for the wizard and for `pvevm create` alike. */
export function stepLoaders(
  api: () => ProxmoxApi,
  defaults: SiteDefaults,
): Record<FormStep, Loader> {
  // System and Disks list the same storages: one request serves both.
  const imageStorages = sharedRequests<Listed<StorageInfo>>();
  return {
    general: generalLoader(api, defaults),
    os: osLoader(api, defaults),
    system: systemLoader(api, defaults, imageStorages),
    disks: imageStoragesLoader(api, defaults, 'disks', imageStorages),
    cpu: cpuLoader(api, BUILTIN_CPU_TYPES),
    memory: memoryLoader(api, (release) => supportsParam(release, 'allow-ksm')),
    network: networkLoader(api, defaults, DEFAULT_BRIDGE),
    confirm: confirmLoader(api),
  };
}
