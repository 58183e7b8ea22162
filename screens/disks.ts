/**
 * The Disks step: the VM's disks as a list (one SCSI disk by default, none allowed), Add and
 * Remove, and an editor for the chosen disk. Options a bus does not have are disabled, not
 * dropped silently.
 */
import type { StoragesData } from '../lib/wizard/step-data';
import type { DiskSettings } from '../lib/model/config';
import { addDisk, diskId, diskIndexPatch, removeDisk, updateDisk } from '../lib/model/derive';
import {
  AIO_MODES,
  BUS_MAX_INDEX,
  BUS_SUPPORTS,
  CACHE_MODES,
  DISK_BUSES,
  type ScsiController,
} from '../lib/model/options';
import { DISK_SIZE_MAX_GIB, parseDecimal } from '../lib/model/rules';
import {
  iothreadUnavailable,
  iothreadUsed,
  unavailableBusOptions,
} from '../lib/model/availability';
import type { WizardState } from '../lib/wizard/machine';
import { Button } from '../widgets/button';
import { SelectField } from '../widgets/select-field';
import { choices, type FieldDescriptor, type FieldScope } from './fields';
import { bindFields, type BoundFields } from './form-binder';
import { formatBytes } from './format';
import { createStepForm, type StepForm } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { storageOptions } from './system';
import { serverProblem, showView, withNote } from './view-status';

const GiB = 1024 ** 3;

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
      return diskIndexPatch(text);
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
];

function showStatus(ctx: StepContext, state: WizardState): void {
  const data = state.data.disks;
  const problem = serverProblem(state, 'disks');
  if (problem) ctx.status.set('warning', problem);
  else if (state.views.disks?.status === 'ready' && data?.notice)
    ctx.status.set('warning', withNote(data.notice, state.views.disks));
  else showView(ctx.status, state.views.disks, { loading: 'Loading the storages for disks…' });
}

/** The disk list, Add and Remove above the editor of the chosen disk. */
class DisksScreen implements StepScreen {
  private readonly sf: StepForm;
  private readonly list: SelectField;
  private readonly remove: Button;
  private readonly editor: BoundFields;
  private state: WizardState;
  private selected = 0;

  constructor(private readonly ctx: StepContext) {
    const { screen } = ctx;
    this.state = ctx.state;
    this.sf = createStepForm(ctx, 'disks', { reload: true });
    this.list = this.sf.form.add(
      new SelectField(screen, {
        label: 'Disk',
        placeholder: 'No disks',
        emptyText: 'No disks: Add disk adds one',
        onChange: (v) => this.choose(Number(v)),
      }),
      { wide: true },
    );
    const add = new Button(screen, { label: 'Add disk', onPress: () => this.add() });
    this.remove = new Button(screen, { label: 'Remove disk', onPress: () => this.removeDisk() });
    this.sf.form.addButtons([add, this.remove]);
    this.editor = bindFields<DiskSettings, StoragesData>({
      screen,
      form: this.sf.form,
      fields: DISK_FIELDS,
      section: 'disks',
      prefix: () => `[${this.selected}].`,
      values: (c) => c.disks[this.selected],
      write: (c, patch) => updateDisk(c, this.selected, patch),
      data: (s) => s.data.disks,
      config: this.sf.config,
      change: this.sf.replace,
      state: this.state,
    });
    this.update(ctx.state);
    this.sf.finish(this.list);
  }

  private get disk(): DiskSettings | undefined {
    return this.sf.config().disks[this.selected];
  }

  update(next: WizardState): void {
    this.state = next;
    const issues = this.sf.adopt(next);
    this.editor.showIssues(issues);
    // A problem of another disk (two disks on one slot) shows at the list.
    const other = issues.find((i) => !i.field.startsWith(`[${this.selected}]`));
    if (other) {
      const at = Number(/^\[(\d+)\]/.exec(other.field)?.[1] ?? 0);
      const d = next.config.disks[at];
      this.list.setError(d ? `${diskId(d)}: ${other.message}` : other.message);
    }
    this.show();
    if (this.disk) showStatus(this.ctx, next);
  }

  focusField(field: string): void {
    const m = /^\[(\d+)\]\.(\w+)$/.exec(field);
    if (m) this.choose(Number(m[1]));
    if (!this.editor.focus(m?.[2] ?? '')) this.sf.form.focus(this.list);
  }

  destroy(): void {
    this.sf.destroy();
  }

  private choose(position: number): void {
    this.selected = position;
    this.show();
  }

  private add(): void {
    const config = this.sf.config();
    const data = this.state.data.disks;
    const storage = this.disk?.storage ?? data?.storages[0]?.storage ?? 'ceph-pool';
    this.sf.replace(addDisk(config, storage));
    if (this.sf.config().disks.length > config.disks.length) this.selected = config.disks.length;
    this.show();
  }

  private removeDisk(): void {
    if (!this.disk) return;
    this.sf.replace(removeDisk(this.sf.config(), this.selected));
    this.selected = Math.max(0, Math.min(this.selected, this.sf.config().disks.length - 1));
    this.show();
  }

  /** Put the chosen disk into the editor and the list. */
  private show(): void {
    const disks = this.sf.config().disks;
    this.list.setOptions(
      disks.map((d, i) => ({
        value: String(i),
        ...diskSummary(d, this.sf.config().system.scsihw),
      })),
      disks.length > 0 ? String(this.selected) : '',
    );
    this.remove.setDisabled(disks.length === 0);
    if (!this.disk) {
      this.editor.setDisabled(true);
      this.ctx.status.set('info', 'No disks: the VM gets none (Add disk adds one)');
    } else this.editor.update(this.state);
    this.ctx.screen.render();
  }
}

export const createDisksScreen = (ctx: StepContext): StepScreen => new DisksScreen(ctx);
