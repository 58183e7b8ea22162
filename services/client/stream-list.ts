/**
 * A list answer read as its bytes arrive. Up to {@link STREAM_AFTER_BYTES} the body is kept and
 * parsed at once, as any answer; a larger one (100k ISOs are 11 MB, whose single `JSON.parse`
 * froze the screen for 100–300 ms) is cut into its entries as it arrives (list-splitter.ts),
 * in slices of SLICE_BYTES with a turn of the event loop after each, and every entry is handed
 * on as soon as it is complete. Neither the body's text nor the parsed list is ever held whole: the caller keeps
 * only its shaped copy.
 */
import { ProxmoxError } from '../errors';
import { ListSplitter, NotJson } from './list-splitter';
import { turn } from './turn';

/** Answers up to this size are parsed at once (all but the largest lists). */
export const STREAM_AFTER_BYTES = 2 * 1024 * 1024;

export interface ListReading {
  /** `GET /nodes/pve/storage/local/content`, for messages. */
  call: string;
  status: number;
  maxAnswerBytes: number;
  tooLarge: () => Error;
  /** Called once per entry of `data`, in order. */
  onItem: (item: unknown) => void;
  /** Counts the turns given back to the event loop (tests pin the mechanism with it). */
  onTurn?: () => void;
}

/** Whether `data` was a list; a body that is not a JSON envelope with `data` is an error. */
export async function readList(body: AsyncIterable<Buffer>, r: ListReading): Promise<boolean> {
  const kept: Buffer[] = [];
  let size = 0;
  let stream: StreamedList | undefined;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > r.maxAnswerBytes) throw r.tooLarge();
    if (!stream) {
      kept.push(chunk);
      if (size <= STREAM_AFTER_BYTES) continue;
      stream = new StreamedList(r);
      for (const c of kept.splice(0)) await feed(stream, c, r);
    } else await feed(stream, chunk, r);
  }
  if (stream) return stream.end();
  const { data } = parseEnvelope(Buffer.concat(kept).toString('utf8'), r);
  if (!Array.isArray(data)) return false;
  for (const item of data) r.onItem(item);
  return true;
}

/** Bytes parsed between two turns of the event loop (a few milliseconds' work). */
export const SLICE_BYTES = 16 * 1024;
/**
 * The first slices are smaller, doubled every other slice up to SLICE_BYTES: their code runs
 * unoptimised at first (the first kilobyte alone takes about 5 ms).
 */
export const FIRST_SLICE_BYTES = 1024;

/** Bytes of the `n`-th slice of a list (from 0). */
export function sliceBytes(n: number): number {
  return Math.min(SLICE_BYTES, FIRST_SLICE_BYTES * 2 ** Math.min(Math.floor(n / 2), 16));
}

/** A chunk in slices, a turn after each: keys typed meanwhile are answered between them. */
async function feed(stream: StreamedList, chunk: Buffer, r: ListReading): Promise<void> {
  for (let at = 0; at < chunk.length;) {
    const size = stream.nextSlice();
    stream.write(chunk.subarray(at, at + size));
    at += size;
    await turn();
    r.onTurn?.();
  }
}

/** A JSON envelope (`{data: …}`): not JSON, or no `data`, is the server's error. */
export function parseEnvelope(
  text: string,
  r: Pick<ListReading, 'call' | 'status'>,
): { data: unknown; total?: number } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw notJson(r);
  }
  if (!body || typeof body !== 'object' || !('data' in body)) throw noData(r);
  return body as { data: unknown };
}

const notJson = (r: Pick<ListReading, 'call' | 'status'>) =>
  new ProxmoxError({
    kind: 'server',
    status: r.status,
    message: `The server sent an answer that is not JSON (${r.call})`,
  });

const noData = (r: Pick<ListReading, 'call' | 'status'>) =>
  new ProxmoxError({
    kind: 'server',
    status: r.status,
    message: `The server's answer has no data (${r.call})`,
  });

/** The entries of `data` (`$.data.*`) out of a streamed envelope. */
class StreamedList {
  private readonly splitter: ListSplitter;

  constructor(private readonly r: ListReading) {
    this.splitter = new ListSplitter(r.onItem);
  }

  private slices = 0;
  /** Bytes to parse before the next turn. */
  nextSlice(): number {
    return sliceBytes(this.slices++);
  }

  write(chunk: Buffer): void {
    try {
      this.splitter.write(chunk);
    } catch (err) {
      if (err instanceof NotJson) throw notJson(this.r);
      throw err;
    }
  }

  /** Whether `data` was a list (an answer this large with no entries is not one). */
  end(): boolean {
    if (!this.splitter.ended) throw notJson(this.r);
    return !this.splitter.notListed && this.splitter.entries > 0;
  }
}
