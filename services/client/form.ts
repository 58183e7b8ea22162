/**
 * Form bodies and query strings as Proxmox reads them: URLSearchParams percent-encodes `;` and
 * `+` (the server splits on `;` and turns `+` into a space); booleans become `1`/`0`.
 */
import type { ApiParams } from '../proxmox-api';

export function encodeParams(params: ApiParams | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined) continue;
    search.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return search.toString();
}
