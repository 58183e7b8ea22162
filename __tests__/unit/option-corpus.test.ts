/**
 * A long list's filter texts are joined a chunk per turn (widgets/option-corpus.ts); a filter
 * reads the joined chunks with indexOf and the options not joined yet one by one, and finds
 * exactly what looking at every option finds.
 */
import {
  BLOCK,
  Corpus,
  CORPUS_MIN,
  CHUNK,
  corpusOf,
  prepareCorpus,
} from '../../widgets/option-corpus';
import { OptionFilter, itemSource } from '../../widgets/option-source';

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `tag-${String(i).padStart(6, '0')}${i % 3 ? '' : '-x'}`);

function sourceOf(items: string[]) {
  return itemSource(items, {
    value: (t) => t,
    option: (t) => ({ value: t, label: t }),
    text: (t) => t,
  });
}

const everyOne = (items: string[], needle: string) =>
  items.flatMap((t, i) => (t.includes(needle) ? [i] : []));

it('is made a few chunks per turn, for a millisecond at most, only for long lists, and kept with its source', () => {
  expect(corpusOf(sourceOf(names(CORPUS_MIN - 1)))).toBeUndefined();
  const source = sourceOf(names(CORPUS_MIN * 2));
  const turns: (() => void)[] = [];
  // Each reading of the clock is 0.3 ms after the last: a turn joins until 1 ms has passed.
  let clock = 0;
  const now = () => (clock += 0.3);
  prepareCorpus(source, (work) => turns.push(work), now);
  prepareCorpus(source, (work) => turns.push(work), now);
  expect(turns).toHaveLength(1);
  let ran = 0;
  while (turns.length > 0) {
    // The scan is run once, when the last chunk is joined (its code compiled before a key).
    expect(corpusOf(source)!.warmed).toBe(0);
    const before = corpusOf(source)!.made;
    turns.shift()!();
    ran++;
    const joined = corpusOf(source)!.made - before;
    // Read at the start, then after each chunk: the 4th reading is 1.2 ms in, so 4 chunks.
    expect(joined).toBe(Math.min(4 * CHUNK, source.length - before));
  }
  expect(ran).toBe(Math.ceil(source.length / (4 * CHUNK)));
  expect(corpusOf(source)!.chunks.map((c) => c.text.split('\n').length)).toContain(CHUNK);
  expect(corpusOf(source)!.complete).toBe(true);
  expect(corpusOf(source)!.warmed).toBe(1);
});

it('joins one chunk per turn however slow the clock says it is', () => {
  const source = sourceOf(names(CORPUS_MIN));
  const turns: (() => void)[] = [];
  let clock = 0;
  prepareCorpus(
    source,
    (work) => turns.push(work),
    () => (clock += 50),
  );
  let ran = 0;
  while (turns.length > 0) {
    turns.shift()!();
    ran++;
  }
  expect(ran).toBe(Math.ceil(CORPUS_MIN / CHUNK));
  expect(corpusOf(source)!.complete).toBe(true);
});

it.each(['t', '-x', '000123', 'tag-0000', 'x', 'xtag', '0\ntag'])(
  "filter '%s' finds what looking at every option finds, joined in part or whole",
  (needle) => {
    const items = names(CORPUS_MIN + 5_000);
    for (const chunks of [0, 1, Infinity]) {
      const source = sourceOf(items);
      const corpus = corpusOf(source)!;
      for (let c = 0; c < chunks && !corpus.more(); c++);
      const filter = new OptionFilter(source);
      const found = filter.matches(needle);
      const got = Array.from({ length: found.length }, (_, p) => found.at(p));
      expect(got).toEqual(everyOne(items, needle));
      // Every name starts with `tag-`: once all are joined, a filter inside it looks at none.
      const none = chunks === Infinity && 'tag-'.includes(needle);
      expect(filter.scanned).toBe(none ? 0 : items.length);
      // Joined options were not looked at one by one (a needle with a line break cannot use them).
      expect(filter.joined).toBe(none || !Corpus.usable(needle) ? 0 : corpus.made);
    }
  },
);

it('keeps the matches of recent filters only: an old one is scanned again, and found the same', () => {
  const items = names(CORPUS_MIN + 5_000);
  const source = sourceOf(items);
  const corpus = corpusOf(source)!;
  while (!corpus.more());
  const filter = new OptionFilter(source);
  const first = filter.matches('00012');
  const count = first.length;
  let scanned = filter.scanned;
  // Kept: typed again, it is not scanned.
  filter.matches('00012');
  expect(filter.scanned).toBe(scanned);
  // Forty other filters push it out.
  for (let i = 0; i < 40; i++) filter.matches(`-${String(i).padStart(3, '0')}`);
  scanned = filter.scanned;
  const again = filter.matches('00012');
  expect(filter.scanned).toBe(scanned + items.length);
  expect(again.length).toBe(count);
  expect(Array.from({ length: count }, (_, p) => again.at(p))).toEqual(everyOne(items, '00012'));
});

