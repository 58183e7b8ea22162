/**
 * The text usage bar in a select's option rows and value row: normal, nearly full (warning),
 * overfill (error) and unknown (a dash), on light and dark (text + PNG), and in ASCII.
 */
import blessed from 'blessed';
import { Form } from '../../widgets/form';
import { SelectField, type SelectOption } from '../../widgets/select-field';
import { barCells, usageFigure, usageText, type Usage } from '../../widgets/usage-bar';
import { createTheme } from '../../widgets/theme';
import { Harness } from '../support/harness';
import { DARK, LIGHT } from '../support/xterm-palette';

const OPTIONS: SelectOption[] = [
  {
    value: 'local-lvm',
    label: 'local-lvm',
    detail: 'lvmthin  29.0 GiB free',
    shortDetail: '29.0 GiB free',
    usage: { now: 0.71, after: 0.72, change: true },
  },
  {
    value: 'ceph-pool',
    label: 'ceph-pool',
    detail: 'rbd  8.0 GiB free',
    shortDetail: '8.0 GiB free',
    usage: { now: 0.88, after: 0.93, change: true, tone: 'warning' },
  },
  {
    value: 'small',
    label: 'small',
    detail: 'dir  1.0 GiB free',
    usage: { now: 0.95, after: 1.04, change: true, tone: 'error' },
  },
  { value: 'nfs', label: 'nfs', detail: 'nfs', usage: { change: true } },
];

const ISO: SelectOption[] = [
  { value: 'local', label: 'local', usage: { now: 0.42, change: false } },
  { value: 'cephfs', label: 'cephfs', usage: { change: false } },
];

describe('usage figures and bar cells', () => {
  const g = createTheme().glyphs;
  const ascii = createTheme({ unicode: false }).glyphs;

  it('says now → after, now alone, or a dash, each kind one width', () => {
    expect(usageFigure({ now: 0.71, after: 0.72, change: true }, g)).toBe(' 71% →  72%');
    expect(usageFigure({ now: 0.71, after: 0.72, change: true }, ascii)).toBe(' 71% ->  72%');
    expect(usageFigure({ now: 0.42, change: false }, g)).toBe(' 42%');
    expect(usageFigure({ change: true }, g)).toBe('          —');
    expect(usageFigure({ change: false }, ascii)).toBe('   -');
  });

  it('fills the used part, the added part, and stops at full', () => {
    expect(barCells({ now: 0.5, after: 0.75, change: true })).toEqual([4, 2, 2]);
    expect(barCells({ now: 0.95, after: 1.5, change: true })).toEqual([8, 0, 0]);
    expect(barCells({ now: 0.5, after: 0.75, change: false })).toEqual([4, 0, 4]);
    const over: Usage = { now: 0.5, after: 1.2, change: true };
    expect(usageText(over, ascii)).toBe('[####++++]  50% -> 120%');
    expect(usageText({ change: true }, ascii)).toBe(`${' '.repeat(11)}${'-'.padStart(12)}`);
  });
});

function draw(cols: number, env: Record<string, string>, term = 'xterm-256color') {
  const h = new Harness({ cols, rows: 14, env, term });
  const s = h.screen;
  const body = blessed.box({ parent: s, top: 0, left: 1, right: 1, bottom: 0 });
  const form = new Form(s, { parent: body, top: 0, left: 0, right: 0, bottom: 0 });
  const fields = OPTIONS.map((o) =>
    form.add(
      new SelectField(s, { label: `Storage (${o.value})`, options: OPTIONS, value: o.value }),
    ),
  );
  form.add(new SelectField(s, { label: 'ISO storage', options: ISO, value: 'local' }));
  return { h, form, fields };
}

const UTF8 = { LANG: 'C.UTF-8' };
const SCHEMES = [
  ['dark', { ...UTF8, COLORFGBG: '15;0' }, DARK],
  ['light', { ...UTF8, COLORFGBG: '0;15' }, LIGHT],
] as const;

let h: Harness | undefined;
afterEach(() => h?.destroy());

describe.each(SCHEMES)('usage bars on %s', (name, env, scheme) => {
  it.each([80, 120])('in value rows at %i columns', async (cols) => {
    const d = draw(cols, env);
    h = d.h;
    await h.render();
    const id = `usage-values-${name}-${cols}`;
    expect(h.text()).toMatchSnapshot(id);
    expect(h.png(scheme)).toMatchImageSnapshot({ customSnapshotIdentifier: id });
  });

  it('in an open list', async () => {
    const d = draw(80, env);
    h = d.h;
    d.form.focus(d.fields[0]!);
    await h.press('space');
    const id = `usage-list-${name}`;
    expect(h.text()).toMatchSnapshot(id);
    expect(h.png(scheme)).toMatchImageSnapshot({ customSnapshotIdentifier: id });
  });
});

it('in ASCII on the Linux console without a UTF-8 locale', async () => {
  const d = draw(80, { LANG: 'C' }, 'linux');
  h = d.h;
  d.form.focus(d.fields[0]!);
  await h.press('space');
  expect(h.text()).toMatchSnapshot('usage-list-ascii');
  expect(h.text()).toContain('[######--]  71% ->  72%');
  expect(h.text()).toContain('[########]  95% -> 104%');
  expect(h.text()).not.toMatch(/[█▒░→]/);
  expect(h.png()).toMatchImageSnapshot({ customSnapshotIdentifier: 'usage-list-ascii' });
});

it('drops the detail, then the bar, where the row is narrow; the figure stays', async () => {
  h = new Harness({ cols: 40, rows: 6, env: UTF8 });
  const f = new SelectField(h.screen, { label: 'S', options: OPTIONS, value: 'small', width: 36 });
  h.screen.append(f.el);
  await h.render();
  expect(h.lines()[1]).toMatch(/small +\[████████\] {2}95% → 104%/);
  expect(h.lines()[1]).not.toContain('dir');
  f.el.width = 26;
  await h.render();
  expect(h.lines()[1]).toMatch(/small\s+95% → 104%/);
});

it('without colour (NO_COLOR) an overfill or a nearly full figure is bold, a normal one not', async () => {
  const d = draw(80, { ...UTF8, NO_COLOR: '1' });
  h = d.h;
  await h.render();
  const boldAt = (text: string) => {
    const y = h!.lines().findIndex((l) => l.includes(text));
    const x = h!.lines()[y]!.indexOf(text);
    return !!h!.term.buffer.active.getLine(y)?.getCell(x)?.isBold();
  };
  expect(boldAt('95% → 104%')).toBe(true);
  expect(boldAt('88% →  93%')).toBe(true);
  expect(boldAt('71% →  72%')).toBe(false);
});
