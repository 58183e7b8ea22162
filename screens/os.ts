/**
 * The OS step: installation media (ISO image, physical drive, none), the ISO storage and image
 * (the latest NixOS minimal ISO preselected; type to filter 10,000 images), and the guest OS
 * type and version.
 */
import type { OsData } from '../lib/wizard/step-data';
import type { OsSettings } from '../lib/model/config';
import { MEDIA_KINDS, OS_TYPES, OS_VERSIONS } from '../lib/model/options';
import { osDefaultsNote, virtioDriversDrive, virtioDriversOffered } from '../lib/model/os-defaults';
import { archAllows } from '../lib/model/os-defaults-arch';
import type { WizardState } from '../lib/wizard/machine';
import type { SelectField } from '../widgets/select-field';
import { choices, type FieldDescriptor } from './fields';
import type { BoundFields } from './form-binder';
import { IsoList, type OsPort } from './iso-list';
import { createFormStep } from './step-form';
import { storageHint, storageOptions } from './storage-choice';
import type { StepContext, StepScreen } from './step-screen';
import { serverProblem, showView, withNote } from './view-status';

export type { IsoEntry, OsPort } from './iso-list';

/** pve-manager OSPanel.js: a second CD/DVD drive (ide0) for Windows, with the drivers ISO. */
const VIRTIO_DRIVERS_FIELDS: FieldDescriptor<OsSettings, OsData>[] = [
  {
    kind: 'toggle',
    key: 'virtioDrivers',
    label: 'Add drive for VirtIO drivers',
    hint: ({ values }) => (virtioDriversOffered(values) ? '' : 'Windows only'),
    enabled: ({ values }) => virtioDriversOffered(values),
  },
  // Its options are the images of the storage last listed, as the ISO image's.
  {
    kind: 'select',
    key: 'virtioIso',
    label: 'VirtIO drivers ISO',
    placeholder: 'No ISO chosen',
    maxRows: 12,
    wide: true,
    enabled: ({ values }) => virtioDriversDrive(values),
  },
];

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
      // The VM does not fill it: the usage now alone.
      options: ({ data, values }) => storageOptions(data?.storages, values.isoStorage),
      hint: ({ data, values }) =>
        values.media === 'iso' ? storageHint(data?.storages, values.isoStorage) : '',
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
    // The model picks the version that goes with a new type, and the defaults that go with it.
    // An aarch64 node runs Linux and Other guests only (Architecture.js `kvmOSTypes`).
    {
      kind: 'select',
      key: 'osType',
      label: 'Guest OS type',
      options: ({ values }) =>
        choices(OS_TYPES.filter((t) => archAllows(values.arch, 'osType', t.value))),
      dependsOn: ['arch'],
    },
    {
      kind: 'select',
      key: 'osVersion',
      label: 'Version',
      options: ({ values }) => [...OS_VERSIONS[values.osType]],
      dependsOn: ['osType'],
    },
    ...VIRTIO_DRIVERS_FIELDS,
  ];
}

function showStatus(ctx: StepContext, state: WizardState): void {
  const { status } = ctx;
  const view = state.views.os;
  const data = state.data.os;
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
  else if (view?.status === 'ready' && osDefaultsNote(state.config))
    status.set('info', osDefaultsNote(state.config) as string);
  else showView(status, view, { loading: 'Loading ISO storages and images…' });
}

export function createOsScreen(ctx: StepContext, port: OsPort): StepScreen {
  let bound: BoundFields | undefined;
  let config = () => ctx.state.config;
  const isos = new IsoList(
    ctx,
    port,
    () => bound?.widget('iso') as SelectField,
    () => config(),
    () => bound?.widget('virtioIso') as SelectField,
  );
  const step = createFormStep(
    ctx,
    'os',
    osFields((storage) => void isos.load(storage)),
    {
      reload: true,
      data: (state) => state.data.os,
      status: (state, formStep) => {
        ({ bound } = formStep);
        config = formStep.sf.config;
        isos.adopt(state.data.os);
        if (!isos.busy) showStatus(ctx, state);
      },
    },
  );
  return {
    ...step.view,
    destroy: () => {
      isos.stop();
      step.view.destroy();
    },
  };
}
