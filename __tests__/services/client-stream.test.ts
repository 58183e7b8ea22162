/**
 * Large list answers are read as they arrive (services/client/stream-list.ts): a 100k-ISO
 * answer is 11 MB, and one `JSON.parse` of it froze the screen for 100–300 ms. Past
 * STREAM_AFTER_BYTES the entries are parsed and shaped chunk by chunk, with a turn of the event
 * loop after each chunk; the body's text and the raw list are never held whole.
 */
import { parseServer } from '../../services/client/address';
import { ProxmoxClient } from '../../services/client/client';
import {
  FIRST_SLICE_BYTES,
  readList,
  SLICE_BYTES,
  sliceBytes,
  STREAM_AFTER_BYTES,
} from '../../services/client/stream-list';
import { Transport } from '../../services/client/transport';
import { ProxmoxError } from '../../services/errors';
import { closeHostileServers, hostileCert, serveHostile } from '../support/hostile-server';

afterEach(() => closeHostileServers());

const iso = (i: number) =>
  JSON.stringify({
    volid: `local:iso/image-${String(i).padStart(6, '0')}.iso`,
    format: 'iso',
    content: 'iso',
    size: 1000 + i,
    ctime: 1735689600 + i,
  });

/** Entries i..j-1 joined by commas, and how many it takes to pass `bytes`. */
const entries = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => iso(from + k)).join(',');
const perEntry = iso(0).length + 1;
const PAST_THRESHOLD = Math.ceil((STREAM_AFTER_BYTES * 1.5) / perEntry);

const tls = { fingerprint: hostileCert.fingerprint };
const transport = (url: string) =>
  new Transport(parseServer(url), { tls, timeoutMs: 10000, maxAnswerBytes: 64 * 1024 * 1024 });
const client = (url: string) =>
  new ProxmoxClient({ server: url, tls, token: { id: 'root@pam!t', secret: 'x' } });

async function failure(p: Promise<unknown>): Promise<ProxmoxError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ProxmoxError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

const sendBody = (status: number, body: string) =>
  serveHostile((_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body);
  });

