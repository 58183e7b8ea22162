/**
 * The Disks step: the VM's disks as a list (one SCSI disk by default, none allowed), Add and
 * Remove, and an editor for the chosen disk. Options a bus does not have are disabled, not
 * dropped silently.
 */
import type { StoragesData } from '../lib/wizard/step-data';
import type { DiskSettings } from '../lib/model/config';
import { unavailableBusOptions } from '../lib/model/availability';
import { addDisk, diskId, diskIndexPatch, removeDisk, updateDisk } from '../lib/model/derive';
import {
  AIO_MODES,
  BUS_MAX_INDEX,
  BUS_SUPPORTS,
  CACHE_MODES,
  DISK_BUSES,
  type AioMode,
  type CacheMode,
  type DiskBus,
} from '../lib/model/options';
import { DISK_SIZE_MAX_GIB, parseDecimal } from '../lib/model/rules';
import type { WizardState } from '../lib/wizard/machine';
import { Button } from '../widgets/button';
import { ReadonlyField } from '../widgets/readonly-field';
import { SelectField } from '../widgets/select-field';
import { NumberField } from '../widgets/text-field';
import { ToggleField } from '../widgets/toggle-field';
import { formatBytes } from './format';
import { createStepForm, sync } from './step-form';
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

export function createDisksScreen(ctx: StepContext): StepScreen {
  const { screen, status } = ctx;
  const sf = createStepForm(ctx, 'disks', { reload: true });
  const { form } = sf;
  let selected = 0;
  let data: StoragesData | undefined;
  const disk = () => sf.config().disks[selected];
  const edit = (patch: Partial<DiskSettings>) => {
    sf.replace(updateDisk(sf.config(), selected, patch));
    show();
  };

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
  const bus = form.add(
    new SelectField(screen, {
      label: 'Bus / Device',
      options: DISK_BUSES.map((b) => ({ value: b.value, label: b.label })),
      onChange: (v) => edit({ bus: v as DiskBus }),
    }),
  );
  const index = form.add(
    new NumberField(screen, {
      label: 'Device index',
      noun: 'Index',
      min: 0,
      max: 30,
      onChange: (v) => edit(diskIndexPatch(v)),
    }),
  );
  const storage = form.add(
    new SelectField(screen, {
      label: 'Storage',
      emptyText: 'No storage for VM disks',
      onChange: (v) => edit({ storage: v }),
    }),
  );
  const size = form.add(
    new NumberField(screen, {
      label: 'Disk size (GiB)',
      noun: 'Disk size',
      min: 0.001,
      max: DISK_SIZE_MAX_GIB,
      decimal: true,
      onChange: (v) => edit({ size: v }),
    }),
  );
  form.add(new ReadonlyField(screen, { label: 'Format', value: 'Raw disk image (raw)' }));
  const cache = form.add(
    new SelectField(screen, {
      label: 'Cache',
      options: CACHE_MODES.map((c) => ({ value: c.value, label: c.label })),
      onChange: (v) => edit({ cache: v as CacheMode }),
    }),
  );
  const discard = form.add(
    new ToggleField(screen, {
      label: 'Discard',
      onChange: (v) => edit({ discard: v }),
    }),
  );
  const iothread = form.add(
    new ToggleField(screen, {
      label: 'IO thread',
      onChange: (v) => edit({ iothread: v }),
    }),
  );
  const ssd = form.add(
    new ToggleField(screen, {
      label: 'SSD emulation',
      onChange: (v) => edit({ ssd: v }),
    }),
  );
  const backup = form.add(
    new ToggleField(screen, {
      label: 'Backup',
      hint: 'unchecked: backup=0',
      onChange: (v) => edit({ backup: v }),
    }),
  );
  const replicate = form.add(
    new ToggleField(screen, {
      label: 'Skip replication',
      hint: 'checked: replicate=0',
      onChange: (v) => edit({ skipReplication: v }),
    }),
  );
  const aio = form.add(
    new SelectField(screen, {
      label: 'Async IO',
      options: AIO_MODES.map((a) => ({ value: a.value, label: a.label })),
      onChange: (v) => edit({ aio: v as AioMode }),
    }),
  );
  const editor = [bus, index, storage, size, cache, discard, iothread, ssd, backup, replicate, aio];

  /** Put the chosen disk into the editor and the list. */
  function show() {
    const disks = sf.config().disks;
    list.setOptions(
      disks.map((d, i) => ({ value: String(i), ...diskSummary(d) })),
      disks.length > 0 ? String(selected) : '',
    );
    remove.setDisabled(disks.length === 0);
    const d = disk();
    for (const w of editor) w.setDisabled(!d);
    if (!d) {
      status.set('info', 'No disks: the VM gets none (Add disk adds one)');
      screen.render();
      return;
    }
    bus.setValue(d.bus);
    sync(index, d.indexText ?? String(d.index));
    index.setLimits(0, BUS_MAX_INDEX[d.bus]);
    storage.setOptions(storageOptions(data, d.storage), d.storage);
    sync(size, d.size);
    cache.setValue(d.cache);
    discard.setValue(d.discard);
    iothread.setValue(d.iothread);
    ssd.setValue(d.ssd);
    backup.setValue(d.backup);
    replicate.setValue(d.skipReplication);
    aio.setValue(d.aio);
    const off = unavailableBusOptions(d.bus);
    iothread.setDisabled(off.iothread !== undefined);
    iothread.setHint(off.iothread ?? '');
    ssd.setDisabled(off.ssd !== undefined);
    ssd.setHint(off.ssd ?? '');
    const avail = data?.storages.find((s) => s.storage === d.storage)?.avail;
    const gib = parseDecimal(d.size);
    size.setHint(
      avail !== undefined && gib !== undefined && gib * GiB > avail
        ? `more than the ${formatBytes(avail)} free on ${d.storage}`
        : `1-${DISK_SIZE_MAX_GIB}`,
    );
    screen.render();
  }

  const update = (state: WizardState) => {
    data = state.data.disks;
    const issues = sf.adopt(state, {});
    const mine = (field: string) =>
      issues.find((i) => i.field === `[${selected}].${field}`)?.message;
    for (const [field, widget] of Object.entries({ bus, index, storage, size, iothread, ssd })) {
      const message = mine(field);
      if (message) widget.setError(message);
    }
    const other = issues.find((i) => !i.field.startsWith(`[${selected}]`));
    if (other) {
      const at = Number(/^\[(\d+)\]/.exec(other.field)?.[1] ?? 0);
      const d = state.config.disks[at];
      list.setError(d ? `${diskId(d)}: ${other.message}` : other.message);
    }
    show();
    if (!disk()) return;
    const problem = serverProblem(state, 'disks');
    if (problem) status.set('warning', problem);
    else if (state.views.disks?.status === 'ready' && data?.notice)
      status.set('warning', withNote(data.notice, state.views.disks));
    else showView(status, state.views.disks, { loading: 'Loading the storages for disks…' });
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
      const target = { bus, index, storage, size, iothread, ssd }[m?.[2] ?? ''];
      form.focus(target ?? list);
    },
    destroy: () => sf.destroy(),
  };
}
