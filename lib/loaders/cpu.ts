/** The CPU step's loader: the node's CPU models, or the built-in list. */
import type { ProxmoxApi } from '../../services/proxmox-api';
import type { Loader } from '../controller';
import { leftOutNote } from '../strings';
import type { WizardEvent } from '../wizard/machine';
import type { CpuData } from '../wizard/step-data';
import { messageOf } from './message-of';

export function cpuLoader(api: () => ProxmoxApi, builtin: readonly string[]): Loader {
  return async (state): Promise<WizardEvent> => {
    try {
      const listed = await api().cpuModels(state.config.general.node);
      const models = listed.map((m) => m.name);
      const note = leftOutNote([['CPU model', listed.leftOut]]);
      return {
        type: 'loaded',
        step: 'cpu',
        ...(note ? { note } : {}),
        data: { models: models.length > 0 ? models : [...builtin] } satisfies CpuData,
      };
    } catch (err) {
      return {
        type: 'loadFailed',
        step: 'cpu',
        message: `Could not read the node's CPU models (${messageOf(err)}): showing the built-in list`,
        data: { models: [...builtin] } satisfies CpuData,
      };
    }
  };
}
