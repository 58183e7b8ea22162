/**
 * Turns what came back (or did not) into a ProxmoxError: the message from the HTTP reason
 * phrase merged with the body's `message`, the per-parameter `errors`, and a kind. Empty and
 * non-JSON bodies (auth-layer 401s, 595/596 proxy errors) are normal, not a crash.
 */
import { CertificateError, ProxmoxError, type ProxmoxErrorKind } from '../errors';

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EPIPE: 'connection closed by the server',
  ERR_SOCKET_CONNECTION_TIMEOUT: 'connection timed out',
};

function kindFor(status: number, message: string): ProxmoxErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 400) return 'validation';
  if (status === 595 || status === 596 || status === 597 || status === 598 || status === 599)
    return 'network';
  if (/\bis locked\b|can't lock file/.test(message)) return 'locked';
  if (/already exists|already defined/.test(message)) return 'conflict';
  if (status === 501 || /does not exist|no such/i.test(message)) return 'not-found';
  return 'server';
}

interface Body {
  message?: unknown;
  errors?: unknown;
}

/** Reason phrase first; the body's message adds what the status line had to cut. */
function mergeMessage(reason: string, bodyMessage: string | undefined): string {
  const body = bodyMessage?.trim();
  if (!body) return reason;
  if (!reason || body.startsWith(reason)) return body;
  if (reason.startsWith(body)) return reason;
  return `${reason}: ${body}`;
}

export function errorFromResponse(status: number, reason: string, text: string): ProxmoxError {
  let body: Body = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') body = parsed as Body;
  } catch {
    // Not JSON: the reason phrase is all there is.
  }
  const errors =
    body.errors && typeof body.errors === 'object'
      ? Object.fromEntries(
          Object.entries(body.errors as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
        )
      : undefined;
  const message =
    mergeMessage(reason, typeof body.message === 'string' ? body.message : undefined) ||
    `HTTP ${status}`;
  return new ProxmoxError({ kind: kindFor(status, message), status, message, errors });
}

/** What an axios error carries (checked by shape, so axios need not be loaded here). */
interface AxiosLike {
  isAxiosError: true;
  code?: string;
  message?: string;
  cause?: unknown;
}

function isAxiosError(err: unknown): err is AxiosLike {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { isAxiosError?: unknown }).isAxiosError === true
  );
}

/** What the client knew of the call that failed. */
export interface CallContext {
  /** `host:port` */
  where: string;
  /** `GET /access/domains` */
  call: string;
  timeoutMs: number;
  /** The call's total deadline, not the user, stopped it. */
  timedOut: boolean;
  maxAnswerBytes: number;
}

/** `256 KiB`, `8 MiB`: limits are set in whole KiB or MiB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

export function errorFromFailure(err: unknown, context: CallContext): ProxmoxError {
  if (err instanceof ProxmoxError) return err;
  const { where, call } = context;
  const cause = isAxiosError(err) ? (err.cause ?? err) : err;
  if (cause instanceof CertificateError) return cause;
  if (isAxiosError(err)) {
    if (err.code === 'ERR_CANCELED' && !context.timedOut)
      return new ProxmoxError({ kind: 'cancelled', status: 0, message: 'Cancelled' });
    if (err.code === 'ERR_CANCELED' || err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') {
      return new ProxmoxError({
        kind: 'timeout',
        status: 0,
        message: `${where} did not answer ${call} within ${seconds(context.timeoutMs)}`,
      });
    }
    if (err.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(err.message ?? '')) {
      return new ProxmoxError({
        kind: 'server',
        status: 0,
        message: `The answer to ${call} was larger than ${formatBytes(context.maxAnswerBytes)}: refused`,
      });
    }
  }
  const code = (cause as { code?: string }).code ?? '';
  const text = NETWORK_CODES[code] ?? (cause instanceof Error ? cause.message : String(cause));
  return new ProxmoxError({
    kind: 'network',
    status: 0,
    message: `Cannot reach ${where}: ${text}`,
  });
}
