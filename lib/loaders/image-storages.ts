/** The System and Disks steps' loader: the node's storages for VM images. */
import type { Listed, ProxmoxApi, StorageInfo } from '../../services/proxmox-api';
import type { Loader } from '../controller';
import type { ChoicePath } from '../model/choices';
import type { SiteDefaults } from '../settings';
import { leftOutNote } from '../strings';
import type { Fill, WizardEvent } from '../wizard/machine';
import type { StoragesData } from '../wizard/step-data';
import { pickStorage } from './pick-storage';
import { loadImportImages } from './import-images';
import { sharedRequests, type SharedRequests } from './shared-request';

/** The storages left open, filled with the chosen one if the node has it, else a default. */
function storagesFill(
  step: 'system' | 'disks',
  storages: readonly StorageInfo[],
  preferred: string,
): Fill {
  return (config, explicit) => {
    // An explicit storage stays (the server lacking it is reported at its field).
    const pick = (path: ChoicePath, chosen: string) =>
      explicit.includes(path) ? chosen : pickStorage(storages, chosen, preferred).storage;
    if (step === 'system') {
      const { efiStorage, tpmStorage } = config.system;
      return {
        ...config,
        system: {
          ...config.system,
          efiStorage: pick('system.efiStorage', efiStorage),
          tpmStorage: pick('system.tpmStorage', tpmStorage),
        },
      };
    }
    const disks = config.disks.map((d, i) => ({
      ...d,
      storage: pick(`disks[${i}].storage`, d.storage),
    }));
    return { ...config, disks };
  };
}

/** System and Disks both need the node's storages for VM images. */
export function imageStoragesLoader(
  api: () => ProxmoxApi,
  defaults: SiteDefaults,
  step: 'system' | 'disks',
  shared: SharedRequests<Listed<StorageInfo>> = sharedRequests(),
): Loader {
  return async (state): Promise<WizardEvent> => {
    const node = state.config.general.node;
    const [storages, importImages] = await Promise.all([
      shared.get(node, step, () => api().storages(node, 'images')),
      step === 'disks' ? loadImportImages(api(), node) : undefined,
    ]);
    const offered = { node, imageStorages: storages.map((s) => s.storage) };
    const note = leftOutNote([['storage', storages.leftOut]]);
    if (storages.length === 0) {
      return {
        type: 'loaded',
        step,
        note,
        data: { storages, importImages },
        empty: `No storage for VM disks on ${node}`,
        offered,
      };
    }
    const preferred = defaults.diskStorage ?? 'ceph-pool';
    const current =
      step === 'system'
        ? state.config.system.efiStorage
        : (state.config.disks[0]?.storage ?? preferred);
    const explicitHere = state.explicit.includes(
      step === 'system' ? 'system.efiStorage' : 'disks[0].storage',
    );
    const { notice } = explicitHere
      ? { notice: undefined }
      : pickStorage(storages, current, preferred);
    const fill = storagesFill(step, storages, preferred);
    return {
      type: 'loaded',
      step,
      data: { storages, notice, importImages } satisfies StoragesData,
      fill,
      offered,
      note,
    };
  };
}
