/**
 * What each step loads from the server. Independent calls run in parallel; a step whose calls
 * partly fail keeps what did arrive and reports what did not, so it stays usable.
 */
import type { IsoImage, ProxmoxApi, StorageInfo } from '../services/proxmox-api';
import { supportsParam } from '../services/version-gate';
import type { Loader } from './controller';
import type { ChoicePath } from './model/choices';
import { DEFAULT_BRIDGE } from './model/config';
import { BUILTIN_CPU_TYPES } from './model/options';
import type { FormStep } from './wizard/steps';
import { withGeneralDefaults } from './model/general';
import { chooseDefaultIso } from './model/iso-choice';
import { loadPermissions } from './preflight';
import { BRIDGE, STORAGE_ID } from './model/rules';
import type { SiteDefaults } from './settings';
import { leftOutNote } from './strings';
import type { Fill, WizardEvent } from './wizard/machine';
import type {
  ConfirmData,
  CpuData,
  GeneralData,
  MemoryData,
  NetworkData,
  OsData,
  StoragesData,
} from './wizard/step-data';

export type {
  ConfirmData,
  CpuData,
  GeneralData,
  MemoryData,
  NetworkData,
  OsData,
  StoragesData,
} from './wizard/step-data';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function generalLoader(api: () => ProxmoxApi, defaults: SiteDefaults): Loader {
  return async () => {
    const [nodes, nextId, pools, tags] = await Promise.allSettled([
      api().nodes(),
      api().nextVmid(),
      api().pools(),
      api().tags(),
    ]);
    const value = <T>(r: PromiseSettledResult<T>, fallback: T) =>
      r.status === 'fulfilled' ? r.value : fallback;
    const data: GeneralData = {
      nodes: value(nodes, []),
      pools: value(pools, []),
      tags: value(tags, []),
    };
    const fill: Fill = (config, explicit) =>
      withGeneralDefaults(config, {
        nodes: data.nodes,
        nextId: value(nextId, undefined),
        preferredNode: defaults.node,
        keepNode: explicit.includes('general.node'),
      });
    // Without the node list nothing can be said against the chosen node.
    const offered =
      nodes.status === 'fulfilled'
        ? {
            nodes: {
              all: data.nodes.map((n) => n.node),
              online: data.nodes.filter((n) => n.status === 'online').map((n) => n.node),
            },
          }
        : undefined;
    const failed = (
      [
        ['nodes', nodes],
        ['next VM ID', nextId],
        ['pools', pools],
        ['tags', tags],
      ] as const
    ).filter(([, r]) => r.status === 'rejected');
    if (failed.length > 0) {
      const reasons = failed.map(
        ([what, r]) => `${what}: ${messageOf((r as PromiseRejectedResult).reason)}`,
      );
      return {
        type: 'loadFailed',
        step: 'general',
        message: `Could not load ${reasons.join('; ')}`,
        data,
        fill,
        offered,
      };
    }
    const note = leftOutNote([
      ['node', data.nodes.leftOut],
      ['pool', data.pools.leftOut],
    ]);
    return { type: 'loaded', step: 'general', data, fill, offered, ...(note ? { note } : {}) };
  };
}

/** The ISO storage to list: the chosen one, else the site's/`cephfs`, else the first. */
export function pickStorage(
  storages: readonly StorageInfo[],
  chosen: string,
  preferred: string,
): { storage: string; notice?: string } {
  if (storages.some((s) => s.storage === chosen)) return { storage: chosen };
  if (storages.some((s) => s.storage === preferred)) return { storage: preferred };
  // An id Proxmox would refuse (a hostile server's) is never the default.
  const first =
    storages.find((s) => STORAGE_ID.test(s.storage))?.storage ?? storages[0]?.storage ?? '';
  return {
    storage: first,
    notice: first ? `No ${preferred} storage on this node: using ${first}` : undefined,
  };
}

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

