/**
 * The OS step: installation media (ISO image, physical drive, none), the ISO storage and image
 * (the latest NixOS minimal ISO preselected; type to filter 10,000 images), and the guest OS
 * type and version.
 */
import type { OsData } from '../lib/loaders';
import type { OsSettings } from '../lib/model/config';
import { MEDIA_KINDS, OS_TYPES, OS_VERSIONS } from '../lib/model/options';
import type { WizardState } from '../lib/wizard/machine';
import type { SelectField, SelectOption } from '../widgets/select-field';
import { choices, type FieldDescriptor } from './fields';
import { formatBytes } from './format';
import { withKept } from './kept-choice';
import { createFormStep } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
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

/** The OS step's fields; `storageChosen` lists the images of a newly chosen storage. */
export function osFields(
  storageChosen: (storage: string) => void,
): FieldDescriptor<OsSettings, OsData>[] {
  return [
    { kind: 'select', key: 'media', label: 'Installation media', options: choices(MEDIA_KINDS) },
    {
      kind: 'select',
      key: 'isoStorage',
      label: 'ISO storage',
      emptyText: 'No storage for ISO images on this node',
      options: ({ data, values }) => {
        const storages = (data?.storages ?? []).map((s) => ({
          value: s.storage,
          label: s.storage,
          detail: s.avail !== undefined ? `${formatBytes(s.avail)} free` : undefined,
        }));
        return data ? withKept(storages, values.isoStorage, 'not on this node') : storages;
      },
      write: (isoStorage) => ({ isoStorage, iso: '' }),
      after: storageChosen,
      enabled: ({ values }) => values.media === 'iso',
    },
    // Its options are the images of the storage last listed (the screen lists them).
    {
      kind: 'select',
      key: 'iso',
      label: 'ISO image',
      placeholder: 'No ISO chosen',
      maxRows: 12,
      wide: true,
      enabled: ({ values }) => values.media === 'iso',
    },
    // The model picks the version that goes with a new type.
    { kind: 'select', key: 'osType', label: 'Guest OS type', options: choices(OS_TYPES) },
    {
      kind: 'select',
      key: 'osVersion',
      label: 'Version',
      options: ({ values }) => [...OS_VERSIONS[values.osType]],
      dependsOn: ['osType'],
    },
  ];
}

function showStatus(ctx: StepContext, state: WizardState): void {
  const { status } = ctx;
  const view = state.views.os;
  const data = state.data.os as OsData | undefined;
  const os = state.config.os;
  const problem = serverProblem(state, 'os');
  if (problem) status.set('warning', problem);
  else if (view?.status === 'ready' && data?.notice)
    status.set('warning', withNote(data.notice, view));
  else if (
    view?.status === 'ready' &&
    !os.iso &&
    os.media === 'iso' &&
    data &&
    data.isos.length > 0
  )
    status.set('info', 'No NixOS minimal ISO found: choose an image');
  else showView(status, view, { loading: 'Loading ISO storages and images…' });
}

export function createOsScreen(ctx: StepContext, port: OsPort): StepScreen {
  const { screen, status } = ctx;
  let listedStorage = '';
  let loadingStorage: string | undefined;
  let iso: SelectField | undefined;
  let config = () => ctx.state.config;

  /** While another storage's images load, the image list waits for them. */
  const holdIso = () => {
    if (loadingStorage !== undefined) iso?.setDisabled(true);
  };

  function showIsos(list: IsoEntry[], from: string) {
    const chosen = config().os.iso;
    listedStorage = from;
    iso?.setOptions(withKept(isoOptions(list), chosen, `not on ${from}`, fileOf(chosen)), chosen);
    iso?.setHint(
      list.length === 0 ? `No ISO images on ${from}` : `${list.length} images; type to filter`,
    );
  }

  /** Reload the ISO list for another storage; an answer for a storage already left is dropped. */
  async function listIsos(target: string) {
    loadingStorage = target;
    holdIso();
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
      const reason = err instanceof Error ? err.message : String(err);
      status.set('error', `Could not list ISO images on ${target}: ${reason}`);
    }
    iso?.setDisabled(config().os.media !== 'iso');
    screen.render();
  }

  const step = createFormStep(
    ctx,
    'os',
    osFields((storage) => void listIsos(storage)),
    {
      reload: true,
      data: (state) => state.data.os as OsData | undefined,
      status: (state, { sf, bound }) => {
        config = sf.config;
        iso = bound.widget('iso') as SelectField;
        const data = state.data.os as OsData | undefined;
        if (data && data.storage !== listedStorage && loadingStorage === undefined)
          showIsos(data.isos, data.storage);
        holdIso();
        if (loadingStorage === undefined) showStatus(ctx, state);
      },
    },
  );
  // Let go of the list being loaded: its answer finds the screen gone.
  return {
    ...step.view,
    destroy: () => {
      loadingStorage = undefined;
      step.view.destroy();
    },
  };
}
