/**
 * TLS trust: verification on by default; a CA file; a pinned SHA-256 fingerprint; or insecure
 * (explicit only). The certificate is checked before the connection is handed to the request,
 * so nothing — no password — is sent to a server that is not trusted.
 */
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { CertificateError } from '../errors';

export interface TlsOptions {
  /** PEM text of a CA to trust (e.g. the cluster's pve-root-ca.pem). */
  ca?: string;
  /** Pin the server certificate's SHA-256, `AB:CD:…` as Proxmox prints it. */
  fingerprint?: string;
  /** Accept any certificate. */
  insecure?: boolean;
}

/** `ab:cd…`, `ABCD…` → `AB:CD:…`. */
export function normaliseFingerprint(text: string): string {
  const hex = text.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

function subjectOf(cert: tls.PeerCertificate): string {
  const s = cert.subject ?? {};
  return Object.entries(s)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

function verify(socket: tls.TLSSocket, options: TlsOptions): CertificateError | undefined {
  const cert = socket.getPeerCertificate();
  const fingerprint = cert.fingerprint256 ?? '';
  if (options.insecure) return undefined;
  if (options.fingerprint) {
    return normaliseFingerprint(options.fingerprint) === fingerprint
      ? undefined
      : new CertificateError('mismatch', fingerprint, subjectOf(cert), 'fingerprint differs');
  }
  if (socket.authorized) return undefined;
  return new CertificateError(
    'untrusted',
    fingerprint,
    subjectOf(cert),
    String(socket.authorizationError),
  );
}

type OnCreate = (err: Error | null, socket: Duplex) => void;

/** An agent whose connections are handed over only after the certificate was accepted. */
export class TrustingAgent extends https.Agent {
  constructor(private readonly trust: TlsOptions) {
    super({ keepAlive: true, ca: trust.ca });
  }

  override createConnection(
    options: https.RequestOptions,
    oncreate?: OnCreate,
  ): Duplex | undefined {
    // Chain and host name are checked by Node but not enforced here, so the fingerprint of a
    // refused certificate can be reported; `verify` enforces them.
    const socket = tls.connect({
      ...(options as tls.ConnectionOptions),
      ca: this.trust.ca,
      rejectUnauthorized: false,
    });
    let done = false;
    const finish = (err: Error | null, s?: Duplex) => {
      if (done) return;
      done = true;
      oncreate?.(err, s as Duplex);
    };
    socket.once('secureConnect', () => {
      const problem = verify(socket, this.trust);
      if (problem) {
        socket.destroy();
        finish(problem);
      } else finish(null, socket);
    });
    socket.once('error', (err) => finish(err));
    return undefined;
  }
}
