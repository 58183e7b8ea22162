/**
 * Tags in their own colours (text and PNG, dark and light): the tag field and a list of tags,
 * each tag on its colour's nearest palette entry with text that reads 3:1 — on 256 colours,
 * on the Linux console's 8, and as `[tag]` without colour (NO_COLOR).
 */
import { SelectField } from '../../widgets/select-field';
import { TagListField } from '../../widgets/tag-list-field';
import { TextView } from '../../widgets/text-view';
import type { ChipColor } from '../../widgets/palette';
import { lowContrastCells } from '../support/contrast';
import { formHarness, type FormHarness } from '../support/widgets';
import { DARK, LIGHT } from '../support/xterm-palette';

/** The demo cluster's map, a colour whose text would not read, and a tag with none. */
const COLORS: Record<string, ChipColor> = {
  prod: { bg: [0xc6, 0x28, 0x28], fg: [255, 255, 255] },
  db: { bg: [0x15, 0x65, 0xc0], fg: [255, 255, 255] },
  web: { bg: [0x2e, 0x7d, 0x32], fg: [255, 255, 255] },
  k8s: { bg: [0xff, 0xd5, 0x4f], fg: [0, 0, 0] },
  // White text on pink (the web UI's pick for `db` by name): black is drawn instead.
  pink: { bg: [240, 121, 120], fg: [255, 255, 255] },
};
const TAGS = ['prod', 'db', 'web', 'k8s', 'pink', 'plain'];

const KINDS = {
  '256': { term: 'xterm-256color', env: { LANG: 'C.UTF-8' } },
  linux: { term: 'linux', env: { LANG: 'C' } },
  'no-color': { term: 'xterm-256color', env: { LANG: 'C.UTF-8', NO_COLOR: '1' } },
} as const;
type Kind = keyof typeof KINDS;

let t: FormHarness;
afterEach(() => t.h.destroy());

function draw(kind: Kind) {
  t = formHarness({ cols: 60, rows: 12, ...KINDS[kind] });
  const field = t.form.add(
    new TagListField(t.screen, { label: 'Tags', value: TAGS, color: (tag) => COLORS[tag] }),
  );
  const picker = t.form.add(
    new SelectField(t.screen, {
      label: 'Add a cluster tag',
      placeholder: "choose one of the cluster's tags",
      options: TAGS.map((tag) => ({ value: tag, label: tag, color: COLORS[tag] })),
    }),
  );
  return { field, picker };
}

async function snap(kind: Kind, state: string) {
  await t.h.render();
  const id = `tag-colors-${state}-${kind}`;
  expect(t.h.text()).toMatchSnapshot(id);
  expect(t.h.png(DARK)).toMatchImageSnapshot({ customSnapshotIdentifier: `${id}-dark` });
  expect(t.h.png(LIGHT)).toMatchImageSnapshot({ customSnapshotIdentifier: `${id}-light` });
  for (const scheme of [DARK, LIGHT]) expect(lowContrastCells(t.h.term, scheme)).toEqual([]);
}

/** The palette background of the first cell of `word` on row y (-1: the terminal's own). */
function bgOf(word: string, y: number): number {
  const x = t.h.lines()[y]!.indexOf(word);
  expect(x).toBeGreaterThanOrEqual(0);
  const cell = t.h.term.buffer.active.getLine(y)!.getCell(x)!;
  return cell.isBgDefault() ? -1 : cell.getBgColor();
}

describe.each(Object.keys(KINDS) as Kind[])('%s', (kind) => {
  it('the tag field', async () => {
    draw(kind);
    await snap(kind, 'field');
  });

  it('the list of tags, open', async () => {
    const { picker } = draw(kind);
    t.form.focus(picker);
    await t.h.press('space');
    await snap(kind, 'list');
  });
});

it('256 colours: each tag on its nearest colour; unreadable text becomes black', async () => {
  draw('256');
  await t.h.render();
  expect(['prod', 'db', 'web', 'k8s', 'pink'].map((tag) => bgOf(tag, 1))).toEqual([
    160, 25, 29, 221, 210,
  ]);
  const pink = t.h.lines()[1]!.indexOf('pink');
  expect(t.h.term.buffer.active.getLine(1)!.getCell(pink)!.getFgColor()).toBe(16);
  // A tag without a colour is the theme's chip.
  expect(bgOf('plain', 1)).toBe(248);
});

it('the Linux console: 8 colours', async () => {
  draw('linux');
  await t.h.render();
  expect(['prod', 'db', 'web', 'k8s'].map((tag) => bgOf(tag, 1))).toEqual([1, 4, 2, 3]);
});

it('NO_COLOR: coloured tags in brackets, no colour anywhere', async () => {
  draw('no-color');
  await t.h.render();
  expect(t.h.lines()[1]).toContain('[prod] [db] [web] [k8s] [pink]');
  expect(['prod', 'db', 'k8s'].map((tag) => bgOf(tag, 1))).toEqual([-1, -1, -1]);
});

describe('a summary line of tags (Confirm)', () => {
  function view(kind: Kind, width: number) {
    t = formHarness({ cols: width, rows: 5, ...KINDS[kind] });
    const v = new TextView(t.screen, {
      parent: t.screen,
      title: 'Summary',
      top: 0,
      left: 0,
      right: 0,
      height: 4,
    });
    v.setLines([
      { text: '  Tags   ', chips: TAGS.map((tag) => ({ text: tag, color: COLORS[tag] })) },
      { text: '  Name   web-01' },
    ]);
    return v;
  }

  it('each tag in its colour; those that do not fit go on under the first', async () => {
    view('256', 40);
    await t.h.render();
    expect(t.h.lines()[1]).toBe('│   Tags    prod   db   web   k8s      │');
    expect(t.h.lines()[2]).toBe('│           pink   plain               │');
    expect(t.h.text()).not.toContain('Name   web-01');
    expect(bgOf('pink', 2)).toBe(210);
    expect(bgOf('prod', 1)).toBe(160);
    expect(bgOf('k8s', 1)).toBe(221);
    expect(lowContrastCells(t.h.term, DARK)).toEqual([]);
    expect(lowContrastCells(t.h.term, LIGHT)).toEqual([]);
  });

  it('a tag wider than a row is cut with an ellipsis; no tag is lost at a row end', async () => {
    t = formHarness({ cols: 24, rows: 8, ...KINDS['256'] });
    const v = new TextView(t.screen, {
      parent: t.screen,
      title: 'S',
      top: 0,
      left: 0,
      right: 0,
      height: 7,
    });
    const tags = ['a-very-long-tag-name-indeed', 'ab', 'cd', 'efgh'];
    v.setLines([{ text: '  Tags ', chips: tags.map((tag) => ({ text: tag, color: COLORS.db })) }]);
    await t.h.render();
    expect(t.h.lines().slice(1, 4)).toEqual([
      '│   Tags  a-very-long-…│',
      '│         ab   cd      │',
      '│         efgh         │',
    ]);
  });

  it('all of them where there is room; in brackets without colour', async () => {
    view('no-color', 60);
    await t.h.render();
    expect(t.h.lines()[1]).toBe('│   Tags   [prod] [db] [web] [k8s] [pink]  plain           │');
    expect(bgOf('prod', 1)).toBe(-1);
  });
});
