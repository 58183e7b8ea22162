/**
 * With HTTPS_PROXY set, the client still talks to the server directly, through the agent that
 * checks the pinned certificate: a proxy (here a CONNECT proxy on 127.0.0.1 that would tunnel
 * anything) never sees a connection, a password, or the chance to swap the certificate.
 */
import net from 'node:net';
import { ProxmoxClient } from '../../services/client/client';
import { ProxmoxError } from '../../services/errors';
import { ROOT_USER } from '../../services/simulator/datasets';
import { simulator, type SimSetup } from '../support/simulator';

/** A CONNECT proxy that records every byte it is sent and tunnels what it is asked to. */
async function connectProxy() {
  const received: string[] = [];
  const server = net.createServer((client) => {
    client.on('data', (chunk: Buffer) => {
      received.push(chunk.toString('latin1'));
      const request = /^CONNECT ([^:\s]+):(\d+) /.exec(chunk.toString('latin1'));
      if (!request) return void client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      client.removeAllListeners('data');
      const upstream = net.connect(Number(request[2]), request[1], () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => client.destroy());
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let s: SimSetup;
let proxy: Awaited<ReturnType<typeof connectProxy>>;
const saved = { ...process.env };
beforeEach(async () => {
  s = await simulator();
  proxy = await connectProxy();
  for (const name of ['NO_PROXY', 'no_proxy', 'HTTP_PROXY', 'http_proxy', 'https_proxy'])
    delete process.env[name];
  process.env.HTTPS_PROXY = proxy.url;
});
afterEach(async () => {
  process.env = { ...saved };
  await proxy.close();
  await s.sim.close();
});

const root = { username: ROOT_USER.username, realm: ROOT_USER.realm, password: ROOT_USER.password };

it('a wrong --fingerprint is refused with HTTPS_PROXY set: no password sent anywhere', async () => {
  const wrong = s.sim.fingerprint.replace(/^../, s.sim.fingerprint.startsWith('00') ? '11' : '00');
  const client = new ProxmoxClient({ server: s.sim.url, tls: { fingerprint: wrong } });
  const err = await client.login(root).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ProxmoxError);
  expect(err).toMatchObject({ kind: 'tls', problem: 'mismatch' });
  expect(proxy.received).toEqual([]);
  expect(s.sim.requests).toHaveLength(0);
});

it('the right --fingerprint logs in directly, past the proxy', async () => {
  const client = new ProxmoxClient({ server: s.sim.url, tls: { fingerprint: s.sim.fingerprint } });
  await expect(client.login(root)).resolves.toMatchObject({ kind: 'ok' });
  expect(proxy.received).toEqual([]);
  expect(s.sim.requests.map((r) => r.path)).toContain('/access/ticket');
});
