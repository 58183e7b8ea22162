/**
 * Small hostile HTTPS servers on 127.0.0.1 (the simulator's certificate helper): one whose
 * answers never end, one that drips a byte at a time. `closeHostileServers` ends them all,
 * also after a test that failed by running out of time.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { makeCertificate } from '../../services/simulator/certificate';

export const hostileCert = makeCertificate('hostile');

const servers: https.Server[] = [];

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export async function serveHostile(handler: Handler): Promise<string> {
  const server = https.createServer(
    { key: hostileCert.keyPem, cert: hostileCert.certPem },
    handler,
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function closeHostileServers(): Promise<void> {
  return Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  ).then(() => undefined);
}

/** A JSON list that never ends (`{"data":[{},{},…`), as fast as the client reads; counts bytes. */
export function endlessList(sent: { bytes: number } = { bytes: 0 }): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"data":[');
    const chunk = '{},'.repeat(10_000);
    const pump = () => {
      while (!res.destroyed) {
        sent.bytes += chunk.length;
        if (!res.write(chunk)) break;
      }
    };
    res.on('drain', pump);
    pump();
  };
}

/** Headers, then one space every `everyMs`: never idle for long, never done. */
export function drip(everyMs: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const timer = setInterval(() => res.write(' '), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}
