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
  /** Where each option's text starts in `text`; one more entry for the end. */
  starts: Uint32Array;
}

export class Corpus {
  readonly chunks: Chunk[] = [];
  /** Options joined so far (from the first). */
  made = 0;
  preparing = false;

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
      at += text.length + 1;
    }
    starts[end - first] = at;
    this.chunks.push({ first, text: parts.join(SEP), starts });
    this.made = end;
    return this.complete;
  }

  /** Whether `needle` can be looked for in the joined text (it cannot span two options). */
  static usable(needle: string): boolean {
    return !needle.includes(SEP);
  }

  /** Write the positions of joined options whose text holds `needle` into `out`; their count. */
  scan(needle: string, out: Uint32Array): number {
    let n = 0;
    for (const { first, text, starts } of this.chunks) {
      let k = 0;
      let p = text.indexOf(needle);
      while (p !== -1) {
        while (starts[k + 1]! <= p) k++;
        out[n++] = first + k;
        // The next option: one match per option is enough.
        p = text.indexOf(needle, starts[k + 1]!);
      }
    }
    return n;
  }
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
    if (!corpus.more()) schedule(slice);
    else corpus.preparing = false;
  };
  schedule(slice);
}