/** System and Disks both need the node's storages for VM images. */
export function imageStoragesLoader(
  api: () => ProxmoxApi,
  defaults: SiteDefaults,
  step: 'system' | 'disks',
): Loader {
  return async (state): Promise<WizardEvent> => {
    const node = state.config.general.node;
    const storages = await api().storages(node, 'images');
    const offered = { node, imageStorages: storages.map((s) => s.storage) };
    const leftOut = leftOutNote([['storage', storages.leftOut]]);
    const note = leftOut ? { note: leftOut } : {};
    if (storages.length === 0) {
      return {
        type: 'loaded',
        step,
        ...note,
        data: { storages },
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
    const fill: Fill = (config, explicit) => {
      // An explicit storage stays (the server lacking it is reported at its field).
      const pick = (path: ChoicePath, chosen: string) =>
        explicit.includes(path) ? chosen : pickStorage(storages, chosen, preferred).storage;
      return step === 'system'
        ? {
            ...config,
            system: {
              ...config.system,
              efiStorage: pick('system.efiStorage', config.system.efiStorage),
              tpmStorage: pick('system.tpmStorage', config.system.tpmStorage),
            },
          }
        : {
            ...config,
            disks: config.disks.map((d, i) => ({
              ...d,
              storage: pick(`disks[${i}].storage`, d.storage),
            })),
          };
    };
    return {
      type: 'loaded',
      step,
      data: { storages, notice } satisfies StoragesData,
      fill,
      offered,
      ...note,
    };
  };
}

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

export function networkLoader(
  api: () => ProxmoxApi,
  defaults: SiteDefaults,
  fallbackBridge: string,
): Loader {
  return async (state): Promise<WizardEvent> => {
    const node = state.config.general.node;
    const listed = await api().bridges(node);
    const bridges = listed.map((b) => b.iface).sort();
    const offered = { node, bridges };
    const leftOut = leftOutNote([['bridge', listed.leftOut]]);
    const note = leftOut ? { note: leftOut } : {};
    if (bridges.length === 0)
      return {
        type: 'loaded',
        step: 'network',
        ...note,
        data: { bridges } satisfies NetworkData,
        empty: `No bridges on ${node}`,
        offered,
      };
    const preferred = defaults.bridge ?? fallbackBridge;
    const chosen = state.config.network.bridge;
    const explicitBridge = state.explicit.includes('network.bridge');
    const bridge = bridges.includes(chosen)
      ? chosen
      : bridges.includes(preferred)
        ? preferred
        : (bridges.find((b) => BRIDGE.test(b)) ?? bridges[0]!);
    const notice =
      explicitBridge || bridges.includes(preferred)
        ? undefined
        : `No ${preferred} on ${node}: using ${bridge}`;
    return {
      type: 'loaded',
      step: 'network',
      data: { bridges, notice } satisfies NetworkData,
      fill: (config, explicit) => ({
        ...config,
        network: {
          ...config.network,
          bridge:
            explicit.includes('network.bridge') || bridges.includes(config.network.bridge)
              ? config.network.bridge
              : bridge,
        },
      }),
      offered,
      ...note,
    };
  };
}

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

/** Every form step's loader, for the wizard and for `pvevm create` alike. */
export function stepLoaders(
  api: () => ProxmoxApi,
  defaults: SiteDefaults,
): Record<FormStep, Loader> {
  return {
    general: generalLoader(api, defaults),
    os: osLoader(api, defaults),
    system: imageStoragesLoader(api, defaults, 'system'),
    disks: imageStoragesLoader(api, defaults, 'disks'),
    cpu: cpuLoader(api, BUILTIN_CPU_TYPES),
    memory: memoryLoader(api, (release) => supportsParam(release, 'allow-ksm')),
    network: networkLoader(api, defaults, DEFAULT_BRIDGE),
    confirm: confirmLoader(api),
  };
}
