/**
 * The Disks step: the VM's disks as a list (one SCSI disk by default, none allowed), Add and
 * Remove, and an editor for the chosen disk. Options a bus does not have are disabled, not
 * dropped silently.
 */
import type { StoragesData } from '../lib/loaders';
import type { DiskSettings } from '../lib/model/config';
import { addDisk, diskId, removeDisk, updateDisk } from '../lib/model/derive';
import {
  AIO_MODES,
  BUS_MAX_INDEX,
  BUS_SUPPORTS,
  CACHE_MODES,
  DISK_BUSES,
} from '../lib/model/options';
import { DISK_SIZE_MAX_GIB, parseDecimal, parseInteger } from '../lib/model/rules';
import type { WizardState } from '../lib/wizard/machine';
import { Button } from '../widgets/button';
import { SelectField } from '../widgets/select-field';
import { choices, type FieldDescriptor, type FieldScope } from './fields';
import { bindFields } from './form-binder';
import { formatBytes } from './format';
import { createStepForm } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { storageOptions } from './system';
import { serverProblem, showView, withNote } from './view-status';

const GiB = 1024 ** 3;

/** `scsi0  ceph-pool  32 GiB` with the options that are on. */
export function diskSummary(d: DiskSettings): { label: string; detail: string } {
  const on = [
    BUS_SUPPORTS[d.bus].iothread && d.iothread ? 'iothread' : '',
    BUS_SUPPORTS[d.bus].ssd && d.ssd ? 'ssd' : '',
    d.discard ? 'discard' : '',
    d.cache !== 'default' ? `cache=${d.cache}` : '',
    d.backup ? '' : 'no backup',
    d.skipReplication ? 'no replication' : '',
    d.aio,
  ].filter(Boolean);
  return { label: `${diskId(d)}  ${d.storage}  ${d.size} GiB`, detail: on.join(' ') };
}

/** The size's hint: a warning when the disk is larger than its storage's free space. */
function sizeHint({ values: d, data }: FieldScope<DiskSettings, StoragesData>): string {
  const avail = data?.storages.find((s) => s.storage === d.storage)?.avail;
  const gib = parseDecimal(d.size);
  return avail !== undefined && gib !== undefined && gib * GiB > avail
    ? `more than the ${formatBytes(avail)} free on ${d.storage}`
    : `1-${DISK_SIZE_MAX_GIB}`;
}

/** The fields of one disk (keys are paths inside the disk: the schema's `[i].key`). */
export const DISK_FIELDS: readonly FieldDescriptor<DiskSettings, StoragesData>[] = [
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
      const n = parseInteger(text);
      return n === undefined ? { indexText: text } : { index: n, indexText: undefined };
    },
  },
  {
    kind: 'select',
    key: 'storage',
    label: 'Storage',
    emptyText: 'No storage for VM disks',
    options: ({ data, values }) => storageOptions(data, values.storage),
  },
  {
    kind: 'number',
    key: 'size',
    label: 'Disk size (GiB)',
    min: 0.001,
    max: DISK_SIZE_MAX_GIB,
    hint: sizeHint,
  },
  { kind: 'readonly', key: 'format', label: 'Format', value: () => 'Raw disk image (raw)' },
  { kind: 'select', key: 'cache', label: 'Cache', options: choices(CACHE_MODES) },
  { kind: 'toggle', key: 'discard', label: 'Discard' },
  {
    kind: 'toggle',
    key: 'iothread',
    label: 'IO thread',
    enabled: ({ values }) => BUS_SUPPORTS[values.bus].iothread,
    hint: ({ values }) => (BUS_SUPPORTS[values.bus].iothread ? '' : 'SCSI and VirtIO Block only'),
  },
  {
    kind: 'toggle',
    key: 'ssd',
    label: 'SSD emulation',
    enabled: ({ values }) => BUS_SUPPORTS[values.bus].ssd,
    hint: ({ values }) => (BUS_SUPPORTS[values.bus].ssd ? '' : 'not on VirtIO Block'),
  },
  { kind: 'toggle', key: 'backup', label: 'Backup', hint: 'unchecked: backup=0' },
  {
    kind: 'toggle',
    key: 'skipReplication',
    label: 'Skip replication',
    hint: 'checked: replicate=0',
  },
  { kind: 'select', key: 'aio', label: 'Async IO', options: choices(AIO_MODES) },
];

