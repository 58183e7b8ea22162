/**
 * Snapshots (text and PNG) of a form holding every widget kind, in its default, focused and
 * error states, at 80×24 and 120×40.
 */
import blessed from 'blessed';
import { Button } from '../../widgets/button';
import { Form } from '../../widgets/form';
import { Notice } from '../../widgets/notice';
import { ReadonlyField } from '../../widgets/readonly-field';
import { SelectField } from '../../widgets/select-field';
import { TagListField } from '../../widgets/tag-list-field';
import { NumberField, TextField } from '../../widgets/text-field';
import { ToggleField } from '../../widgets/toggle-field';
import { Harness } from '../support/harness';

function gallery(cols: number, rows: number) {
  const h = new Harness({ cols, rows });
  const s = h.screen;
  const body = blessed.box({ parent: s, top: 0, left: 1, right: 1, bottom: 1 });
  const notice = new Notice(s, { bottom: 0, left: 1, right: 1 });
  s.append(notice.el);
  const form = new Form(s, { parent: body, top: 0, left: 0, right: 0, bottom: 0 });
  const w = {
    name: form.add(new TextField(s, { label: 'Name', value: 'web-01', hint: 'DNS name' })),
    password: form.add(new TextField(s, { label: 'Password', value: 'secret', mask: true })),
    vmid: form.add(
      new NumberField(s, { label: 'VM ID', noun: 'VM ID', value: '105', min: 100, max: 999999999 }),
    ),
    node: form.add(
      new SelectField(s, {
        label: 'Node',
        value: 'pve1',
        options: [
          { value: 'pve1', label: 'pve1', detail: 'CPU 5%  Mem 12%' },
          { value: 'pve2', label: 'pve2', detail: 'offline', disabled: true },
        ],
      }),
    ),
    onboot: form.add(new ToggleField(s, { label: 'Start at boot' })),
    tags: form.add(
      new TagListField(s, { label: 'Tags', value: ['db', 'prod'], placeholder: 'none' }),
    ),
    format: form.add(new ReadonlyField(s, { label: 'Format', value: 'Raw disk image (raw)' })),
    cache: form.add(
      new SelectField(s, {
        label: 'Cache',
        disabled: true,
        options: [{ value: 'default', label: 'Default (No cache)' }],
        value: 'default',
      }),
    ),
  };
  form.addButtons([new Button(s, { label: '< Back' }), new Button(s, { label: 'Next >' })]);
  return { h, form, notice, w };
}

const sizes: [number, number][] = [
  [80, 24],
  [120, 40],
];

describe.each(sizes)('form with every widget kind at %i×%i', (cols, rows) => {
  let g: ReturnType<typeof gallery>;
  beforeEach(() => {
    g = gallery(cols, rows);
  });
  afterEach(() => g.h.destroy());

  async function snap(state: string) {
    await g.h.render();
    const id = `gallery-${state}-${cols}x${rows}`;
    expect(g.h.text()).toMatchSnapshot(id);
    expect(g.h.png()).toMatchImageSnapshot({ customSnapshotIdentifier: id });
  }

  it('default', async () => {
    g.notice.set('info', 'Every widget kind, nothing focused');
    await snap('default');
  });

  it('focused', async () => {
    g.form.focus(g.w.name);
    g.notice.set('loading', 'Loading nodes, pools and tags…');
    await snap('focused');
  });

  it('error', async () => {
    g.w.vmid.setError('VM ID 105 is already in use');
    g.w.name.setError('Name must be a DNS name');
    g.form.focus(g.w.vmid);
    g.notice.set('error', 'Fix the 2 marked fields to go on');
    await snap('error');
  });

  it('select open', async () => {
    g.form.focus(g.w.node);
    await g.h.press('space');
    await snap('select-open');
  });
});
