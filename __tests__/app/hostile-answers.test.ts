/**
 * A server that never stops sending: the realm load is refused at the answer limit with a clear
 * message, and Ctrl-Q quits at once, while the answer still arrives and after.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownServers } from '../../lib/known-servers';
import { ProxmoxClient } from '../../services/client/client';
import { appHarness, type AppHarness } from '../support/app';
import {
  closeHostileServers,
  endlessList,
  hostileCert,
  serveHostile,
} from '../support/hostile-server';

let t: AppHarness | undefined;
afterEach(async () => {
  t?.h.destroy();
  t = undefined;
  await closeHostileServers();
});

const sent = { bytes: 0 };

/** Lets the event loop run (I/O included) until `done`, a turn at a time. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise<void>((resolve) => setImmediate(resolve));
}

async function hostileApp(): Promise<AppHarness> {
  sent.bytes = 0;
  const server = await serveHostile(endlessList(sent));
  return appHarness(
    {},
    {
      login: {
        settings: {
          server,
          tls: { fingerprint: hostileCert.fingerprint },
          defaults: {},
          demo: false,
          configFile: '/nonexistent/config.json',
          theme: 'auto',
        },
        known: new KnownServers(join(mkdtempSync(join(tmpdir(), 'pvevm-known-')), 'known')),
        makeApi: (o) => new ProxmoxClient({ ...o, maxAnswerBytes: 1024 * 1024 }),
      },
    },
  );
}

describe('an endless answer', () => {
  it('is refused on the login screen, naming the call; Ctrl-Q then quits', async () => {
    t = await hostileApp();
    await t.h.settle();
    expect(t.h.lines().join(' ')).toContain(
      'Error: Could not load realms: The answer to GET /access/domains was larger',
    );
    await t.h.press('C-q');
    expect(t.exits).toEqual([130]);
  });

  it('Ctrl-Q quits while the answer is still arriving', async () => {
    t = await hostileApp();
    await until(() => sent.bytes > 0);
    const started = Date.now();
    t.h.input.write('\x11');
    await until(() => t!.exits.length > 0);
    expect(t.exits).toEqual([130]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
