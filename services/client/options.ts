/** What a ProxmoxClient is made with: the server, TLS, a token, the limits of a call. */
import type { TlsOptions } from './tls';

export interface ApiToken {
  /** `user@realm!tokenid` */
  id: string;
  secret: string;
}

export interface ClientOptions {
  server: string;
  tls?: TlsOptions;
  token?: ApiToken;
  /** Per call, from the request to the answer's last byte (not an idle timeout). */
  timeoutMs?: number;
  /** A larger answer is refused while it arrives, before it is parsed. */
  maxAnswerBytes?: number;
  /** Renew the ticket once it is this old (tickets live two hours). */
  renewAfterMs?: number;
  /** Milliseconds since the epoch (injectable for tests). */
  clock?: () => number;
}

/** Enough for thousands of VMs or ISO images; a hostile server cannot freeze or fill pvevm. */
export const DEFAULT_MAX_ANSWER_BYTES = 8 * 1024 * 1024;
