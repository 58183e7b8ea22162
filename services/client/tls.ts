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

/** Codes OpenSSL gives a chain that does not lead to the CA it was given. */
const OTHER_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
]);

/** Why the CA file does not vouch for this certificate, in words. */
export function caRefusal(code: string, cert: tls.PeerCertificate, host: string): string {
  if (code === 'CERT_HAS_EXPIRED') return `it expired on ${cert.valid_to}`;
  if (code === 'CERT_NOT_YET_VALID') return `it is not valid before ${cert.valid_from}`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = cert.subjectaltname || `CN=${String(cert.subject?.CN ?? '')}`;
    return `it is for ${names}, not for ${host}`;
  }
  if (OTHER_CA.has(code)) {
    const issuer = Object.entries(cert.issuer ?? {})
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
      .join(', ');
    return `it is not signed by the CA in the --ca file (its issuer: ${issuer})`;
  }
  return `the CA in the --ca file does not vouch for it (${code})`;
}

function verify(
  socket: tls.TLSSocket,
  options: TlsOptions,
  host: string,
): CertificateError | undefined {
  const cert = socket.getPeerCertificate();
  const fingerprint = cert.fingerprint256 ?? '';
  if (options.insecure) return undefined;
  if (options.fingerprint) {
    return normaliseFingerprint(options.fingerprint) === fingerprint
      ? undefined
      : new CertificateError('mismatch', fingerprint, subjectOf(cert), 'fingerprint differs');
  }
  if (socket.authorized) return undefined;
  const code = String(socket.authorizationError);
  // With a CA file given, a refused certificate is no first contact: it is wrong, and why.
  if (options.ca)
    return new CertificateError(
      'invalid',
      fingerprint,
      subjectOf(cert),
      caRefusal(code, cert, host),
    );
  return new CertificateError('untrusted', fingerprint, subjectOf(cert), code);
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
      const host = String(options.servername || options.host || options.hostname || '');
      const problem = verify(socket, this.trust, host);
      if (problem) {
        socket.destroy();
        finish(problem);
      } else finish(null, socket);
    });
    socket.once('error', (err) => finish(err));
    return undefined;
  }
}
