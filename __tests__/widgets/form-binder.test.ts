/**
 * The one binder: descriptors become fields in order; edits come back as configurations; a new
 * state is written into the fields (values, options from data, enabled rules, hints, issues);
 * text is checked live by the step schema.
 */
import type { CpuSettings, VmConfig } from '../../lib/model/config';
import { updateSection } from '../../lib/model/derive';
import { initialState, type WizardState } from '../../lib/wizard/machine';
import type { FieldDescriptor } from '../../screens/fields';
import { bindFields, type BoundFields } from '../../screens/form-binder';
import type { SelectField } from '../../widgets/select-field';
import type { TextField } from '../../widgets/text-field';
import type { ReadonlyField } from '../../widgets/readonly-field';
import { formHarness, type FormHarness } from '../support/widgets';

interface Models {
  models: { value: string }[];
}

const FIELDS: FieldDescriptor<CpuSettings, Models>[] = [
  { kind: 'number', key: 'sockets', label: 'Sockets', min: 1, max: 256 },
  {
    kind: 'number',
    key: 'cores',
    label: 'Cores',
    enabled: ({ values }) => values.sockets !== '8',
    hint: ({ values }) => `with ${values.sockets} sockets`,
  },
  {
    kind: 'select',
    key: 'type',
    label: 'CPU Type',
    options: ({ data }) =>
      (data?.models.map((m) => m.value) ?? ['host']).map((m) => ({ value: m, label: m })),
  },
  { kind: 'readonly', key: 'total', label: 'Total', value: ({ values }) => `${values.cores}x` },
];

let t: FormHarness;
let state: WizardState;
let config: VmConfig;
let reported: VmConfig[];
let bound: BoundFields;
const withData = (models?: string[]): WizardState => ({
  ...state,
  config,
  data: models ? { cpu: { models: models.map((m) => ({ value: m, name: m, vendor: '' })) } } : {},
});

beforeEach(() => {
  t = formHarness({ cols: 60, rows: 20 });
  state = initialState();
  config = state.config;
  reported = [];
  bound = bindFields<CpuSettings, Models>({
    screen: t.screen,
    form: t.form,
    fields: FIELDS,
    section: 'cpu',
    values: (c) => c.cpu,
    write: (c, patch) => updateSection(c, 'cpu', patch),
    data: (s) => s.data.cpu as Models | undefined,
    config: () => config,
    change: (next) => {
      config = next;
      reported.push(next);
    },
    state,
  });
});
afterEach(() => t.h.destroy());

const widget = <W>(key: string) => bound.widget(key) as W;

it('builds the fields in the declared order, with their labels and the values', async () => {
  await t.h.render();
  const labels = t.h.lines().flatMap((l) => [...l.matchAll(/┌─ ([^─]+) ─/g)].map((m) => m[1]));
  expect(labels).toEqual(['Sockets', 'Cores', 'CPU Type', 'Total']);
  expect(widget<TextField>('sockets').value).toBe('1');
  expect(widget<SelectField>('type').value).toBe('host');
  expect(bound.first).toBe(bound.widget('sockets'));
});

it('an edit reports the configuration with the value at its key', async () => {
  t.form.focus(bound.widget('cores'));
  await t.h.press('C-u');
  await t.h.type('4');
  expect(reported.at(-1)?.cpu.cores).toBe('4');
});

it('checks typed text live with the schema’s own message', async () => {
  t.form.focus(bound.widget('sockets'));
  await t.h.press('C-u');
  await t.h.type('300');
  expect(widget<TextField>('sockets').error).toBe(
    'Sockets must be a whole number between 1 and 256',
  );
});

it('a new state writes values, options from the data, enabled rules, hints and read-only text', () => {
  config = updateSection(config, 'cpu', { sockets: '8', cores: '3', type: 'EPYC' });
  bound.update(withData(['EPYC', 'host']));
  expect(widget<TextField>('sockets').value).toBe('8');
  expect(widget<SelectField>('type').value).toBe('EPYC');
  expect(widget<SelectField>('type').visibleOptions.map((o) => o.value)).toEqual(['EPYC', 'host']);
  expect(widget<TextField>('cores').disabled).toBe(true);
  expect(widget<TextField>('cores').message?.text).toBe('with 8 sockets');
  expect(widget<ReadonlyField>('total').value).toBe('3x');
});

it('does not overwrite the text the user is editing', async () => {
  t.form.focus(bound.widget('cores'));
  await t.h.type('7');
  config = updateSection(config, 'cpu', { cores: '2' });
  bound.update(withData());
  expect(widget<TextField>('cores').value).toBe('27');
});

it('shows issues at the fields they name, and focuses a field by its path', () => {
  bound.showIssues([{ section: 'cpu', field: 'cores', message: 'Cores is wrong' }]);
  expect(widget<TextField>('cores').error).toBe('Cores is wrong');
  expect(widget<TextField>('sockets').error).toBe('');
  expect(bound.focus('type')).toBe(true);
  expect(t.form.focused).toBe(bound.widget('type'));
  expect(bound.focus('nothing')).toBe(false);
});

it('new data whose rule gives the same options keeps the list as it is (its filter too)', () => {
  const made = new WeakMap<object, { value: string; label: string }[]>();
  const cached = (models: { value: string }[]) => {
    if (!made.has(models))
      made.set(
        models,
        models.map((m) => ({ value: m.value, label: m.value })),
      );
    return made.get(models)!;
  };
  const h = formHarness({ cols: 60, rows: 8 });
  const own = bindFields<CpuSettings, Models>({
    screen: h.screen,
    form: h.form,
    fields: [
      {
        kind: 'select',
        key: 'type',
        label: 'CPU Type',
        options: ({ data }) => cached(data?.models ?? []),
      },
    ],
    section: 'cpu',
    values: (c) => c.cpu,
    write: (c, patch) => updateSection(c, 'cpu', patch),
    data: (s) => s.data.cpu as Models | undefined,
    config: () => config,
    change: () => {},
    state,
  });
  const select = own.widget('type') as SelectField;
  const models = [{ value: 'host', name: 'host', vendor: '' }];
  own.update({ ...state, data: { cpu: { models } } });
  const set = jest.spyOn(select, 'setOptions');
  // Other data arrived (a new object), the models are the same answer: the list is left alone.
  own.update({ ...state, data: { cpu: { models, defaults: undefined } as never } });
  expect(set).not.toHaveBeenCalled();
  own.update({ ...state, data: { cpu: { models: [...models] } } });
  expect(set).toHaveBeenCalledTimes(1);
  h.h.destroy();
});
