import { Button } from '../../widgets/button';
import { Dialog } from '../../widgets/dialog';
import { TextField } from '../../widgets/text-field';
import { formHarness, type FormHarness } from '../support/widgets';

let t: FormHarness;
afterEach(() => t.h.destroy());

function fields(n: number): TextField[] {
  return Array.from({ length: n }, (_, i) =>
    t.form.add(new TextField(t.screen, { label: `F${i + 1}` })),
  );
}

describe('focus movement', () => {
  beforeEach(() => {
    t = formHarness({ cols: 40, rows: 20 });
  });

  it('Tab/Down go forward, Shift-Tab/Up go back, both wrap around', async () => {
    const [a, b, c] = fields(3);
    t.form.focus(a);
    await t.h.press('tab');
    expect(t.form.focused).toBe(b);
    await t.h.press('down');
    expect(t.form.focused).toBe(c);
    await t.h.press('tab');
    expect(t.form.focused).toBe(a);
    await t.h.press('S-tab');
    expect(t.form.focused).toBe(c);
    await t.h.press('up');
    expect(t.form.focused).toBe(b);
  });

  it('Enter confirms a field and moves on, or runs the field’s own Enter action', async () => {
    let submitted = 0;
    const a = t.form.add(new TextField(t.screen, { label: 'User' }));
    const b = t.form.add(new TextField(t.screen, { label: 'Password', mask: true }), {
      onEnter: () => submitted++,
    });
    t.form.focus(a);
    await t.h.press('enter');
    expect(t.form.focused).toBe(b);
    await t.h.press('enter');
    expect(submitted).toBe(1);
    expect(t.form.focused).toBe(b);
  });

  it('Left/Right move between the buttons of a row; clicks focus', async () => {
    const [back, next] = t.form.addButtons([
      new Button(t.screen, { label: 'Back' }),
      new Button(t.screen, { label: 'Next' }),
    ]);
    t.form.focus(back);
    await t.h.press('right');
    expect(t.form.focused).toBe(next);
    await t.h.press('left');
    expect(t.form.focused).toBe(back);
  });
});

describe('layout', () => {
  it('stacks fields 3 rows apart in one column below 96 columns', async () => {
    t = formHarness({ cols: 80, rows: 24 });
    fields(3);
    await t.h.render();
    const lines = t.h.lines();
    expect([0, 3, 6].map((y) => lines[y]!.slice(0, 8))).toEqual([
      '┌─ F1 ──',
      '┌─ F2 ──',
      '┌─ F3 ──',
    ]);
    expect(lines[0]!.endsWith('┐')).toBe(true);
  });

  it('uses two columns from 96 columns on; wide cells take a row', async () => {
    t = formHarness({ cols: 120, rows: 40 });
    const [, , c] = fields(3);
    t.form.add(new TextField(t.screen, { label: 'Wide' }), { wide: true });
    await t.h.render();
    const lines = t.h.lines();
    expect(lines[0]!.slice(0, 6)).toBe('┌─ F1 ');
    expect(lines[0]!.slice(61, 67)).toBe('┌─ F2 ');
    expect(lines[3]!.slice(0, 6)).toBe('┌─ F3 ');
    expect(lines[6]!.slice(0, 8)).toBe('┌─ Wide ');
    expect(lines[6]!.length).toBe(120);
    expect(c!.el.width).toBe(59);
  });

  it('scrolls to keep the focused field visible and says what is hidden', async () => {
    t = formHarness({ cols: 40, rows: 10 });
    const all = fields(6);
    t.form.focus(all[0]);
    await t.h.render();
    expect(t.h.lines()[9]).toContain('more rows: 3 below');
    await t.h.press('tab', 'tab', 'tab');
    const lines = t.h.lines();
    expect(lines[0]!.slice(0, 6)).toBe('┌─ F2 ');
    expect(lines[6]!.slice(0, 6)).toBe('┌─ F4 ');
    expect(lines[9]).toContain('more rows: 1 above, 2 below');
    await t.h.press('S-tab', 'S-tab', 'S-tab');
    expect(t.h.lines()[0]!.slice(0, 6)).toBe('┌─ F1 ');
  });

  it('keeps the focused field visible when the body shrinks under it', async () => {
    t = formHarness({ cols: 40, rows: 10 });
    const all = fields(3);
    t.form.focus(all[2]);
    await t.h.render();
    expect(t.h.lines()[6]!.slice(0, 6)).toBe('┌─ F3 ');
    // E.g. the status area grew by two rows to show a message whole.
    t.form.body.bottom = 3;
    await t.h.render();
    expect(t.h.lines()[3]!.slice(0, 6)).toBe('┌─ F3 ');
    expect(t.h.lines()[6]).toContain('more rows: 1 above');
  });

  it('lays out again on resize, keeping values and focus', async () => {
    t = formHarness({ cols: 80, rows: 24 });
    const [a, b] = fields(2);
    t.form.focus(b);
    await t.h.type('kept');
    await t.h.resize(120, 30);
    expect(t.h.lines()[0]!.slice(61, 67)).toBe('┌─ F2 ');
    expect(t.h.lines()[1]).toContain('kept');
    expect(t.form.focused).toBe(b);
    await t.h.resize(80, 24);
    expect(t.h.lines()[3]!.slice(0, 6)).toBe('┌─ F2 ');
    expect(a!.value).toBe('');
  });
});

