import { SelectField, type SelectOption } from '../../widgets/select-field';
import { TextField } from '../../widgets/text-field';
import { formHarness, type FormHarness } from '../support/widgets';

let t: FormHarness;
afterEach(() => t.h.destroy());

const nodes: SelectOption[] = [
  { value: 'pve1', label: 'pve1', detail: 'online' },
  { value: 'pve2', label: 'pve2', detail: 'offline', disabled: true },
  { value: 'pve3', label: 'pve3', detail: 'online' },
];

function isos(n: number): SelectOption[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `distro-${String(i).padStart(5, '0')}.iso`;
    return { value: `cephfs:iso/${name}`, label: name };
  });
}

describe('select', () => {
  beforeEach(() => {
    t = formHarness({ cols: 40, rows: 16 });
  });

  it("opens its list in a box of the same shape as a field's, drawn over the form", async () => {
    // One shape (own properties, in order) for the engine: a list opened for the first time
    // then keeps blessed's optimised drawing code (`--trace-deopt` showed it thrown away).
    const f = t.form.add(new SelectField(t.screen, { label: 'Node', options: nodes }));
    const name = t.form.add(new TextField(t.screen, { label: 'Name' }));
    t.form.focus(f);
    await t.h.press('space');
    const children = (t.screen as unknown as { children: object[] }).children;
    const list = children.at(-1)!;
    expect(list).not.toBe(name.el);
    expect(t.h.text()).toContain('pve2');
    expect(Object.keys(list)).toEqual(Object.keys(name.el));
  });

  it('shows the compact detail where the full one does not fit beside the label', async () => {
    const f = t.form.add(
      new SelectField(t.screen, {
        label: 'Node',
        value: 'a',
        options: [
          { value: 'a', label: 'a', detail: 'cpu ██░░ 50%', shortDetail: 'cpu 50%' },
          {
            value: 'b',
            label: 'a-longer-node-name-here',
            detail: 'cpu ██░░ 50%',
            shortDetail: 'cpu 50%',
          },
          {
            value: 'c',
            label: 'a-name-too-long-for-any-detail',
            detail: 'cpu ██░░ 50%',
            shortDetail: 'cpu 50%',
          },
        ],
      }),
    );
    t.form.focus(f);
    await t.h.press('space');
    expect(t.h.lines().slice(2, 5)).toEqual([
      '│ x a                     cpu ██░░ 50% │',
      '│   a-longer-node-name-here    cpu 50% │',
      '│   a-name-too-long-for-any-detail     │',
    ]);
  });

  it('opens in place with Space, moves past disabled options, chooses with Enter', async () => {
    const seen: string[] = [];
    const f = t.form.add(
      new SelectField(t.screen, {
        label: 'Node',
        options: nodes,
        value: 'pve1',
        onChange: (v) => seen.push(v),
      }),
    );
    t.form.focus(f);
    await t.h.press('space');
    expect(f.isOpen).toBe(true);
    expect(t.h.lines().slice(0, 7)).toEqual([
      '┌─ Node ───────────────────────── 3/3 ─┐',
      '│ type to filter                       │',
      '│ x pve1                        online │',
      '│   pve2                       offline │',
      '│   pve3                        online │',
      '└──────────────────────────────────────┘',
      ' '.repeat(40),
    ]);
    await t.h.press('down', 'enter');
    expect(f.isOpen).toBe(false);
    expect(f.value).toBe('pve3');
    expect(seen).toEqual(['pve3']);
    expect(t.h.lines()[1]).toBe('│ pve3                        online ▾ │');
  });

  it('Esc closes without choosing; Tab closes and moves on', async () => {
    const f = t.form.add(
      new SelectField(t.screen, { label: 'Node', options: nodes, value: 'pve1' }),
    );
    const next = t.form.add(new TextField(t.screen, { label: 'Next' }));
    t.form.focus(f);
    await t.h.press('space', 'down', 'down', 'escape');
    expect(f.value).toBe('pve1');
    expect(f.isOpen).toBe(false);
    await t.h.press('space', 'tab');
    expect(f.isOpen).toBe(false);
    expect(t.form.focused).toBe(next);
  });

  it('typing opens the list filtered; Backspace widens it again', async () => {
    const f = t.form.add(new SelectField(t.screen, { label: 'Node', options: nodes }));
    t.form.focus(f);
    await t.h.type('3');
    expect(f.isOpen).toBe(true);
    expect(f.visibleOptions.map((o) => o.value)).toEqual(['pve3']);
    expect(t.h.lines()[1]).toContain('/3');
    await t.h.press('backspace');
    expect(f.visibleOptions).toHaveLength(3);
    await t.h.type('zzz');
    expect(t.h.lines()[2]).toContain('No matches');
    await t.h.press('enter');
    expect(f.value).toBe('');
  });

  it('says so when there is nothing to choose from', async () => {
    const f = t.form.add(
      new SelectField(t.screen, {
        label: 'Pool',
        options: [],
        emptyText: 'No pools on this cluster',
      }),
    );
    t.form.focus(f);
    await t.h.press('space');
    expect(t.h.lines()[2]).toContain('No pools on this cluster');
  });

  it('clears an error once a value is chosen', async () => {
    const f = t.form.add(new SelectField(t.screen, { label: 'Node', options: nodes }));
    f.setError('Choose a node');
    t.form.focus(f);
    await t.h.press('space', 'enter');
    expect(f.error).toBe('');
    expect(f.value).toBe('pve1');
  });
});

describe('select with 10,000 options', () => {
  beforeEach(() => {
    t = formHarness({ cols: 60, rows: 20 });
  });

  it('filters as you type and renders only the visible rows', async () => {
    const f = t.form.add(new SelectField(t.screen, { label: 'ISO image', options: isos(10000) }));
    t.form.focus(f);
    await t.h.press('space');
    expect(t.h.lines()[0]).toContain('10000/10000');
    const rows = t.h.lines().filter((l) => l.includes('distro-'));
    expect(rows).toHaveLength(9);
    const before = t.h.bytesWritten;
    await t.h.type('0999');
    expect(f.visibleOptions.map((o) => o.label)).toEqual([
      'distro-00999.iso',
      'distro-09990.iso',
      'distro-09991.iso',
      'distro-09992.iso',
      'distro-09993.iso',
      'distro-09994.iso',
      'distro-09995.iso',
      'distro-09996.iso',
      'distro-09997.iso',
      'distro-09998.iso',
      'distro-09999.iso',
    ]);
    expect(t.h.lines()[0]).toContain('11/10000');
    // Only what changed on screen is sent, not the list.
    expect(t.h.bytesWritten - before).toBeLessThan(4000);
  });

  it('scrolls the highlight through the list with Down, PageDown and End', async () => {
    const f = t.form.add(new SelectField(t.screen, { label: 'ISO image', options: isos(10000) }));
    t.form.focus(f);
    await t.h.press('space');
    for (let i = 0; i < 12; i++) await t.h.press('down');
    let rows = t.h.lines().filter((l) => l.includes('distro-'));
    expect(rows[0]).toContain('distro-00004.iso');
    expect(rows[8]).toContain('distro-00012.iso');
    await t.h.press('pagedown');
    rows = t.h.lines().filter((l) => l.includes('distro-'));
    expect(rows[8]).toContain('distro-00020.iso');
    await t.h.press('end', 'enter');
    expect(f.value).toBe('cephfs:iso/distro-09999.iso');
    await t.h.press('space', 'home', 'enter');
    expect(f.value).toBe('cephfs:iso/distro-00000.iso');
  });
});
