/**
 * X.509 certificates made with node:crypto alone: RSA 2048, SHA-256, subject like a Proxmox
 * node's (`O=PVE Cluster Node`). The simulator's is self-signed with SAN `IP:127.0.0.1,
 * DNS:localhost` and marked as a CA so the same PEM can serve as the `ca` file a client trusts;
 * tests also issue CA-signed, expired and other-name ones.
 */
import {
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';

/** DER: tag, length, content. */
function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  const length =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const seq = (...c: Buffer[]) => der(0x30, ...c);
const set = (...c: Buffer[]) => der(0x31, ...c);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
};
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));
const utcTime = (d: Date) =>
  der(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
const SHA256_RSA = seq(oid('1.2.840.113549.1.1.11'), der(0x05));

function name(fields: [string, string][]): Buffer {
  return seq(...fields.map(([o, v]) => set(seq(oid(o), utf8(v)))));
}

export interface Certificate {
  keyPem: string;
  certPem: string;
  /** SHA-256 over the DER certificate, `AB:CD:…`. */
  fingerprint: string;
}

export interface CertificateRequest {
  commonName: string;
  /** Subject alternative names (default: `IP:127.0.0.1, DNS:localhost`). */
  ips?: number[][];
  dnsNames?: string[];
  notBefore: Date;
  notAfter: Date;
  /** May sign other certificates (a CA); self-signed ones are CAs too. */
  ca?: boolean;
  /** Signed by this CA; self-signed without one. */
  issuer?: Certificate;
  serialBytes?: Buffer;
}

/** Any certificate a test needs: self-signed or CA-signed, expired, for other names. */
export function issueCertificate(request: CertificateRequest): Certificate {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ca = request.ca ?? !request.issuer;
  const subject = name([
    ['2.5.4.11', 'PVE Cluster Node'],
    ['2.5.4.10', 'Proxmox Virtual Environment'],
    ['2.5.4.3', request.commonName],
  ]);
  // A positive INTEGER in minimal DER: the first byte neither has its top bit set nor is zero.
  const serial = Buffer.from(request.serialBytes ?? randomBytes(8));
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const altNames = seq(
    ...(request.ips ?? [[127, 0, 0, 1]]).map((ip) => der(0x87, Buffer.from(ip))),
    ...(request.dnsNames ?? ['localhost']).map((n) => der(0x82, Buffer.from(n))),
  );
  const constraints = ca ? seq(der(0x01, Buffer.from([0xff]))) : seq();
  const extensions = der(
    0xa3,
    seq(
      seq(oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), der(0x04, constraints)),
      seq(oid('2.5.29.17'), der(0x04, altNames)),
    ),
  );
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    SHA256_RSA,
    request.issuer ? subjectOfDer(new X509Certificate(request.issuer.certPem).raw) : subject,
    seq(utcTime(request.notBefore), utcTime(request.notAfter)),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signingKey = request.issuer
    ? createPrivateKey(request.issuer.keyPem)
    : createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const signature = sign('sha256', tbs, signingKey);
  const cert = seq(tbs, SHA256_RSA, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const certPem = `-----BEGIN CERTIFICATE-----\n${cert
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END CERTIFICATE-----\n`;
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem,
    fingerprint: new X509Certificate(certPem).fingerprint256,
  };
}

/**
 * The subject exactly as encoded in a certificate (TBSCertificate's sixth element: version,
 * serial, algorithm, issuer, validity, subject), so a chain matches byte for byte.
 */
function subjectOfDer(certificate: Buffer): Buffer {
  const children = (buf: Buffer): Buffer[] => {
    const items: Buffer[] = [];
    let at = headerLength(buf, 0);
    while (at < buf.length) {
      const size = headerLength(buf, at) + contentLength(buf, at);
      items.push(buf.subarray(at, at + size));
      at += size;
    }
    return items;
  };
  const tbs = children(certificate)[0]!;
  return children(tbs)[5]!;
}

function headerLength(buf: Buffer, at: number): number {
  const first = buf[at + 1]!;
  return first < 0x80 ? 2 : 2 + (first & 0x7f);
}

function contentLength(buf: Buffer, at: number): number {
  const first = buf[at + 1]!;
  if (first < 0x80) return first;
  let n = 0;
  for (let i = 0; i < (first & 0x7f); i++) n = n * 256 + buf[at + 2 + i]!;
  return n;
}

/** Like a Proxmox node's own: self-signed, valid from a day ago for two years. */
export function makeCertificate(
  commonName: string,
  now = new Date(),
  serialBytes: Buffer = randomBytes(8),
): Certificate {
  return issueCertificate({
    commonName,
    notBefore: new Date(now.getTime() - 86400000),
    notAfter: new Date(now.getTime() + 730 * 86400000),
    ca: true,
    serialBytes,
  });
}
