/**
 * What each step loads from the server. Independent calls run in parallel; a step whose calls
 * partly fail keeps what did arrive and reports what did not, so it stays usable.
 */
import type { IsoImage, NodeInfo, Pool, ProxmoxApi, StorageInfo } from '../services/proxmox-api';
import type { Loader } from './controller';
import { withGeneralDefaults } from './model/general';
import { chooseDefaultIso } from './model/iso-choice';
import type { SiteDefaults } from './settings';
import type { WizardEvent } from './wizard/machine';

export interface GeneralData {
  nodes: NodeInfo[];
  pools: Pool[];
  tags: string[];
}

export interface OsData {
  storages: StorageInfo[];
  /** The storage whose ISOs are listed. */
  storage: string;
  isos: IsoImage[];
  /** Why the storage differs from the default (e.g. no `cephfs` on this node). */
  notice?: string;
}

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
    const fill = (config: Parameters<typeof withGeneralDefaults>[0]) =>
      withGeneralDefaults(config, {
        nodes: data.nodes,
        nextId: value(nextId, undefined),
        preferredNode: defaults.node,
      });
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
      };
    }
    return { type: 'loaded', step: 'general', data, fill };
  };
}

/** The ISO storage to list: the chosen one, else the site's/`cephfs`, else the first. */
export function pickIsoStorage(
  storages: readonly StorageInfo[],
  chosen: string,
  preferred: string,
): { storage: string; notice?: string } {
  if (storages.some((s) => s.storage === chosen)) return { storage: chosen };
  if (storages.some((s) => s.storage === preferred)) return { storage: preferred };
  const first = storages[0]?.storage ?? '';
  return {
    storage: first,
    notice: first ? `No ${preferred} storage on this node: using ${first}` : undefined,
  };
}

export function osLoader(api: () => ProxmoxApi, defaults: SiteDefaults): Loader {
  return async (state): Promise<WizardEvent> => {
    const node = state.config.general.node;
    const storages = await api().storages(node, 'iso');
    if (storages.length === 0) {
      return {
        type: 'loaded',
        step: 'os',
        data: { storages, storage: '', isos: [] },
        empty: `No storage for ISO images on ${node}`,
      };
    }
    const { storage, notice } = pickIsoStorage(
      storages,
      state.config.os.isoStorage,
      defaults.isoStorage ?? 'cephfs',
    );
    const isos = await api().isoImages(node, storage);
    const arch = 'x86_64';
    const data: OsData = { storages, storage, isos, notice };
    return {
      type: 'loaded',
      step: 'os',
      data,
      empty:
        isos.length === 0
          ? [`No ISO images on ${storage}`, notice].filter(Boolean).join('; ')
          : undefined,
      fill: (config) => {
        const iso =
          config.os.iso && isos.some((i) => i.volid === config.os.iso)
            ? config.os.iso
            : (chooseDefaultIso(isos, arch) ?? '');
        return { ...config, os: { ...config.os, isoStorage: storage, iso } };
      },
    };
  };
}
