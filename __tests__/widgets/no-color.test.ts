/**
 * NO_COLOR: no colour at all, yet focus and selection show on every widget kind, by inverse
 * (focused label, highlighted row, focused button, cursor) and underline/bold markers.
 */
import { Button } from '../../widgets/button';
import { Dialog } from '../../widgets/dialog';
import type { Focusable } from '../../widgets/field';
import { SelectField } from '../../widgets/select-field';
import { TagListField } from '../../widgets/tag-list-field';
import { NumberField, TextField } from '../../widgets/text-field';
import { ToggleField } from '../../widgets/toggle-field';
import { formHarness, isInverseAt, type FormHarness } from '../support/widgets';

let t: FormHarness;
beforeEach(() => {
  t = formHarness({ cols: 40, rows: 16, env: { LANG: 'C.UTF-8', NO_COLOR: '1' } });
});
afterEach(() => t.h.destroy());

/** Cells of the text `word` on row y that are drawn inverse. */
function inverseCells(word: string, y: number): number {
  const x = t.h.lines()[y]!.indexOf(word);
  expect(x).toBeGreaterThanOrEqual(0);
  return [...word].filter((_, i) => isInverseAt(t.h, x + i, y)).length;
}

/** No cell of the screen has a colour of its own. */
function colourCells(): number {
  const buffer = t.h.term.buffer.active;
  let n = 0;
  for (let y = 0; y < t.h.term.rows; y++) {
    for (let x = 0; x < t.h.term.cols; x++) {
      const cell = buffer.getLine(y)?.getCell(x);
      if (cell && (!cell.isFgDefault() || !cell.isBgDefault())) n++;
    }
  }
  return n;
}

const options = [
  { value: 'pve1', label: 'pve1' },
  { value: 'pve2', label: 'pve2' },
];

const kinds: [string, () => Focusable][] = [
  ['text', () => new TextField(t.screen, { label: 'Name', value: 'web' })],
  ['number', () => new NumberField(t.screen, { label: 'Cores', value: '2', min: 1 })],
  ['password', () => new TextField(t.screen, { label: 'Password', mask: true })],
  ['select', () => new SelectField(t.screen, { label: 'Node', options, value: 'pve1' })],
  ['toggle', () => new ToggleField(t.screen, { label: 'Agent', value: true })],
  ['tag list', () => new TagListField(t.screen, { label: 'Tags', value: ['db'] })],
  ['button', () => new Button(t.screen, { label: 'Add disk' })],
];

describe.each(kinds)('focused %s', (_kind, make) => {
  it('has its label (or caption) drawn inverse; unfocused, it has not', async () => {
    const field = t.form.add(make());
    const other = t.form.add(new TextField(t.screen, { label: 'Other' }));
    const label = (field as unknown as { label: string }).label;
    t.form.focus(field);
    await t.h.render();
    expect(inverseCells(label, (field.el.atop as number) + (field instanceof Button ? 1 : 0))).toBe(
      label.length,
    );
    t.form.focus(other);
    await t.h.render();
    expect(inverseCells(label, (field.el.atop as number) + (field instanceof Button ? 1 : 0))).toBe(
      0,
    );
    expect(colourCells()).toBe(0);
  });
});

it('an open list shows its highlighted row inverse, the others not', async () => {
  const node = t.form.add(new SelectField(t.screen, { label: 'Node', options, value: 'pve1' }));
  t.form.focus(node);
  await t.h.render();
  await t.h.press('space');
  const row = (name: string) => t.h.lines().findIndex((l) => l.includes(` ${name} `));
  expect(inverseCells('pve1', row('pve1'))).toBe(4);
  expect(inverseCells('pve2', row('pve2'))).toBe(0);
  await t.h.press('down');
  expect(inverseCells('pve1', row('pve1'))).toBe(0);
  expect(inverseCells('pve2', row('pve2'))).toBe(4);
  expect(colourCells()).toBe(0);
});

it('a dialog shows its focused button inverse', async () => {
  new Dialog(t.screen, {
    title: 'Quit?',
    lines: ['Leave pvevm?'],
    buttons: [
      { label: 'Stay', onPress: () => undefined },
      { label: 'Quit', onPress: () => undefined },
    ],
  });
  await t.h.render();
  const row = t.h.lines().findIndex((l) => l.includes('Stay'));
  expect(inverseCells('Stay', row)).toBe(4);
  expect(inverseCells('Quit', row)).toBe(0);
  await t.h.press('tab');
  expect(inverseCells('Stay', row)).toBe(0);
  expect(inverseCells('Quit', row)).toBe(4);
});