describe('a large list answer', () => {
  it('hands on its entries before the server has sent the rest', async () => {
    // The server sends 1.5 MiB of entries, then waits until the client has had them all: a
    // client that waited for the whole body would never see them, and the test would time out.
    let handed = 0;
    let allHanded!: () => void;
    const firstPart = new Promise<void>((resolve) => (allHanded = resolve));
    const url = await serveHostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(`{"data":[${entries(0, PAST_THRESHOLD)}`);
      void firstPart.then(() => res.end(`,${entries(PAST_THRESHOLD, PAST_THRESHOLD + 10)}]}`));
    });
    const listed = await transport(url).sendList('/x', undefined, {}, () => {
      if (++handed === PAST_THRESHOLD) allHanded();
    });
    expect(listed).toBe(true);
    expect(handed).toBe(PAST_THRESHOLD + 10);
  });

  it('gives the event loop a turn after every slice of SLICE_BYTES, not one at the end', async () => {
    const count = PAST_THRESHOLD * 4;
    const url = await sendBody(200, `{"data":[${entries(0, count)}]}`);
    const t = transport(url);
    const itemsAtTurn: number[] = [];
    let items = 0;
    t.onTurn = () => itemsAtTurn.push(items);
    await t.sendList('/x', undefined, {}, () => items++);
    expect(items).toBe(count);
    // A turn after every slice, the kept first bytes included: no more entries between two
    // turns than fit in a slice.
    const bytes = count * perEntry;
    expect(itemsAtTurn.length).toBeGreaterThanOrEqual(Math.floor(bytes / SLICE_BYTES));
    const slices = itemsAtTurn.map((n, i) => n - (itemsAtTurn[i - 1] ?? 0));
    const most = Math.max(...slices, count - itemsAtTurn.at(-1)!);
    expect(most).toBeLessThanOrEqual(Math.ceil(SLICE_BYTES / perEntry) + 1);
  });

  /** `count` entries handed over as one chunk; the entries read by each turn. */
  async function readWhole(count: number) {
    const chunk = Buffer.from(`{"data":[${entries(0, count)}]}`);
    async function* body() {
      yield chunk;
    }
    const itemsAtTurn: number[] = [];
    let items = 0;
    const listed = await readList(body(), {
      call: 'GET /x',
      status: 200,
      maxAnswerBytes: 8 * 1024 * 1024,
      tooLarge: () => new Error('too large'),
      onItem: () => items++,
      onTurn: () => itemsAtTurn.push(items),
    });
    return { listed, items, itemsAtTurn, chunk };
  }

  it('starts with small slices while the parser is not optimised, doubling up to SLICE_BYTES', async () => {
    expect([0, 1, 2, 3, 4, 9, 40].map(sliceBytes)).toEqual([
      FIRST_SLICE_BYTES,
      FIRST_SLICE_BYTES,
      FIRST_SLICE_BYTES * 2,
      FIRST_SLICE_BYTES * 2,
      FIRST_SLICE_BYTES * 4,
      SLICE_BYTES,
      SLICE_BYTES,
    ]);
    const { itemsAtTurn } = await readWhole(PAST_THRESHOLD);
    // The first turn comes after about a kilobyte's entries, not sixteen.
    expect(itemsAtTurn[0]).toBeLessThanOrEqual(Math.ceil(FIRST_SLICE_BYTES / perEntry) + 1);
    expect(itemsAtTurn[8]! - itemsAtTurn[7]!).toBeGreaterThan(
      Math.floor(SLICE_BYTES / perEntry) - 2,
    );
  });

  it('slices a chunk the socket hands over whole', async () => {
    // One 2 MiB chunk, as a fast local link may deliver it: parsed a slice at a time.
    const count = Math.ceil((2 * 1024 * 1024) / perEntry);
    const { listed, items, itemsAtTurn, chunk } = await readWhole(count);
    expect(listed).toBe(true);
    expect(items).toBe(count);
    expect(itemsAtTurn.length).toBeGreaterThanOrEqual(Math.floor(chunk.length / SLICE_BYTES));
    const slices = itemsAtTurn.map((n, i) => n - (itemsAtTurn[i - 1] ?? 0));
    expect(Math.max(...slices)).toBeLessThanOrEqual(Math.ceil(SLICE_BYTES / perEntry) + 1);
  });

  it('is shaped as a small one is: the same ISOs, bad entries left out and counted', async () => {
    const count = PAST_THRESHOLD;
    const body = `{"data":[null,${entries(0, count)},{"volid":null},7]}`;
    const url = await sendBody(200, body);
    const isos = await client(url).isoImages('pve', 'local');
    expect(isos).toHaveLength(count);
    expect(isos.leftOut).toBe(3);
    expect(isos[0]).toEqual({ volid: 'local:iso/image-000000.iso', size: 1000, ctime: 1735689600 });
    expect(isos[count - 1]!.volid).toBe(
      `local:iso/image-${String(count - 1).padStart(6, '0')}.iso`,
    );
  });

  it('refuses a large answer whose data is not a list', async () => {
    const big = Object.fromEntries(Array.from({ length: PAST_THRESHOLD }, (_, i) => [i, iso(i)]));
    const url = await sendBody(200, JSON.stringify({ data: big }));
    const err = await failure(client(url).isoImages('pve', 'local'));
    expect(err.message).toBe(
      "The server's answer to /nodes/pve/storage/local/content is not a list",
    );
  });

  it('refuses a large answer that is cut short or is not JSON', async () => {
    for (const body of [
      `{"data":[${entries(0, PAST_THRESHOLD)}`,
      `{"data":[${entries(0, PAST_THRESHOLD)},}]}`,
    ]) {
      const url = await sendBody(200, body);
      const err = await failure(client(url).isoImages('pve', 'local'));
      expect(err.message).toBe(
        'The server sent an answer that is not JSON (GET /nodes/pve/storage/local/content)',
      );
    }
  });

  it('reads a large error answer as the error it is', async () => {
    const body = JSON.stringify({
      data: null,
      message: 'storage is offline',
      pad: 'x'.repeat(2e6),
    });
    const url = await sendBody(500, body);
    const err = await failure(client(url).isoImages('pve', 'local'));
    expect(err.status).toBe(500);
    expect(err.message).toContain('storage is offline');
  });

  it('stays within the maximum answer size while it streams', async () => {
    const threeMiB = Math.ceil((3 * 1024 * 1024) / perEntry);
    const url = await sendBody(200, `{"data":[${entries(0, threeMiB)}]}`);
    const c = new ProxmoxClient({
      server: url,
      tls,
      token: { id: 'root@pam!t', secret: 'x' },
      maxAnswerBytes: 2 * 1024 * 1024,
    });
    const err = await failure(c.isoImages('pve', 'local'));
    expect(err.message).toBe(
      'The answer to GET /nodes/pve/storage/local/content was larger than 2 MiB: refused',
    );
  });
});