describe('dialog', () => {
  it('takes the focus, moves between buttons, Esc presses cancel, focus comes back', async () => {
    t = formHarness({ cols: 60, rows: 20 });
    const [a] = fields(1);
    t.form.focus(a);
    const chosen: string[] = [];
    const d = new Dialog(t.screen, {
      title: 'Quit pvevm?',
      lines: ['What you entered will be lost.'],
      buttons: [
        { label: 'Keep working', onPress: () => chosen.push('stay') },
        { label: 'Quit', onPress: () => chosen.push('quit') },
      ],
      cancel: 0,
    });
    await t.h.settle();
    expect(t.h.text()).toContain('Quit pvevm?');
    expect(t.h.text()).toContain('What you entered will be lost.');
    await t.h.press('right', 'escape');
    expect(chosen).toEqual(['stay']);
    expect(d.isOpen).toBe(false);
    expect(t.form.focused).toBe(a);
    expect(t.h.text()).not.toContain('Quit pvevm?');
  });

  it('with a field: typed into first, Tab and Shift-Tab go round field and buttons, Enter presses the first', async () => {
    t = formHarness({ cols: 60, rows: 20 });
    const [a] = fields(1);
    t.form.focus(a);
    const saved: string[] = [];
    const file = new TextField(t.screen, { label: 'File' });
    new Dialog(t.screen, {
      title: 'Save',
      lines: ['Where to?'],
      field: file,
      buttons: [
        { label: 'Save', onPress: () => saved.push(file.value) },
        { label: 'Cancel', onPress: () => saved.push('cancelled') },
      ],
    });
    await t.h.settle();
    await t.h.type('vm.json');
    // Round the ring and back into the field, which keeps what was typed.
    await t.h.press('tab', 'tab', 'tab');
    await t.h.type('x');
    await t.h.press('S-tab', 'S-tab', 'tab', 'tab');
    await t.h.type('2');
    await t.h.press('enter');
    expect(saved).toEqual(['vm.jsonx2']);
    expect(t.form.focused).toBe(a);
  });
});

describe('hidden cells (advanced fields while Advanced is off)', () => {
  it('take no row and no focus stop; shown again they come back in place', async () => {
    t = formHarness({ cols: 80, rows: 24 });
    const [a, b, c] = fields(3);
    t.form.setHidden(b!, true);
    t.form.focus(a);
    await t.h.render();
    const tops = () => [0, 3, 6].map((y) => t.h.lines()[y]!.slice(0, 8));
    expect(tops()).toEqual(['┌─ F1 ──', '┌─ F3 ──', '        ']);
    await t.h.press('tab');
    expect(t.form.focused).toBe(c);
    t.form.setHidden(b!, false);
    await t.h.render();
    expect(tops()).toEqual(['┌─ F1 ──', '┌─ F2 ──', '┌─ F3 ──']);
    await t.h.press('S-tab');
    expect(t.form.focused).toBe(b);
  });

  it('hiding the focused cell moves the focus on', async () => {
    t = formHarness({ cols: 80, rows: 24 });
    const [a, b] = fields(2);
    t.form.focus(a);
    t.form.setHidden(a!, true);
    expect(t.form.focused).toBe(b);
    expect(t.form.isHidden(a!)).toBe(true);
  });
});
