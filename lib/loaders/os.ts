/** The OS step's loader: the node's ISO storages and the images of the one to list. */
import type { IsoImage, ProxmoxApi, StorageInfo } from '../../services/proxmox-api';
import type { Loader } from '../controller';
import type { ChoicePath } from '../model/choices';
import { chooseDefaultIso } from '../model/iso-choice';
import type { SiteDefaults } from '../settings';
import { leftOutNote } from '../strings';
import type { Fill, WizardEvent } from '../wizard/machine';
import type { OsData } from '../wizard/step-data';
import { pickStorage } from './pick-storage';

/** The storage an ISO volume id names (`cephfs:iso/x.iso` → `cephfs`). */
const storageOf = (volid: string) => volid.slice(0, Math.max(volid.indexOf(':'), 0));

/**
 * The ISO storage to list: an explicit one as it is (the server lacking it is reported), the
 * storage of an explicit ISO, else the chosen or default one as `pickStorage` finds it.
 */
function isoStorageFor(
  state: { config: { os: { isoStorage: string; iso: string } }; explicit: readonly ChoicePath[] },
  storages: readonly StorageInfo[],
  preferred: string,
): { storage: string; notice?: string; exists: boolean } {
  const { os } = state.config;
  const explicit = state.explicit.includes('os.isoStorage')
    ? os.isoStorage
    : state.explicit.includes('os.iso') && storageOf(os.iso)
      ? storageOf(os.iso)
      : undefined;
  const exists = (name: string) => storages.some((s) => s.storage === name);
  if (explicit !== undefined) return { storage: explicit, exists: exists(explicit) };
  return { ...pickStorage(storages, os.isoStorage, preferred), exists: true };
}

export function osLoader(api: () => ProxmoxApi, defaults: SiteDefaults): Loader {
  return async (state): Promise<WizardEvent> => {
    const node = state.config.general.node;
    const storages = await api().storages(node, 'iso');
    const isoStorages = storages.map((s) => s.storage);
    const { storage, notice, exists } = isoStorageFor(
      state,
      storages,
      defaults.isoStorage ?? 'cephfs',
    );
    // An explicit ISO or storage stays; what was left open gets the default.
    const fillIso =
      (isos: IsoImage[]): Fill =>
      (config, explicit) => {
        const keep = (path: ChoicePath) => explicit.includes(path);
        const iso =
          keep('os.iso') || (config.os.iso && isos.some((i) => i.volid === config.os.iso))
            ? config.os.iso
            : (chooseDefaultIso(isos, 'x86_64') ?? '');
        const isoStorage = keep('os.isoStorage') || !storage ? config.os.isoStorage : storage;
        return { ...config, os: { ...config.os, isoStorage, iso } };
      };
    const storagesNote = leftOutNote([['storage', storages.leftOut]]);
    if (storages.length === 0 || !exists) {
      return {
        type: 'loaded',
        step: 'os',
        ...(storagesNote ? { note: storagesNote } : {}),
        data: { storages, storage: exists ? '' : storage, isos: [] } satisfies OsData,
        empty: storages.length === 0 ? `No storage for ISO images on ${node}` : undefined,
        fill: fillIso([]),
        offered: { node, isoStorages },
      };
    }
    const isos = await api().isoImages(node, storage);
    const data: OsData = { storages, storage, isos, notice };
    const note = leftOutNote([
      ['storage', storages.leftOut],
      ['ISO', isos.leftOut],
    ]);
    return {
      type: 'loaded',
      step: 'os',
      ...(note ? { note } : {}),
      data,
      empty:
        isos.length === 0
          ? [`No ISO images on ${storage}`, notice].filter(Boolean).join('; ')
          : undefined,
      fill: fillIso(isos),
      offered: { node, isoStorages, isos: { storage, volids: isos.map((i) => i.volid) } },
    };
  };
}
