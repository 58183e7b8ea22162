/**
 * A long list's filter text, joined: the lower-case haystacks of a source in chunks of
 * CORPUS_SLICE, one string per chunk with an offset table, made one chunk per turn of the event
 * loop after the list is set (keys get in between). A filter then runs `indexOf` over a few
 * strings instead of calling `includes` on every option: the first letter typed into 200,000
 * tags no longer looks at each one. Options past the chunks made so far are scanned one by one.
 */

/** What the corpus reads of an option source (option-source.ts). */
export interface Texts {
  readonly length: number;
  /** Lower-case text the filter looks in. */
  haystack(index: number): string;
}

/** Options joined per turn. */
export const CORPUS_SLICE = 8192;
/** Shorter lists are scanned option by option (that is fast enough). */
export const CORPUS_MIN = 20_000;
const SEP = '\n';

interface Chunk {
  first: number;
  text: string;
  /** The same text as code units (checked at an offset without a call per option). */
  codes: Uint8Array | Uint16Array;
  /** Where each option's text starts in `text`; one more entry for the end. */
  starts: Uint32Array;
}

export class Corpus {
  readonly chunks: Chunk[] = [];
  /** Options joined so far (from the first). */
  made = 0;
  preparing = false;
  /**
   * What every option joined so far starts and ends with (`tag-` of `tag-000123`, the storage
   * of a volume id): a filter inside either matches every option without a scan.
   */
  shared: { start: string; end: string } | undefined;

  constructor(private readonly source: Texts) {}

  get complete(): boolean {
    return this.made >= this.source.length;
  }

  /** Join one more chunk; true when all are joined. */
  more(): boolean {
    const { source } = this;
    const first = this.made;
    const end = Math.min(source.length, first + CORPUS_SLICE);
    if (end <= first) return true;
    const parts: string[] = [];
    const starts = new Uint32Array(end - first + 1);
    let at = 0;
    for (let i = first; i < end; i++) {
      const text = source.haystack(i);
      starts[i - first] = at;
      parts.push(text);
      this.share(text);
      at += text.length + 1;
    }
    starts[end - first] = at;
    const text = parts.join(SEP);
    this.chunks.push({ first, text, starts, codes: codesOf(text) });
    this.made = end;
    return this.complete;
  }

  /** Whether every option holds `needle` (known from their shared start or end). */
  everyOneHolds(needle: string): boolean {
    const { shared } = this;
    return (
      this.complete &&
      shared !== undefined &&
      (shared.start.includes(needle) || shared.end.includes(needle))
    );
  }

  private share(text: string): void {
    const { shared } = this;
    if (!shared) {
      this.shared = { start: text, end: text };
      return;
    }
    if (!text.startsWith(shared.start)) {
      let n = 0;
      while (n < shared.start.length && text[n] === shared.start[n]) n++;
      shared.start = shared.start.slice(0, n);
    }
    if (!text.endsWith(shared.end)) {
      const { end } = shared;
      let n = 0;
      while (n < end.length && text[text.length - 1 - n] === end[end.length - 1 - n]) n++;
      shared.end = end.slice(end.length - n);
    }
  }

  /** Whether `needle` can be looked for in the joined text (it cannot span two options). */
  static usable(needle: string): boolean {
    return !needle.includes(SEP);
  }

  /** Scans run before the first filter (the first is compiled then, not on the first key). */
  warmed = 0;

  /**
   * Read the first chunk once for its first letter, while nobody types: the scan's code is
   * compiled now, not while the first key of a filter waits.
   */
  warm(): void {
    const chunk = this.chunks[0];
    if (!chunk || chunk.text === '' || chunk.text[0] === SEP) return;
    const needle = chunk.text[0]!;
    scanChunk(chunk, needle, codesOf(needle), new Uint32Array(chunk.starts.length), 0);
    this.warmed++;
  }

  /** Write the positions of joined options whose text holds `needle` into `out`; their count. */
  scan(needle: string, out: Uint32Array): number {
    const wanted = codesOf(needle);
    let n = 0;
    for (const chunk of this.chunks) n = scanChunk(chunk, needle, wanted, out, n);
    return n;
  }
}

/** A text's UTF-16 code units, one byte each when all fit. */
function codesOf(text: string): Uint8Array | Uint16Array {
  if (Buffer.byteLength(text, 'utf8') === text.length) return Buffer.from(text, 'latin1');
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

/**
 * The options of one chunk holding `needle`, written into `out` from `n`; the new count. Where
 * the last match was in its option is tried first in the next (most names of a long list share
 * a shape: `tag-` at 0, `image` after `cephfs:iso/`); else `indexOf` finds the next match.
 */
function scanChunk(
  { first, text, starts, codes }: Chunk,
  needle: string,
  wanted: Uint8Array | Uint16Array,
  out: Uint32Array,
  n: number,
): number {
  const m = wanted.length;
  const options = starts.length - 1;
  let offset = 0;
  for (let k = 0; k < options;) {
    const start = starts[k]!;
    // The option's text ends before the separator after it.
    const end = starts[k + 1]! - 1;
    const at = start + offset;
    if (at + m <= end) {
      let j = 0;
      while (j < m && codes[at + j] === wanted[j]) j++;
      if (j === m) {
        out[n++] = first + k++;
        continue;
      }
    }
    const p = text.indexOf(needle, start);
    if (p === -1) break;
    // The option holding the match (a match never spans a separator).
    while (starts[k + 1]! <= p) k++;
    offset = p - starts[k]!;
    out[n++] = first + k++;
  }
  return n;
}

/** Runs work on a later turn of the event loop (tests pass their own). */
export type Schedule = (work: () => void) => void;
const nextTurn: Schedule = (work) => void setImmediate(work);

const corpora = new WeakMap<Texts, Corpus>();

/** The joined text of a long source (kept with it: a remount reuses it), or undefined. */
export function corpusOf(source: Texts): Corpus | undefined {
  if (source.length < CORPUS_MIN) return undefined;
  let corpus = corpora.get(source);
  if (!corpus) corpora.set(source, (corpus = new Corpus(source)));
  return corpus;
}

/** Join a long source's texts, one chunk per turn, unless that is done or under way. */
export function prepareCorpus(source: Texts, schedule: Schedule = nextTurn): void {
  const corpus = corpusOf(source);
  if (!corpus || corpus.preparing || corpus.complete) return;
  corpus.preparing = true;
  const slice = () => {
    if (!corpus.more()) return schedule(slice);
    corpus.preparing = false;
    corpus.warm();
  };
  schedule(slice);
}