function showStatus(ctx: StepContext, state: WizardState): void {
  const data = state.data.disks as StoragesData | undefined;
  const problem = serverProblem(state, 'disks');
  if (problem) ctx.status.set('warning', problem);
  else if (state.views.disks?.status === 'ready' && data?.notice)
    ctx.status.set('warning', withNote(data.notice, state.views.disks));
  else showView(ctx.status, state.views.disks, { loading: 'Loading the storages for disks…' });
}

export function createDisksScreen(ctx: StepContext): StepScreen {
  const { screen, status } = ctx;
  const sf = createStepForm(ctx, 'disks', { reload: true });
  const { form } = sf;
  let state = ctx.state;
  let selected = 0;
  const disk = () => sf.config().disks[selected];

  const list = form.add(
    new SelectField(screen, {
      label: 'Disk',
      placeholder: 'No disks',
      emptyText: 'No disks: Add disk adds one',
      onChange: (v) => {
        selected = Number(v);
        show();
      },
    }),
    { wide: true },
  );
  const add = new Button(screen, {
    label: 'Add disk',
    onPress: () => {
      const before = sf.config().disks.length;
      const data = state.data.disks as StoragesData | undefined;
      const storage = disk()?.storage ?? data?.storages[0]?.storage ?? 'ceph-pool';
      sf.replace(addDisk(sf.config(), storage));
      if (sf.config().disks.length > before) selected = before;
      show();
    },
  });
  const remove = new Button(screen, {
    label: 'Remove disk',
    onPress: () => {
      if (!disk()) return;
      sf.replace(removeDisk(sf.config(), selected));
      selected = Math.max(0, Math.min(selected, sf.config().disks.length - 1));
      show();
    },
  });
  form.addButtons([add, remove]);
  const editor = bindFields<DiskSettings, StoragesData>({
    screen,
    form,
    fields: DISK_FIELDS,
    section: 'disks',
    prefix: () => `[${selected}].`,
    values: (c) => c.disks[selected],
    write: (c, patch) => updateDisk(c, selected, patch),
    data: (s) => s.data.disks as StoragesData | undefined,
    config: sf.config,
    change: sf.replace,
    state,
  });

  /** Put the chosen disk into the editor and the list. */
  function show() {
    const disks = sf.config().disks;
    list.setOptions(
      disks.map((d, i) => ({ value: String(i), ...diskSummary(d) })),
      disks.length > 0 ? String(selected) : '',
    );
    remove.setDisabled(disks.length === 0);
    if (!disk()) {
      editor.setDisabled(true);
      status.set('info', 'No disks: the VM gets none (Add disk adds one)');
    } else editor.update(state);
    screen.render();
  }

  const update = (next: WizardState) => {
    state = next;
    const issues = sf.adopt(next);
    editor.showIssues(issues);
    const other = issues.find((i) => !i.field.startsWith(`[${selected}]`));
    if (other) {
      const at = Number(/^\[(\d+)\]/.exec(other.field)?.[1] ?? 0);
      const d = next.config.disks[at];
      list.setError(d ? `${diskId(d)}: ${other.message}` : other.message);
    }
    show();
    if (disk()) showStatus(ctx, next);
  };

  update(ctx.state);
  sf.finish(list);
  return {
    update,
    focusField: (field) => {
      const m = /^\[(\d+)\]\.(\w+)$/.exec(field);
      if (m) {
        selected = Number(m[1]);
        show();
      }
      if (!editor.focus(m?.[2] ?? '')) form.focus(list);
    },
    destroy: () => sf.destroy(),
  };
}
