/**
 * The `--ca` file: PEM certificates (the cluster's pve-root-ca.pem). One that is missing,
 * unreadable or not PEM is refused by name, before anything connects: silently ignoring it would
 * turn a typo into a first-contact question.
 */
import { readFileSync, statSync } from 'node:fs';

/** A CA file of this size is no CA file (and /dev/zero is not read to the end). */
const MAX_BYTES = 1024 * 1024;

export class CaFileError extends Error {}

/** node:crypto, loaded when there is a file to check: a start without --ca does not pay for it. */
function x509(): typeof import('node:crypto').X509Certificate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof import('node:crypto')).X509Certificate;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

function unreadable(path: string, err: unknown): CaFileError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'cannot be read: permission denied'
        : `cannot be read (${code ?? String(err)})`;
  return new CaFileError(`The CA file ${path} (--ca) ${why}`);
}

/** The file's PEM text, or a CaFileError saying what is wrong with it. */
export function readCaFile(path: string): string {
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile())
      throw new CaFileError(
        `The CA file ${path} (--ca) is not a file: give a PEM certificate file`,
      );
    if (stat.size > MAX_BYTES)
      throw new CaFileError(`The CA file ${path} (--ca) is too large to be a CA certificate`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof CaFileError) throw err;
    throw unreadable(path, err);
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new CaFileError(
      `The CA file ${path} (--ca) is not in PEM form (no -----BEGIN CERTIFICATE----- block): use the cluster's /etc/pve/pve-root-ca.pem`,
    );
  }
  const X509Certificate = x509();
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw new CaFileError(
        `The CA file ${path} (--ca) has a certificate block that is not a valid certificate`,
      );
    }
  }
  return text;
}
