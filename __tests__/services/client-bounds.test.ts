/**
 * Bounded answers: a server that sends more than the limit is cut off while it is still
 * sending, and one that drips bytes fails at the total deadline, not after an idle gap.
 */
import { ProxmoxClient } from '../../services/client/client';
import { ProxmoxError } from '../../services/errors';
import {
  closeHostileServers,
  drip,
  endlessList,
  hostileCert,
  serveHostile,
} from '../support/hostile-server';

afterEach(() => closeHostileServers());

async function failure(p: Promise<unknown>): Promise<ProxmoxError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ProxmoxError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

const client = (url: string, extra = {}) =>
  new ProxmoxClient({ server: url, tls: { fingerprint: hostileCert.fingerprint }, ...extra });

describe('a maximum answer size', () => {
  it('refuses an endless realm list early, naming the call and the limit', async () => {
    // The answer never ends: only a client that stops reading at the limit returns.
    const sent = { bytes: 0 };
    const url = await serveHostile(endlessList(sent));
    const err = await failure(client(url, { maxAnswerBytes: 256 * 1024 }).realms());
    expect(err.kind).toBe('server');
    expect(err.message).toBe('The answer to GET /access/domains was larger than 256 KiB: refused');
    expect(sent.bytes).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses an oversized list of an authenticated call the same way', async () => {
    const url = await serveHostile(endlessList());
    const c = client(url, {
      maxAnswerBytes: 1024 * 1024,
      token: { id: 'root@pam!t', secret: 'x' },
    });
    const err = await failure(c.nodes());
    expect(err.message).toBe('The answer to GET /nodes was larger than 1 MiB: refused');
  });

  it('accepts an answer under the limit', async () => {
    const url = await serveHostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ data: [{ realm: 'pam', type: 'pam' }] }));
    });
    const realms = await client(url, { maxAnswerBytes: 1024 }).realms();
    expect(realms.map((r) => r.realm)).toEqual(['pam']);
  });
});

describe('a total deadline per call', () => {
  it('fails a server that drips a byte every 100 ms at the deadline', async () => {
    const url = await serveHostile(drip(100));
    const started = Date.now();
    const err = await failure(client(url, { timeoutMs: 600 }).realms());
    const took = Date.now() - started;
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(
      /^127\.0\.0\.1:\d+ did not answer GET \/access\/domains within 0\.6 s$/,
    );
    // Every gap is shorter than the deadline: an idle timeout would never fire.
    expect(took).toBeGreaterThanOrEqual(550);
    expect(took).toBeLessThan(3000);
  });

  it('is still a cancellation when the user cancels', async () => {
    const url = await serveHostile(() => undefined);
    const c = client(url, { timeoutMs: 5000 });
    const pending = failure(c.realms());
    setImmediate(() => c.cancelAll());
    expect((await pending).kind).toBe('cancelled');
  });
});
