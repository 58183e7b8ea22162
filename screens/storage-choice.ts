/**
 * The storage selects (OS's ISO storage, System's EFI and TPM storages, each disk's storage):
 * each option with its free space and a usage bar — now and after this VM's volumes on it
 * (lib/model/storage-usage.ts), only now for the ISO storage, which the VM does not fill — and
 * the chosen storage's figure in words at the field.
 */
import type { VmConfig } from '../lib/model/config';
import {
  demandKey,
  freeBytes,
  storageDemand,
  storageUsage,
  withVolumeOn,
  type StorageUsage,
  type Volume,
} from '../lib/model/storage-usage';
import type { WizardState } from '../lib/wizard/machine';
import type { StoragesData } from '../lib/wizard/step-data';
import type { SelectOption } from '../widgets/select-field';
import type { Usage, UsageTone } from '../widgets/usage-bar';
import { formatBytes, percent } from './format';
import type { FieldScope } from './fields';
import { withKept } from './kept-choice';

type StorageInfo = StoragesData['storages'][number];

const TONE: Record<Extract<StorageUsage, { known: true }>['level'], UsageTone> = {
  ok: 'normal',
  'nearly-full': 'warning',
  overfill: 'error',
};

/** What the bar draws of a storage's usage; `change`: now → after (else now alone). */
export function usageBar(u: StorageUsage, change: boolean): Usage {
  if (!u.known) return { change };
  return { now: u.now, after: u.after, change, tone: change ? TONE[u.level] : 'normal' };
}

/**
 * A storage's type and free space: the Type and Avail columns of the web UI's
 * StorageSelector.js (its Capacity is the usage bar).
 */
export function storageDetail(s: StorageInfo): string {
  const free = freeBytes(s);
  return [s.type, free === undefined ? '' : `${formatBytes(free)} free`].filter(Boolean).join('  ');
}

/** Where the usage bar leaves no room for the type: the free space alone. */
const shortDetail = (s: StorageInfo) => {
  const free = freeBytes(s);
  return free === undefined ? s.type : `${formatBytes(free)} free`;
};

/** The bytes this VM puts on each storage, from the configuration as it is now. */
export function demandOf(config: VmConfig, state: WizardState, data?: StoragesData) {
  return storageDemand(config, data?.storages, state.data.disks?.importImages);
}

/**
 * The options of a storage select: each with its free space and usage; `added` is what this VM
 * would put on each were it chosen (none: the ISO storage, now alone). A chosen one the node
 * lacks stays in view.
 */
export function storageOptions(
  storages: readonly StorageInfo[] | undefined,
  chosen: string,
  added?: (storage: string) => number,
): SelectOption[] {
  const options = (storages ?? []).map((s) => ({
    value: s.storage,
    label: s.storage,
    detail: storageDetail(s) || undefined,
    shortDetail: shortDetail(s),
    usage: usageBar(storageUsage(s, added?.(s.storage) ?? 0), added !== undefined),
  }));
  return storages ? withKept(options, chosen, 'not on this node') : options;
}

/** The chosen storage's figure in words, for the field's hint. */
export function storageHint(
  storages: readonly StorageInfo[] | undefined,
  chosen: string,
  demand?: ReadonlyMap<string, number>,
): string {
  const s = storages?.find((x) => x.storage === chosen);
  if (!s) return '';
  const u = storageUsage(s, demand?.get(chosen) ?? 0);
  if (!u.known) return 'usage unknown';
  const of = `of ${formatBytes(u.total)}`;
  if (!demand) return `${percent(u.now)} used ${of}`;
  if (u.level === 'overfill')
    return `does not fit: this VM needs ${formatBytes(u.added)}, ${formatBytes(freeBytes(s))} free`;
  const after = `${percent(u.after)} with this VM (${of})`;
  return u.level === 'nearly-full' ? `nearly full: ${after}` : `${percent(u.now)} now, ${after}`;
}

/**
 * The rules of a select of a storage for one of this VM's volumes: each option with the usage
 * now and after this VM's volumes were that storage chosen, rebuilt when the demand on storages
 * changes (a disk size typed); the chosen storage's figure in words as its hint while used.
 */
export function volumeStorageRules<V, D extends StoragesData>(
  volume: (s: FieldScope<V, D>) => Volume,
  chosen: (values: V) => string,
  used: (values: V) => boolean = () => true,
) {
  const images = (s: FieldScope<V, D>) => s.state.data.disks?.importImages;
  const demand = (s: FieldScope<V, D>, config = s.config) =>
    storageDemand(config, s.data?.storages, images(s));
  const ifOn = (s: FieldScope<V, D>) => (storage: string) =>
    demand(s, withVolumeOn(s.config, volume(s), storage)).get(storage) ?? 0;
  return {
    options: (s: FieldScope<V, D>) => storageOptions(s.data?.storages, chosen(s.values), ifOn(s)),
    optionsKey: (s: FieldScope<V, D>) => demandKey(demand(s)),
    hint: (s: FieldScope<V, D>) =>
      used(s.values) ? storageHint(s.data?.storages, chosen(s.values), demand(s)) : '',
  };
}
