/**
 * A long list's filter text, joined: the lower-case haystacks of a source in chunks of
 * CHUNK, one string per chunk with an offset table, made a few chunks per turn of the event
 * loop after the list is set (keys get in between). A filter then runs `indexOf` over a few
 * strings instead of calling `includes` on every option: the first letter typed into 200,000
 * tags no longer looks at each one. Options past the chunks made so far are scanned one by one.
 *
 * Each block of BLOCK options also keeps which pairs of adjacent letters its texts hold, hashed
 * into PAIR_BITS bits. A block missing a pair of the filter cannot match and is not read:
 * `tag-0` skips the blocks of `tag-1…`, where indexOf would stop at every `t` of every name.
 */

/** What the corpus reads of an option source (option-source.ts). */
export interface Texts {
  readonly length: number;
  /** Lower-case text the filter looks in. */
  haystack(index: number): string;
}

/** Options per joined chunk. */
export const CHUNK = 1024;
/**
 * Chunks are joined for this long per turn, then keys get in: a key waits for one chunk at most
 * (≈ 1.5 ms while the joining code is unoptimised, ≈ 0.3 ms later).
 */
export const TURN_BUDGET_MS = 1;
/** Shorter lists are scanned option by option (that is fast enough). */
export const CORPUS_MIN = 20_000;
const SEP = '\n';
/** Rounds of practice scans before the first filter (warm): one to two milliseconds in all. */
const WARM_ROUNDS = 10;
/** Options per block of the pair index; the index's 32-bit words per block. */
export const BLOCK = 64;
const WORDS = 16;
/** A pair's bit is the top log2(WORDS × 32) bits of its hash. */
const PAIR_SHIFT = 32 - Math.log2(WORDS * 32);

interface Chunk {
  first: number;
  text: string;
  /** The same text as code units (checked at an offset without a call per option). */
  codes: Uint8Array | Uint16Array;
  /** Where each option's text starts in `text`; one more entry for the end. */
  starts: Uint32Array;
  /** WORDS words per block of BLOCK options: the pairs of adjacent letters its texts hold. */
  pairs: Uint32Array;
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
    const end = Math.min(source.length, first + CHUNK);
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
    const codes = codesOf(text);
    this.chunks.push({ first, text, starts, codes, pairs: pairsOf(codes, starts) });
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
  /** Options in the blocks the last scan read: the others could not hold its pairs. */
  read = 0;

  /**
   * Scan a made-up list while nobody types, so the scan's code is compiled now, not while the
   * first key of a filter waits. It is made to take every way a scan can go (a match where the
   * last one was, one elsewhere, a block skipped, a block read in vain, no match left): a way
   * first taken by a real filter would throw the compiled code away.
   */
  warm(): void {
    const texts = Array.from({ length: BLOCK * 3 }, (_, i) =>
      i < BLOCK ? `ab${i}${i === 5 ? 'bc' : ''}` : i < BLOCK * 2 ? `x${i}abc` : `zz${i}`,
    );
    const practice = new Corpus({ length: texts.length, haystack: (i) => texts[i]! });
    practice.more();
    const out = new Uint32Array(texts.length);
    // Often enough for the engine to count the scan as hot and optimise it.
    for (let round = 0; round < WARM_ROUNDS; round++) {
      for (const needle of ['a', 'ab', 'abc', 'b1', 'zz', 'q']) practice.scan(needle, out);
    }
    this.warmed++;
  }

  /** Write the positions of joined options whose text holds `needle` into `out`; their count. */
  scan(needle: string, out: Uint32Array): number {
    const wanted = codesOf(needle);
    const pairs = pairsOfNeedle(wanted);
    const counts = { found: 0, read: 0 };
    for (const chunk of this.chunks) scanChunk(chunk, needle, wanted, pairs, out, counts);
    this.read = counts.read;
    return counts.found;
  }
}

