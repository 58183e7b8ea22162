/**
 * The fields of one disk in the Disks step's editor, as the web UI's HDEdit.js has them: the
 * disk, its options, and behind Advanced read-only and the Bandwidth tab's limits.
 */
import type { StoragesData } from '../lib/wizard/step-data';
import type { DiskSettings } from '../lib/model/config';
import { diskId, diskIndexPatch } from '../lib/model/derive';
import { DISK_LIMITS, limitsSummary, type DiskLimit } from '../lib/model/disk-limits';
import { DISK_SOURCES, importFileName } from '../lib/model/disk-import';
import { diskBytes, doesNotFit, freeBytes } from '../lib/model/storage-usage';
import {
  AIO_MODES,
  BUS_MAX_INDEX,
  BUS_SUPPORTS,
  CACHE_MODES,
  DISK_BUSES,
  type ScsiController,
} from '../lib/model/options';
import { DISK_SIZE_MAX_GIB } from '../lib/model/rules';
import {
  iothreadUnavailable,
  iothreadUsed,
  unavailableBusOptions,
} from '../lib/model/availability';
import { choices, type FieldDescriptor, type FieldScope } from './fields';
import { formatBytes } from './format';
import { demandOf, volumeStorageRules } from './storage-choice';

type DiskField = FieldDescriptor<DiskSettings, StoragesData>;

/** `scsi0  ceph-pool  32 GiB` with the options that are on. */
export function diskSummary(
  d: DiskSettings,
  scsihw: ScsiController,
): { label: string; detail: string } {
  const on = [
    iothreadUsed(d, scsihw) ? 'iothread' : '',
    BUS_SUPPORTS[d.bus].ssd && d.ssd ? 'ssd' : '',
    d.discard ? 'discard' : '',
    d.cache !== 'default' ? `cache=${d.cache}` : '',
    d.backup ? '' : 'no backup',
    d.skipReplication ? 'no replication' : '',
    d.aio,
    BUS_SUPPORTS[d.bus].ro && d.readOnly ? 'ro' : '',
    limitsSummary(d),
  ].filter(Boolean);
  const size =
    d.source === 'import' ? `from ${importFileName(d.importFrom) || '?'}` : `${d.size} GiB`;
  return { label: `${diskId(d)}  ${d.storage}  ${size}`, detail: on.join(' ') };
}

/**
 * The size's hint: a warning when the disk, or this VM's volumes on its storage together, need
 * more than the storage's free space (lib/model/storage-usage.ts's one rule).
 */
function sizeHint({ values: d, data, config, state }: FieldScope<DiskSettings, StoragesData>) {
  const s = data?.storages.find((x) => x.storage === d.storage);
  const free = formatBytes(freeBytes(s));
  if (doesNotFit(s, diskBytes(d))) return `more than the ${free} free on ${d.storage}`;
  const all = demandOf(config, state, data).get(d.storage) ?? 0;
  if (doesNotFit(s, all))
    return `with this VM's other volumes, more than the ${free} free on ${d.storage}`;
  return `1-${DISK_SIZE_MAX_GIB}`;
}

/** The fields of one disk (keys are paths inside the disk: the schema's `[i].key`). */
/** The images to import (HDEdit.js's list: qcow2, vmdk, raw), with format and size. */
function importOptions(data: StoragesData | undefined) {
  return (data?.importImages ?? []).map((i) => ({
    value: i.volid,
    label: i.volid,
    detail: `${i.format}  ${formatBytes(i.size)}`,
  }));
}

/** One limit of the Bandwidth tab (HDEdit.js): empty is unlimited, a burst's the default. */
const limitField = (l: DiskLimit): DiskField => ({
  kind: 'text',
  key: l.key,
  label: l.label,
  advanced: true,
  placeholder: l.limitOf ? 'default' : 'unlimited',
  hint: l.limitOf
    ? 'only with the limit above, not below it'
    : l.unit === 'mbps'
      ? 'min 1, e.g. 12.5'
      : 'min 10',
});

export const DISK_FIELDS: readonly DiskField[] = [
  { kind: 'select', key: 'bus', label: 'Bus / Device', options: choices(DISK_BUSES) },
  {
    kind: 'number',
    key: 'index',
    label: 'Device index',
    min: 0,
    max: 30,
    limits: ({ values }) => ({ min: 0, max: BUS_MAX_INDEX[values.bus] }),
    read: (d) => d.indexText ?? String(d.index),
    write: (text) => {
      return diskIndexPatch(text);
    },
  },
  {
    kind: 'select',
    key: 'storage',
    label: 'Storage',
    emptyText: 'No storage for VM disks',
    ...volumeStorageRules<DiskSettings, StoragesData>(
      ({ values, config }) => ({ disk: config.disks.indexOf(values) }),
      (d) => d.storage,
    ),
  },
  {
    kind: 'number',
    key: 'size',
    label: 'Disk size (GiB)',
    min: 0.001,
    max: DISK_SIZE_MAX_GIB,
    // An imported disk takes the image's size (HDEdit.js hides the size): the typed size is kept.
    read: (d) => (d.source === 'import' ? 'size from the image' : d.size),
    hint: (scope) => (scope.values.source === 'import' ? '' : sizeHint(scope)),
    enabled: ({ values }) => values.source === 'new',
  },
  { kind: 'select', key: 'source', label: 'Source', options: choices(DISK_SOURCES) },
  {
    kind: 'select',
    key: 'importFrom',
    label: 'Image to import',
    placeholder: 'none',
    emptyText: 'No disk images (qcow2, vmdk, raw) on a storage with import content',
    options: ({ data }) => importOptions(data),
    enabled: ({ values }) => values.source === 'import',
  },
  { kind: 'readonly', key: 'format', label: 'Format', value: () => 'Raw disk image (raw)' },
  { kind: 'select', key: 'cache', label: 'Cache', options: choices(CACHE_MODES) },
  { kind: 'toggle', key: 'discard', label: 'Discard' },
  {
    kind: 'toggle',
    key: 'iothread',
    label: 'IO thread',
    // Shown as it takes effect: off where the bus or the SCSI controller ignores it (HDEdit.js).
    read: ({ values, config }) => iothreadUsed(values, config.system.scsihw),
    enabled: ({ values, config }) =>
      iothreadUnavailable(values.bus, config.system.scsihw) === undefined,
    hint: ({ values, config }) => iothreadUnavailable(values.bus, config.system.scsihw) ?? '',
  },
  {
    kind: 'toggle',
    key: 'ssd',
    label: 'SSD emulation',
    enabled: ({ values }) => unavailableBusOptions(values.bus).ssd === undefined,
    hint: ({ values }) => unavailableBusOptions(values.bus).ssd ?? '',
  },
  { kind: 'toggle', key: 'backup', label: 'Backup', hint: 'unchecked: backup=0' },
  {
    kind: 'toggle',
    key: 'skipReplication',
    label: 'Skip replication',
    hint: 'checked: replicate=0',
  },
  { kind: 'select', key: 'aio', label: 'Async IO', options: choices(AIO_MODES) },
  {
    kind: 'toggle',
    key: 'readOnly',
    label: 'Read-only',
    advanced: true,
    enabled: ({ values }) => unavailableBusOptions(values.bus).ro === undefined,
    hint: ({ values }) => unavailableBusOptions(values.bus).ro ?? 'checked: ro=1',
  },
  ...DISK_LIMITS.map(limitField),
];
