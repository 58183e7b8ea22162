/**
 * HTTPS and plain HTTP on one port, as pveproxy answers both on 8006: a TLS ClientHello starts
 * with 0x16, anything else is plain HTTP. The first bytes are already read, so the protocol
 * servers get a stream that replays them.
 */
import type http from 'node:http';
import net from 'node:net';
import { Duplex } from 'node:stream';

export function onePortForBoth(
  tlsServer: net.Server,
  plainServer: http.Server,
  sockets: Set<net.Socket>,
): net.Server {
  return net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first) => {
      const stream = new Duplex({
        read() {},
        write(chunk: Buffer, _encoding, done) {
          socket.write(chunk, done);
        },
        final(done) {
          socket.end();
          done();
        },
        destroy(err, done) {
          socket.destroy();
          done(err);
        },
      });
      stream.push(first);
      socket.on('data', (chunk) => stream.push(chunk));
      socket.on('end', () => stream.push(null));
      socket.on('close', () => stream.destroy());
      socket.on('error', () => stream.destroy());
      (first[0] === 0x16 ? tlsServer : plainServer).emit('connection', stream);
    });
  });
}