it('finds a match wherever it is in each option, in any script, as looking at every option does', () => {
  let seed = 11;
  const next = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const letters = ['a', 'b', '-', 'é', 'ж', '1'];
  const items = Array.from({ length: CORPUS_MIN + 3_000 }, (_, i) =>
    // Options of one chunk are ASCII, others not: both kinds of joined text are read.
    Array.from({ length: 1 + next(8) }, () => letters[next(i < CHUNK ? 3 : 6)]).join(''),
  );
  const source = sourceOf(items);
  const corpus = corpusOf(source)!;
  while (!corpus.more());
  for (const needle of ['a', 'ab', 'b-a', 'é', 'жa', 'aa', '-', '1ж', 'zz']) {
    const found = new OptionFilter(source).matches(needle);
    const got = Array.from({ length: found.length }, (_, p) => found.at(p));
    expect(got).toEqual(everyOne(items, needle));
  }
});

it('what every option starts and ends with is known once all are joined: a filter inside it scans nothing', () => {
  const items = Array.from({ length: CORPUS_MIN + 1 }, (_, i) => `pool:vm-${i % 7}-${i}.raw`);
  const source = sourceOf(items);
  const corpus = corpusOf(source)!;
  corpus.more();
  // Not all joined yet: the rest might not share it.
  expect(corpus.everyOneHolds('pool')).toBe(false);
  while (!corpus.more());
  expect(corpus.shared).toEqual({ start: 'pool:vm-', end: '.raw' });
  for (const needle of ['p', 'ol:v', 'm-', '.raw', 'w']) {
    const filter = new OptionFilter(source);
    expect(filter.matches(needle).length).toBe(items.length);
    expect(filter.scanned).toBe(0);
  }
  // Not inside them: looked for, and found where it is.
  for (const needle of ['-1', '6-']) {
    const filter = new OptionFilter(source);
    const found = filter.matches(needle);
    expect(filter.scanned).toBe(items.length);
    expect(Array.from({ length: found.length }, (_, p) => found.at(p))).toEqual(
      everyOne(items, needle),
    );
  }
});

it("reads only the blocks whose texts hold every pair of the filter's letters", () => {
  // tag-000000 … tag-199999: `tag-1` is in the second half only, `tag-x` nowhere.
  const items = Array.from({ length: 200_000 }, (_, i) => `tag-${String(i).padStart(6, '0')}`);
  const source = sourceOf(items);
  const corpus = corpusOf(source)!;
  while (!corpus.more());
  const matches = (needle: string) => {
    const found = new OptionFilter(source).matches(needle);
    return Array.from({ length: found.length }, (_, p) => found.at(p));
  };
  expect(matches('tag-1')).toEqual(everyOne(items, 'tag-1'));
  // The first half's blocks lack the pair `-1`: a few are read where hashes collide.
  expect(corpus.read).toBeGreaterThanOrEqual(100_000);
  expect(corpus.read).toBeLessThan(120_000);
  expect(matches('tag-x')).toEqual([]);
  expect(corpus.read).toBeLessThan(20_000);
  // One letter has no pair: every block is read.
  expect(matches('9').length).toBe(everyOne(items, '9').length);
  expect(corpus.read).toBe(items.length);
});

it('a block that holds the pairs but not the filter is read in vain, and the match after it found', () => {
  // Block 0 holds `ab` and `bc` but not `abc`; only block 2 holds it, once.
  const items = Array.from({ length: CORPUS_MIN }, (_, i) =>
    i === 3 ? 'xxab' : i === 4 ? 'bcxx' : i === BLOCK * 2 + 7 ? 'qabcq' : `n${i}`,
  );
  const source = sourceOf(items);
  const corpus = corpusOf(source)!;
  while (!corpus.more());
  const found = new OptionFilter(source).matches('abc');
  expect(Array.from({ length: found.length }, (_, p) => found.at(p))).toEqual([BLOCK * 2 + 7]);
  expect(corpus.read).toBeGreaterThanOrEqual(BLOCK * 2);
  expect(corpus.read).toBeLessThan(items.length / 4);
});
