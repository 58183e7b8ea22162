/**
 * The OS step: installation media (ISO image, physical drive, none), the ISO storage and image
 * (the latest NixOS minimal ISO preselected; type to filter 10,000 images), and the guest OS
 * type and version.
 */
import { updateSection } from '../lib/model/derive';
import type { OsSettings, VmConfig } from '../lib/model/config';
import {
  MEDIA_KINDS,
  OS_TYPES,
  OS_VERSIONS,
  type MediaKind,
  type OsType,
} from '../lib/model/options';
import { serverIssues, type WizardState } from '../lib/wizard/machine';
import { Button } from '../widgets/button';
import { Form } from '../widgets/form';
import { SelectField, type SelectOption } from '../widgets/select-field';
import { formatBytes } from './format';
import type { StepContext, StepScreen } from './step-screen';
import { withKept } from './kept-choice';
import { serverProblem, showView, withNote } from './view-status';

export interface IsoEntry {
  volid: string;
  size: number;
}

export interface OsPort {
  isoImages(storage: string): Promise<IsoEntry[]>;
}

const fileOf = (volid: string) => volid.slice(volid.indexOf('/') + 1);

function isoOptions(isos: readonly IsoEntry[]): SelectOption[] {
  return isos.map((i) => ({ value: i.volid, label: fileOf(i.volid), detail: formatBytes(i.size) }));
}

export function createOsScreen(ctx: StepContext, port: OsPort): StepScreen {
  const { screen, parent, status } = ctx;
  let state = ctx.state;
  let config: VmConfig = state.config;
  let listedStorage = '';
  let loadingStorage: string | undefined;
  const form = new Form(screen, { parent, top: 0, left: 0, right: 0, bottom: 0 });

  const change = (patch: Partial<OsSettings>) => {
    config = updateSection(config, 'os', patch);
    ctx.dispatch({ type: 'changed', config });
  };

  const o = config.os;
  const media = form.add(
    new SelectField(screen, {
      label: 'Installation media',
      options: MEDIA_KINDS.map((m) => ({ value: m.value, label: m.label })),
      value: o.media,
      onChange: (value) => {
        change({ media: value as MediaKind });
        enableIso();
      },
    }),
  );
  const storage = form.add(
    new SelectField(screen, {
      label: 'ISO storage',
      value: o.isoStorage,
      emptyText: 'No storage for ISO images on this node',
      onChange: (value) => {
        change({ isoStorage: value, iso: '' });
        void listIsos(value);
      },
    }),
  );
  const iso = form.add(
    new SelectField(screen, {
      label: 'ISO image',
      value: o.iso,
      placeholder: 'No ISO chosen',
      maxRows: 12,
      onChange: (value) => change({ iso: value }),
    }),
    { wide: true },
  );
  const type = form.add(
    new SelectField(screen, {
      label: 'Guest OS type',
      options: OS_TYPES.map((t) => ({ value: t.value, label: t.label })),
      value: o.osType,
      onChange: (value) => {
        // The model picks the version that goes with the type.
        change({ osType: value as OsType });
        const { osType, osVersion } = config.os;
        version.setOptions([...OS_VERSIONS[osType]], osVersion);
      },
    }),
  );
  const version = form.add(
    new SelectField(screen, {
      label: 'Version',
      options: [...OS_VERSIONS[o.osType]],
      value: o.osVersion,
      onChange: (value) => change({ osVersion: value }),
    }),
  );
  const reload = new Button(screen, {
    label: 'Reload',
    onPress: () => ctx.dispatch({ type: 'retry', step: 'os' }),
  });
  form.addButtons([
    new Button(screen, { label: '< Back', onPress: () => ctx.dispatch({ type: 'back' }) }),
    new Button(screen, { label: 'Next >', onPress: () => ctx.dispatch({ type: 'next' }) }),
    reload,
  ]);

  function enableIso() {
    const on = config.os.media === 'iso';
    storage.setDisabled(!on);
    iso.setDisabled(!on || loadingStorage !== undefined);
  }

  function showIsos(list: IsoEntry[], from: string) {
    listedStorage = from;
    iso.setOptions(
      withKept(isoOptions(list), config.os.iso, `not on ${from}`, fileOf(config.os.iso)),
      config.os.iso,
    );
    iso.setHint(
      list.length === 0 ? `No ISO images on ${from}` : `${list.length} images; type to filter`,
    );
  }

  /** Reload the ISO list for another storage; an answer for a storage already left is dropped. */
  async function listIsos(target: string) {
    loadingStorage = target;
    enableIso();
    status.set('loading', `Loading ISO images on ${target}…`);
    screen.render();
    try {
      const list = await ctx.track(port.isoImages(target));
      if (loadingStorage !== target) return;
      loadingStorage = undefined;
      showIsos(list, target);
      if (list.length === 0) status.set('empty', `No ISO images on ${target}`);
      else status.clear();
    } catch (err) {
      if (loadingStorage !== target) return;
      loadingStorage = undefined;
      status.set(
        'error',
        `Could not list ISO images on ${target}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    enableIso();
    screen.render();
  }

  const update = (next: WizardState) => {
    state = next;
    config = next.config;
    const data = next.data.os;
    if (data) {
      storage.setOptions(
        withKept(
          data.storages.map((s) => ({
            value: s.storage,
            label: s.storage,
            detail: s.avail !== undefined ? `${formatBytes(s.avail)} free` : undefined,
          })),
          config.os.isoStorage,
          'not on this node',
        ),
        config.os.isoStorage,
      );
      if (data.storage !== listedStorage && loadingStorage === undefined)
        showIsos(data.isos, data.storage);
    }
    iso.setValue(config.os.iso);
    const issues = [...next.issues, ...serverIssues(next)];
    for (const [field, widget] of Object.entries({
      media,
      isoStorage: storage,
      iso,
      osType: type,
      osVersion: version,
    })) {
      const issue = issues.find((i) => i.section === 'os' && i.field === field);
      if (issue) widget.setError(issue.message);
    }
    enableIso();
    reload.setDisabled(next.views.os?.status === 'loading');
    if (loadingStorage === undefined) {
      const view = next.views.os;
      const problem = serverProblem(next, 'os');
      if (problem) status.set('warning', problem);
      else if (view?.status === 'ready' && data?.notice)
        status.set('warning', withNote(data.notice, view));
      else if (
        view?.status === 'ready' &&
        !config.os.iso &&
        config.os.media === 'iso' &&
        data &&
        data.isos.length > 0
      ) {
        status.set('info', 'No NixOS minimal ISO found: choose an image');
      } else showView(status, view, { loading: 'Loading ISO storages and images…' });
    }
  };

  update(state);
  form.focus(media);
  return {
    update,
    focusField: (field) => {
      const target = { media, isoStorage: storage, iso, osType: type, osVersion: version }[field];
      if (target) form.focus(target);
    },
    destroy: () => {
      loadingStorage = undefined;
      for (const child of parent.children.slice()) child.destroy();
    },
  };
}
