/**
 * Trusted certificate fingerprints per server, remembered like ssh's known_hosts: one line per
 * server, `host:port SHA256-FINGERPRINT`, in a file only its owner can read (0600). A file that
 * cannot be read or written is a KnownServersError saying why, never a crash.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function defaultKnownServersPath(configFile: string): string {
  return join(dirname(configFile), 'known_servers');
}

export class KnownServersError extends Error {}

/** Why a file operation failed, in words (the errno code alone means little to a user). */
function reason(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `a part of the folder ${dirname(path)} is a file, not a folder`;
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

export class KnownServers {
  constructor(readonly path: string) {}

  private read(): Map<string, string> {
    let text: string;
    try {
      if (!existsSync(this.path)) return new Map();
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      throw new KnownServersError(`Cannot read ${this.path}: ${reason(err, this.path)}`);
    }
    const entries = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(/\s+/) as [string, string]);
    return new Map(entries.filter(([, fp]) => fp));
  }

  /** The remembered fingerprint of `hostPort` (`pve.example.com:8006`). */
  lookup(hostPort: string): string | undefined {
    return this.read().get(hostPort);
  }

  remember(hostPort: string, fingerprint: string): void {
    const entries = this.read();
    entries.set(hostPort, fingerprint);
    const text = [...entries].map(([h, fp]) => `${h} ${fp}`).join('\n') + '\n';
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      writeFileSync(this.path, text, { mode: 0o600 });
      chmodSync(this.path, 0o600);
    } catch (err) {
      throw new KnownServersError(
        `Cannot remember the certificate in ${this.path}: ${reason(err, this.path)}`,
      );
    }
  }
}
