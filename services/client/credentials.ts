/** Calls made as the API token or the ticket; a 401 to a ticket is an expired session. */
import type { Method } from 'axios';
import { ProxmoxError, SessionExpiredError } from '../errors';
import type { ApiToken } from './options';
import type { TicketSession } from './ticket-session';

export async function withCredentials<T>(
  token: ApiToken | undefined,
  session: TicketSession,
  method: Method,
  call: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  if (!token) await session.fresh();
  const headers = token
    ? { Authorization: `PVEAPIToken=${token.id}=${token.secret}` }
    : session.headers(method);
  try {
    return await call(headers);
  } catch (err) {
    if (refused(err) && session.active) throw new SessionExpiredError(err.message);
    throw err;
  }
}

/** The server's 401 to a call made with credentials. */
function refused(err: unknown): err is ProxmoxError {
  return err instanceof ProxmoxError && err.status === 401;
}
