/**
 * Which failures say nothing about the call's outcome, and how long to wait before asking again.
 * No answer, a reset, a timeout, a proxy error (595-599) or a bare 5xx without a Proxmox message
 * (or an answer that cannot be read) is the transport failing: the call may or may not have been carried out. A 4xx, a 501, or a
 * 500 carrying Proxmox's own text (`VM 100 already exists …`) is the server's verdict.
 */
import { ProxmoxError } from './errors';

const BARE_500 = /^(|HTTP 500|Internal Server Error)$/;

export function isTransient(err: unknown): boolean {
  if (!(err instanceof ProxmoxError)) return true;
  if (err.kind === 'cancelled' || err.kind === 'tls' || err.kind === 'auth') return false;
  // No answer, or a 2xx whose body could not be read: the call may have been carried out.
  if (err.status === 0 || (err.status >= 200 && err.status < 300)) return true;
  if (err.status === 500) return BARE_500.test(err.message.trim());
  return err.status >= 502;
}

/** Waits between attempts: 1 s, 2 s, 4 s … at most `maxMs`. */
export function backoffMs(attempt: number, maxMs = 10_000): number {
  return Math.min(1000 * 2 ** attempt, maxMs);
}
