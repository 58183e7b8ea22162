/**
 * A select over a large list reads its options in place and filters incrementally: the
 * mechanisms behind the bench's ISO-list figures (timings live only in `npm run bench`).
 */
import { SelectField, type OptionSource } from '../../widgets/select-field';
import { formHarness, type FormHarness } from '../support/widgets';
import { CORPUS_MIN, corpusOf } from '../../widgets/option-corpus';

let t: FormHarness;
afterEach(() => t.h.destroy());

/** A source of `n` made-up images that counts the options it is asked to build. */
function counted(n: number) {
  const made = { options: 0 };
  const name = (i: number) => `image-${String(i).padStart(6, '0')}-${i % 2 ? 'ab' : 'cd'}.iso`;
  const source: OptionSource = {
    length: n,
    value: (i) => `cephfs:iso/${name(i)}`,
    option: (i) => {
      made.options++;
      return { value: `cephfs:iso/${name(i)}`, label: name(i) };
    },
    haystack: (i) => name(i),
    disabled: () => false,
  };
  return { source, made };
}

beforeEach(() => {
  t = formHarness({ cols: 60, rows: 24 });
});

it('builds an option only for the rows it draws, not one per option', async () => {
  const { source, made } = counted(100_000);
  const f = t.form.add(new SelectField(t.screen, { label: 'ISO image', maxRows: 9 }));
  f.setOptions(source, 'cephfs:iso/image-000007-ab.iso');
  t.form.focus(f);
  await t.h.settle();
  await t.h.press('space');
  expect(t.h.lines()[0]).toContain('100000/100000');
  // The value row and the 9 rows shown, each drawn perhaps twice: nowhere near 100,000.
  expect(made.options).toBeLessThan(40);
});

it("filter 'ab' after 'a' looks only at what 'a' matched; Backspace rescans nothing", async () => {
  const { source } = counted(10_000);
  const f = t.form.add(new SelectField(t.screen, { label: 'ISO image' }));
  f.setOptions(source);
  t.form.focus(f);
  await t.h.type('a');
  // Every name has `image`, so `a` matches all 10,000: scanned once.
  expect(f.scanned).toBe(10_000);
  await t.h.type('b');
  expect(f.scanned).toBe(20_000);
  expect(f.visibleOptions).toHaveLength(5_000);
  await t.h.type('.');
  // Only `ab`'s 5,000 matches are looked at.
  expect(f.scanned).toBe(25_000);
  await t.h.press('backspace', 'backspace');
  expect(f.scanned).toBe(25_000);
  expect(f.visibleOptions).toHaveLength(10_000);
  expect(t.h.lines()[0]).toContain('10000/10000');
  // Another text that does not grow the last one scans from the widest kept matches.
  await t.h.type('c');
  expect(f.scanned).toBe(35_000);
  expect(f.visibleOptions).toHaveLength(0);
});

it('the highlight moves among the filtered matches; Enter chooses by position', async () => {
  const { source } = counted(1_000);
  const f = t.form.add(new SelectField(t.screen, { label: 'ISO image' }));
  f.setOptions(source, 'cephfs:iso/image-000500-cd.iso');
  t.form.focus(f);
  await t.h.type('00050');
  // image-000050 and image-000500 … 000509, in order.
  expect(f.visibleOptions).toHaveLength(11);
  await t.h.press('down', 'down', 'enter');
  expect(f.value).toBe('cephfs:iso/image-000501-ab.iso');
});

it('new options find the choice again by value, even fewer than its old position', () => {
  const f = new SelectField(t.screen, { label: 'Disk' });
  const disks = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ value: `${i}`, label: `d${i}` }));
  f.setOptions(disks(3), '2');
  expect(f.value).toBe('2');
  f.setOptions(disks(2), '1');
  expect(f.value).toBe('1');
  f.setOptions(disks(1), '1');
  expect(f.value).toBe('');
});

it('a value that is not among the options is looked up once, not on every redraw', () => {
  const values = { read: 0 };
  const source: OptionSource = {
    length: 50_000,
    value: (i) => {
      values.read++;
      return `pool-${i}`;
    },
    option: (i) => ({ value: `pool-${i}`, label: `pool-${i}` }),
    haystack: (i) => `pool-${i}`,
    disabled: () => false,
  };
  const f = new SelectField(t.screen, { label: 'Resource pool' });
  f.setOptions(source, '');
  const once = values.read;
  expect(once).toBeGreaterThanOrEqual(50_000);
  // The form shows the same (empty) value after every key: no further scan of 50,000 pools.
  f.setValue('');
  f.setValue('');
  expect(values.read).toBe(once);
  expect(f.value).toBe('');
  // A different value is looked up, and found.
  f.setValue('pool-7');
  expect(f.value).toBe('pool-7');
  f.setValue('pool-7');
  f.setValue('gone');
  expect(f.value).toBe('');
});

it("a long list's texts are joined while nobody types: a filter reads them at once", async () => {
  const { source } = counted(CORPUS_MIN * 3);
  const f = t.form.add(new SelectField(t.screen, { label: 'ISO image' }));
  f.setOptions(source);
  t.form.focus(f);
  const corpus = corpusOf(source)!;
  // One chunk per turn of the event loop, started by setOptions.
  for (let turn = 0; turn < 100 && !corpus.complete; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(corpus.complete).toBe(true);
  // `a` is in `image-`, which every name starts with: all match, none is looked at.
  await t.h.type('a');
  expect(f.scanned).toBe(0);
  expect(f.visibleOptions).toHaveLength(source.length);
  expect(t.h.lines()[0]).toContain(`${source.length}/${source.length}`);
  // The next letter narrows from all of them: the joined text is read (one check per option
  // where the last match was), not each option one by one.
  await t.h.type('b');
  expect(f.joined).toBe(source.length);
  expect(f.scanned).toBe(source.length);
  expect(f.visibleOptions).toHaveLength(source.length / 2);
  // Half the list is still most of it: read joined again.
  await t.h.type('.');
  expect(f.joined).toBe(source.length * 2);
  // `000` in a name matches a few: the next letter looks only at those.
  await t.h.press('backspace', 'backspace', 'backspace');
  await t.h.type('0001');
  const [scanned, joined] = [f.scanned, f.joined];
  const few = f.visibleOptions.length;
  expect(few).toBeLessThan(source.length / 4);
  await t.h.type('2');
  expect(f.scanned).toBe(scanned + few);
  expect(f.joined).toBe(joined);
});

it('typing a filter again after erasing it scans nothing: recent matches are kept', async () => {
  const { source } = counted(CORPUS_MIN * 3);
  const f = t.form.add(new SelectField(t.screen, { label: 'ISO image' }));
  f.setOptions(source);
  t.form.focus(f);
  await t.h.type('image-0001');
  const scanned = f.scanned;
  const shown = t.h.lines()[0];
  for (let round = 0; round < 3; round++) {
    await t.h.press(...Array<'backspace'>(10).fill('backspace'));
    expect(f.scanned).toBe(scanned);
    expect(t.h.lines()[0]).toContain(`${source.length}/${source.length}`);
    await t.h.type('image-0001');
    expect(f.scanned).toBe(scanned);
    expect(t.h.lines()[0]).toBe(shown);
  }
});