/** A text's UTF-16 code units, one byte each when all fit. */
function codesOf(text: string): Uint8Array | Uint16Array {
  if (Buffer.byteLength(text, 'utf8') === text.length) return Buffer.from(text, 'latin1');
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

/** The bit of a pair of adjacent code units (multiplicative hashing: letters and digits spread). */
function pairBit(a: number, b: number): number {
  return Math.imul((a << 16) | b, 0x9e3779b1) >>> PAIR_SHIFT;
}

/** The pair index of a chunk: per block of BLOCK options, the bits of the pairs in its texts. */
function pairsOf(codes: Uint8Array | Uint16Array, starts: Uint32Array): Uint32Array {
  const options = starts.length - 1;
  const pairs = new Uint32Array(Math.ceil(options / BLOCK) * WORDS);
  for (let k = 0; k < options; k++) {
    const base = Math.floor(k / BLOCK) * WORDS;
    // The option's text ends before the separator after it: no pair spans two options.
    const end = starts[k + 1]! - 1;
    for (let p = starts[k]! + 1; p < end; p++) {
      const bit = pairBit(codes[p - 1]!, codes[p]!);
      pairs[base + (bit >>> 5)]! |= 1 << (bit & 31);
    }
  }
  return pairs;
}

/** A needle's pairs as word and mask, in WORDS entries each (a needle of one letter has none). */
function pairsOfNeedle(wanted: Uint8Array | Uint16Array): Uint32Array {
  const masks = new Uint32Array(WORDS);
  for (let p = 1; p < wanted.length; p++) {
    const bit = pairBit(wanted[p - 1]!, wanted[p]!);
    masks[bit >>> 5]! |= 1 << (bit & 31);
  }
  return masks;
}

/** Whether block `b` of a chunk holds every pair in `masks`. */
function mayHold(pairs: Uint32Array, b: number, masks: Uint32Array): boolean {
  const base = b * WORDS;
  for (let w = 0; w < WORDS; w++) {
    const mask = masks[w]!;
    if ((pairs[base + w]! & mask) !== mask) return false;
  }
  return true;
}

/**
 * The options of one chunk holding `needle`, written into `out` from `counts.found`, in the
 * blocks that may hold its pairs. Where the last match was in its option is tried first in the
 * next (most names of a long list share a shape: `tag-` at 0, `image` after `cephfs:iso/`); else
 * `indexOf` finds the next match. Its answer is kept for the blocks it ran past.
 */
function scanChunk(
  { first, text, starts, codes, pairs }: Chunk,
  needle: string,
  wanted: Uint8Array | Uint16Array,
  masks: Uint32Array,
  out: Uint32Array,
  counts: { found: number; read: number },
): void {
  const m = wanted.length;
  const options = starts.length - 1;
  let n = counts.found;
  let offset = 0;
  // The next match at or after `hitFrom`: -1 for none in the rest of the chunk.
  let hit = 0;
  let hitFrom = Infinity;
  for (let b = 0; b * BLOCK < options; b++) {
    if (!mayHold(pairs, b, masks)) continue;
    const last = Math.min(options, (b + 1) * BLOCK);
    counts.read += last - b * BLOCK;
    for (let k = b * BLOCK; k < last;) {
      const start = starts[k]!;
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
      if (start < hitFrom || hit < start) {
        hit = text.indexOf(needle, start);
        hitFrom = start;
      }
      if (hit === -1) {
        counts.found = n;
        return;
      }
      // Past this block: on to the next block that may hold it.
      if (hit >= starts[last]!) break;
      // The option holding the match (a match never spans a separator).
      while (starts[k + 1]! <= hit) k++;
      offset = hit - starts[k]!;
      out[n++] = first + k++;
    }
  }
  counts.found = n;
}

/** Runs work on a later turn of the event loop (tests pass their own). */
export type Schedule = (work: () => void) => void;
const nextTurn: Schedule = (work) => void setImmediate(work);
/** Milliseconds from some fixed point (tests pass their own). */
export type Clock = () => number;

const corpora = new WeakMap<Texts, Corpus>();

/** The joined text of a long source (kept with it: a remount reuses it), or undefined. */
export function corpusOf(source: Texts): Corpus | undefined {
  if (source.length < CORPUS_MIN) return undefined;
  let corpus = corpora.get(source);
  if (!corpus) corpora.set(source, (corpus = new Corpus(source)));
  return corpus;
}

/** Join a source's texts, TURN_BUDGET_MS a turn (a chunk at least), unless done or under way. */
export function prepareCorpus(
  source: Texts,
  schedule: Schedule = nextTurn,
  now: Clock = () => performance.now(),
): void {
  const corpus = corpusOf(source);
  if (!corpus || corpus.preparing || corpus.complete) return;
  corpus.preparing = true;
  const turn = () => {
    const start = now();
    let done = corpus.more();
    while (!done && now() - start < TURN_BUDGET_MS) done = corpus.more();
    if (!done) return schedule(turn);
    corpus.preparing = false;
    corpus.warm();
  };
  schedule(turn);
}
