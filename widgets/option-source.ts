/**
 * What a select chooses from, without a copy per option: a source answers by position, and
 * builds an option only when its row is shown. A list of 100,000 ISO images is the answer the
 * server sent, read in place (screens/iso-list.ts); small lists are plain arrays.
 *
 * The filter narrows from its last matches while the text grows (`ab` looks only at what `a`
 * matched, or reads the joined text again when that is most of a long list) and keeps the
 * matches of recent texts, so Backspace and typing a text again rescan nothing.
 */
import { Corpus, corpusOf, prepareCorpus } from './option-corpus';
import type { SelectOption } from './select-list';

export interface OptionSource<T extends string = string> {
  readonly length: number;
  value(index: number): T;
  /** The option to draw (built when asked: only shown rows are). */
  option(index: number): SelectOption<T>;
  /** Lower-case text the filter looks in. */
  haystack(index: number): string;
  disabled(index: number): boolean;
}

/** The position of `value`, or -1. */
export function indexOfValue(source: OptionSource, value: string): number {
  for (let i = 0; i < source.length; i++) if (source.value(i) === value) return i;
  return -1;
}

/** A source over options in an array (what every small select has). */
export function arraySource<T extends string>(options: readonly SelectOption<T>[]) {
  const search: (string | undefined)[] = [];
  return {
    length: options.length,
    value: (i: number) => options[i]!.value,
    option: (i: number) => options[i]!,
    haystack: (i: number) =>
      (search[i] ??= `${options[i]!.label}\u0000${options[i]!.value}`.toLowerCase()),
    disabled: (i: number) => options[i]!.disabled === true,
  } satisfies OptionSource<T>;
}

/** Option positions matching a filter, ascending. */
export interface Matches {
  readonly length: number;
  /** The option index at a match position, or undefined past the end. */
  at(position: number): number | undefined;
  /** The match position of an option index, or -1. */
  positionOf(index: number): number;
}

function allOf(length: number): Matches {
  return {
    length,
    at: (p) => (p >= 0 && p < length ? p : undefined),
    positionOf: (i) => (i >= 0 && i < length ? i : -1),
  };
}

function listOf(found: Uint32Array): Matches {
  return {
    length: found.length,
    at: (p) => found[p],
    positionOf: (i) => {
      let lo = 0;
      let hi = found.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = found[mid]!;
        if (at === i) return mid;
        if (at < i) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    },
  };
}

/** Filters whose matches are kept (Backspace, retyping), and how many positions they may hold. */
const KEPT = 32;
const KEPT_PER_OPTION = 4;
/**
 * Narrowing from more than 1/DENSE of the joined options reads the joined text again: one
 * `indexOf` per match beats calling `includes` on each of the last matches.
 */
const DENSE = 4;

/** A filter's matches: every option (kept without a list), or their positions. */
type Found = Uint32Array | 'all';

export class OptionFilter {
  /** Options examined so far (tests pin that a longer filter looks only at the last matches). */
  scanned = 0;
  /** Of those, options looked at in the joined text (option-corpus.ts), not one by one. */
  joined = 0;
  /** Recent filters' matches, oldest first: a filter typed again (or Backspace) scans nothing. */
  private kept = new Map<string, Found>();
  private keptPositions = 0;
  private scratch: Uint32Array | undefined;

  constructor(private readonly source: OptionSource) {
    // A long list's texts are joined while the user has not typed yet.
    prepareCorpus(source);
  }

  matches(text: string): Matches {
    const needle = text.toLowerCase();
    if (needle === '') return allOf(this.source.length);
    let found = this.kept.get(needle);
    if (found === undefined) {
      // Only options matching the longest kept start of the text can match it.
      let base: Found | undefined;
      for (let n = needle.length - 1; n > 0 && base === undefined; n--) {
        base = this.kept.get(needle.slice(0, n));
      }
      found = this.scan(needle, base);
    }
    this.keep(needle, found);
    return found === 'all' ? allOf(this.source.length) : listOf(found);
  }

  /** Keep `found` as the newest; forget the oldest past KEPT filters or positions. */
  private keep(needle: string, found: Found): void {
    const old = this.kept.get(needle);
    if (old !== undefined) {
      this.kept.delete(needle);
      this.keptPositions -= old === 'all' ? 0 : old.length;
    }
    this.kept.set(needle, found);
    this.keptPositions += found === 'all' ? 0 : found.length;
    const room = Math.max(this.source.length * KEPT_PER_OPTION, 1);
    for (const [oldest, gone] of this.kept) {
      if (this.kept.size <= KEPT && this.keptPositions <= room) break;
      if (oldest === needle) break;
      this.kept.delete(oldest);
      this.keptPositions -= gone === 'all' ? 0 : gone.length;
    }
  }

  private scan(needle: string, base: Found | undefined): Found {
    const { source } = this;
    const corpus = corpusOf(source);
    // Inside what every option starts or ends with: all match, nothing to look at.
    if (corpus?.everyOneHolds(needle)) return 'all';
    const joinedText =
      corpus !== undefined &&
      corpus.made > 0 &&
      Corpus.usable(needle) &&
      (base === undefined || base === 'all' || base.length * DENSE > corpus.made);
    const within = base === undefined || base === 'all' || joinedText ? undefined : base;
    const count = within ? within.length : source.length;
    // Written into one buffer kept for the filter; only the matches are copied out.
    const out = (this.scratch ??= new Uint32Array(source.length));
    let n = 0;
    let k = 0;
    if (joinedText) {
      // The joined options at once; the rest (not joined yet) one by one. A longer text's
      // matches are among the shorter one's, so reading every option finds just those.
      n = corpus.scan(needle, out);
      k = corpus.made;
      this.joined += corpus.made;
    }
    for (; k < count; k++) {
      const i = within ? within[k]! : k;
      if (source.haystack(i).includes(needle)) out[n++] = i;
    }
    this.scanned += count;
    return n === source.length ? 'all' : out.slice(0, n);
  }
}

/** How a source reads its items: the value, the option drawn, the text the filter looks in. */
export interface ItemReader<E, T extends string> {
  value(item: E): T;
  option(item: E): SelectOption<T>;
  /** Lower case already (the source does not copy it per filter). */
  text(item: E): string;
  disabled?(item: E): boolean;
}

/**
 * A source over items of any shape, read in place (no option per item until it is shown):
 * `head` options first (e.g. `None`), then one per item.
 */
export function itemSource<E, T extends string = string>(
  items: readonly E[],
  read: ItemReader<E, T>,
  head: readonly SelectOption<T>[] = [],
): OptionSource<T> {
  const h = head.length;
  const item = (i: number) => items[i - h]!;
  return {
    length: h + items.length,
    value: (i) => (i < h ? head[i]!.value : read.value(item(i))),
    option: (i) => (i < h ? head[i]! : read.option(item(i))),
    haystack: (i) =>
      i < h ? `${head[i]!.label}\u0000${head[i]!.value}`.toLowerCase() : read.text(item(i)),
    disabled: (i) => (i < h ? head[i]!.disabled === true : read.disabled?.(item(i)) === true),
  };
}
