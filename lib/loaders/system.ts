/**
 * The System step's loader: the node's storages for EFI disk and TPM state and, in parallel,
 * its machine versions (`capabilities/qemu/machines`, the web UI's MachineEdit.js list). A
 * failing machine list leaves the version on Latest with the reason; it never blocks the step.
 */
import type { Listed, ProxmoxApi, StorageInfo } from '../../services/proxmox-api';
import type { SharedRequests } from './shared-request';
import type { Loader } from '../controller';
import type { SiteDefaults } from '../settings';
import type { WizardEvent } from '../wizard/machine';
import type { SystemData } from '../wizard/step-data';
import { imageStoragesLoader } from './image-storages';
import { messageOf } from './message-of';

export function systemLoader(
  api: () => ProxmoxApi,
  defaults: SiteDefaults,
  shared?: SharedRequests<Listed<StorageInfo>>,
): Loader {
  const storages = imageStoragesLoader(api, defaults, 'system', shared);
  return async (state): Promise<WizardEvent> => {
    const [event, machines] = await Promise.all([
      storages(state),
      api()
        .machineVersions(state.config.general.node)
        .then(
          (list) => ({ machines: [...list] }),
          (e: unknown) => ({
            machinesProblem: `Could not read the node's machine versions (${messageOf(e)}): Latest only`,
          }),
        ),
    ]);
    if (event.type !== 'loaded' && event.type !== 'loadFailed') return event;
    if (event.step !== 'system') return event;
    return { ...event, data: { ...(event.data as SystemData), ...machines } };
  };
}
