/**
 * The CPU step's loader: every CPU model the node lists (custom ones included), sorted as the
 * web UI sorts them, or the built-in list; and the server's release (which CPU flags it takes).
 */
import type { ProxmoxApi } from '../../services/proxmox-api';
import type { Loader } from '../controller';
import { builtinModelChoices, cpuModelChoices } from '../model/cpu-models';
import { leftOutNote } from '../strings';
import type { WizardEvent } from '../wizard/machine';
import type { CpuData } from '../wizard/step-data';
import { messageOf } from './message-of';

export function cpuLoader(api: () => ProxmoxApi, builtin: readonly string[]): Loader {
  return async (state): Promise<WizardEvent> => {
    const [listed, version] = await Promise.allSettled([
      api().cpuModels(state.config.general.node),
      api().version(),
    ]);
    const release = version.status === 'fulfilled' ? { release: version.value.release } : {};
    if (listed.status === 'rejected') {
      return {
        type: 'loadFailed',
        step: 'cpu',
        message: `Could not read the node's CPU models (${messageOf(listed.reason)}): showing the built-in list`,
        data: { models: builtinModelChoices(builtin), ...release } satisfies CpuData,
      };
    }
    const models = cpuModelChoices(listed.value);
    const note = leftOutNote([['CPU model', listed.value.leftOut]]);
    return {
      type: 'loaded',
      step: 'cpu',
      note,
      data: {
        models: models.length > 0 ? models : builtinModelChoices(builtin),
        ...release,
      } satisfies CpuData,
    };
  };
}
