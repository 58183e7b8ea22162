/** The Memory step's loader: what the server's release supports. */
import type { ProxmoxApi } from '../../services/proxmox-api';
import type { Loader } from '../controller';
import type { WizardEvent } from '../wizard/machine';
import type { MemoryData } from '../wizard/step-data';

export function memoryLoader(
  api: () => ProxmoxApi,
  supports: (release: string) => boolean,
): Loader {
  return async (): Promise<WizardEvent> => {
    const { release } = await api().version();
    return {
      type: 'loaded',
      step: 'memory',
      data: { allowKsmSupported: supports(release), release } satisfies MemoryData,
    };
  };
}
