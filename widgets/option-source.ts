/**
 * What a select chooses from, without a copy per option: a source answers by position, and
 * builds an option only when its row is shown. A list of 100,000 ISO images is the answer the
 * server sent, read in place (screens/iso-list.ts); small lists are plain arrays.
 *
 * The filter narrows from its last matches while the text grows (`ab` looks only at what `a`
 * matched) and keeps the matches of each shorter text, so Backspace rescans nothing.
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

/** Shorter filters kept for Backspace; past this many the oldest is rescanned when needed. */
const LEVELS = 24;

export class OptionFilter {
  /** Options examined so far (tests pin that a longer filter looks only at the last matches). */
  scanned = 0;
  /** Of those, options looked at in the joined text (option-corpus.ts), not one by one. */
  joined = 0;
  private levels: { needle: string; found: Uint32Array }[] = [];

  constructor(private readonly source: OptionSource) {
    // A long list's texts are joined while the user has not typed yet.
    prepareCorpus(source);
  }

  matches(text: string): Matches {
    const needle = text.toLowerCase();
    if (needle === '') {
      this.levels = [];
      return allOf(this.source.length);
    }
    while (this.levels.length > 0 && !needle.startsWith(this.levels.at(-1)!.needle)) {
      this.levels.pop();
    }
    const last = this.levels.at(-1);
    if (last?.needle === needle) return listOf(last.found);
    const found = this.scan(needle, last?.found);
    this.levels.push({ needle, found });
    if (this.levels.length > LEVELS) this.levels.shift();
    return listOf(found);
  }

  private scan(needle: string, within: Uint32Array | undefined): Uint32Array {
    const { source } = this;
    const count = within ? within.length : source.length;
    const out = new Uint32Array(count);
    let n = 0;
    let k = 0;
    const corpus = within ? undefined : corpusOf(source);
    if (corpus && corpus.made > 0 && Corpus.usable(needle)) {
      // The joined options at once; the rest (not joined yet) one by one.
      n = corpus.scan(needle, out);
      k = corpus.made;
      this.joined += corpus.made;
    }
    for (; k < count; k++) {
      const i = within ? within[k]! : k;
      if (source.haystack(i).includes(needle)) out[n++] = i;
    }
    this.scanned += count;
    return out.slice(0, n);
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
