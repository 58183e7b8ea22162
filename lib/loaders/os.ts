/** The OS step's loader: the node's ISO storages and the images of the one to list. */
import type { IsoImage, ProxmoxApi, StorageInfo } from '../../services/proxmox-api';
import type { Loader } from '../controller';
import type { ChoicePath } from '../model/choices';
import { updateSection } from '../model/derive';
import { LatestIso, type Arch, type IsoFile } from '../model/iso-choice';
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

/**
 * The node's architecture and what follows from it (`updateSection`), and the default ISO: an
 * explicit ISO or storage stays; what was left open gets the default.
 */
function osFill(
  isos: readonly IsoImage[],
  storage: string,
  arch: Arch,
  defaultIso: string | undefined,
): Fill {
  return (base, explicit) => {
    const config = updateSection(base, 'os', { arch });
    const keep = (path: ChoicePath) => explicit.includes(path);
    // An ISO of another architecture's node is not kept unless asked for.
    const sameArch = base.os.arch === arch;
    const iso =
      keep('os.iso') || (sameArch && config.os.iso && isos.some((i) => i.volid === config.os.iso))
        ? config.os.iso
        : (defaultIso ?? '');
    const isoStorage = keep('os.isoStorage') || !storage ? config.os.isoStorage : storage;
    return { ...config, os: { ...config.os, isoStorage, iso } };
  };
}

/** Images looked at per turn of the event loop while the default is chosen. */
export const ISO_SLICE = 20_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The default ISO of the images (iso-choice.ts), chosen once per answer: a long list in slices
 * with a turn of the event loop in between, so keys typed meanwhile are answered.
 */
async function defaultIsoOf(isos: readonly IsoFile[], arch: Arch): Promise<string | undefined> {
  const latest = new LatestIso(arch);
  for (let from = 0; from < isos.length; from += ISO_SLICE) {
    if (from > 0) await nextTurn();
    latest.scan(isos, from, Math.min(isos.length, from + ISO_SLICE));
  }
  return latest.volid;
}

/** The node's architecture; unknown (a failed call, another one) is x86_64, as the web UI's. */
async function archOf(api: ProxmoxApi, node: string): Promise<Arch> {
  const machine = await api.nodeArch(node).catch(() => 'x86_64');
  return machine === 'aarch64' ? 'aarch64' : 'x86_64';
}

/**
 * The storage whose ISOs are asked for together with the storage list, before it is known
 * which the node has: the one `isoStorageFor` picks when the node has it.
 */
function likelyIsoStorage(
  state: Parameters<typeof isoStorageFor>[0],
  preferred: string,
): string | undefined {
  const { os } = state.config;
  if (state.explicit.includes('os.isoStorage')) return os.isoStorage;
  if (state.explicit.includes('os.iso') && storageOf(os.iso)) return storageOf(os.iso);
  return os.isoStorage || preferred || undefined;
}

export function osLoader(api: () => ProxmoxApi, defaults: SiteDefaults): Loader {
  return async (state): Promise<WizardEvent> => {
    const node = state.config.general.node;
    const preferred = defaults.isoStorage ?? 'cephfs';
    // One round trip: the likely storage's ISO list goes out with the storage list; only when
    // the node lacks that storage is another one asked for once the list is there.
    const guess = likelyIsoStorage(state, preferred);
    const early = guess === undefined ? undefined : api().isoImages(node, guess);
    early?.catch(() => undefined);
    // Architecture.js `getNodeArchitecture`: the defaults and the ISO follow the node's.
    const [storages, arch] = await Promise.all([api().storages(node, 'iso'), archOf(api(), node)]);
    const isoStorages = storages.map((s) => s.storage);
    const { storage, notice, exists } = isoStorageFor(state, storages, preferred);
    const fillIso = async (isos: IsoImage[]) =>
      osFill(isos, storage, arch, await defaultIsoOf(isos, arch));
    const storagesNote = leftOutNote([['storage', storages.leftOut]]);
    if (storages.length === 0 || !exists) {
      return {
        type: 'loaded',
        step: 'os',
        note: storagesNote,
        data: { storages, storage: exists ? '' : storage, isos: [] } satisfies OsData,
        empty: storages.length === 0 ? `No storage for ISO images on ${node}` : undefined,
        fill: await fillIso([]),
        offered: { node, isoStorages },
      };
    }
    const isos = await (storage === guess && early ? early : api().isoImages(node, storage));
    const data: OsData = { storages, storage, isos, notice };
    const note = leftOutNote([
      ['storage', storages.leftOut],
      ['ISO', isos.leftOut],
    ]);
    return {
      type: 'loaded',
      step: 'os',
      note,
      data,
      empty:
        isos.length === 0
          ? [`No ISO images on ${storage}`, notice].filter(Boolean).join('; ')
          : undefined,
      fill: await fillIso(isos),
      offered: { node, isoStorages, isos: { storage, volids: isos.map((i) => i.volid) } },
    };
  };
}
