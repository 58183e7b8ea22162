/**
 * Trusted certificate fingerprints per server, remembered like ssh's known_hosts: one line per
 * server, `host:port SHA256-FINGERPRINT`, in a file only its owner can read (0600).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function defaultKnownServersPath(configFile: string): string {
  return join(dirname(configFile), 'known_servers');
}

export class KnownServers {
  constructor(readonly path: string) {}

  private read(): Map<string, string> {
    if (!existsSync(this.path)) return new Map();
    const entries = readFileSync(this.path, 'utf8')
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
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const text = [...entries].map(([h, fp]) => `${h} ${fp}`).join('\n') + '\n';
    writeFileSync(this.path, text, { mode: 0o600 });
    chmodSync(this.path, 0o600);
  }
}
