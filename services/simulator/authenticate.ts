/**
 * Who is calling, as pveproxy decides it before any handler runs: an API token, or a ticket
 * (cookie or header) with the CSRF token on every call that is not a GET. Public endpoints
 * need neither.
 */
import type http from 'node:http';
import type { TicketAuthority } from './auth';
import type { RequestRecord } from './options';
import type { ClusterState } from './state';
import { cookie } from './wire';

export type Caller = { user?: string; viaToken: boolean } | { refused: string };

export interface AuthRequest {
  headers: http.IncomingHttpHeaders;
  method: string;
  /** The endpoint answers without a login (realms, the ticket call). */
  public: boolean;
  nowMs: number;
}

function byToken(value: string, state: ClusterState): Caller {
  const at = value.lastIndexOf('=');
  const id = value.slice(0, at);
  if (at < 0 || state.tokens[id] !== value.slice(at + 1)) {
    return { refused: 'Authentication failed!' };
  }
  return { user: id, viaToken: true };
}

function byTicket(request: AuthRequest, tickets: TicketAuthority, record: RequestRecord): Caller {
  const { headers, nowMs } = request;
  const ticket =
    cookie(headers.cookie, 'PVEAuthCookie') ??
    /^PVEAuthCookie=(.+)$/.exec(headers.authorization ?? '')?.[1];
  if (!ticket) return { refused: 'No ticket' };
  record.auth = 'ticket';
  const user = tickets.verify(ticket, nowMs / 1000);
  if (!user) return { refused: 'Authentication failed!' };
  if (request.method !== 'GET') {
    const csrf = headers.csrfpreventiontoken;
    if (typeof csrf !== 'string' || !tickets.verifyCsrf(csrf, user, nowMs / 1000)) {
      return { refused: 'Permission denied - invalid csrf token' };
    }
  }
  return { user, viaToken: false };
}

/** The caller, noted in the record (`token`, `ticket`), or why the call gets a 401. */
export function authenticate(
  request: AuthRequest,
  state: ClusterState,
  tickets: TicketAuthority,
  record: RequestRecord,
): Caller {
  const token = /^PVEAPIToken[= ](.+)$/.exec(request.headers.authorization ?? '');
  if (token) {
    record.auth = 'token';
    return byToken(token[1]!, state);
  }
  if (request.public) return { viaToken: false };
  return byTicket(request, tickets, record);
}
