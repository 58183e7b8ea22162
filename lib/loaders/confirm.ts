/** Confirm's loader: the VM ID checked again, the release, the user's privileges. */
import type { ProxmoxApi } from '../../services/proxmox-api';
import { supportsParam } from '../../services/version-gate';
import type { Loader } from '../controller';
import { loadPermissions } from '../preflight';
import type { WizardEvent } from '../wizard/machine';
import type { ConfirmData } from '../wizard/step-data';

export function confirmLoader(api: () => ProxmoxApi): Loader {
  return async (state): Promise<WizardEvent> => {
    const vmid = Number(state.config.general.vmid);
    const [free, version, permissions] = await Promise.all([
      Number.isInteger(vmid) && vmid >= 100 ? api().isVmidFree(vmid) : Promise.resolve(true),
      api().version(),
      loadPermissions(api(), state.config),
    ]);
    const nextFree = free ? undefined : await api().nextVmid();
    return {
      type: 'loaded',
      step: 'confirm',
      data: {
        vmidFree: free,
        nextFree,
        release: version.release,
        allowKsmSupported: supportsParam(version.release, 'allow-ksm'),
        permissions,
      } satisfies ConfirmData,
    };
  };
}
