/**
 * A self-signed X.509 certificate made at start with node:crypto alone: RSA 2048, SHA-256,
 * subject like a Proxmox node's (`O=PVE Cluster Node`), SAN `IP:127.0.0.1, DNS:localhost`, and
 * marked as a CA so the same PEM can serve as the `ca` file a client trusts.
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

export function makeCertificate(
  commonName: string,
  now = new Date(),
  serialBytes: Buffer = randomBytes(8),
): Certificate {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const subject = name([
    ['2.5.4.11', 'PVE Cluster Node'],
    ['2.5.4.10', 'Proxmox Virtual Environment'],
    ['2.5.4.3', commonName],
  ]);
  // A positive INTEGER in minimal DER: the first byte neither has its top bit set nor is zero.
  const serial = Buffer.from(serialBytes);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const altNames = seq(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from('localhost')));
  const extensions = der(
    0xa3,
    seq(
      seq(
        oid('2.5.29.19'),
        der(0x01, Buffer.from([0xff])),
        der(0x04, seq(der(0x01, Buffer.from([0xff])))),
      ),
      seq(oid('2.5.29.17'), der(0x04, altNames)),
    ),
  );
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    SHA256_RSA,
    subject,
    seq(
      utcTime(new Date(now.getTime() - 86400000)),
      utcTime(new Date(now.getTime() + 730 * 86400000)),
    ),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign(
    'sha256',
    tbs,
    createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })),
  );
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
