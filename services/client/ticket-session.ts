/**
 * A password session as Proxmox VE keeps it: a ticket cookie + CSRF token from
 * `/access/ticket`, the second-factor half ticket, renewal with the old ticket before the two
 * hours run out, and the reason a session ended so later calls can say so.
 */
import type { Method } from 'axios';
import { ProxmoxError, SessionExpiredError } from '../errors';
import type {
  ApiParams,
  LoginResult,
  PasswordCredentials,
  Session,
  TfaResponse,
} from '../proxmox-api';
import { challengeOf, str } from './shapes';

/** An unauthenticated POST to `/access/ticket`, answering with the envelope's data. */
export type TicketRequest = (params: ApiParams) => Promise<unknown>;

interface Ticket {
  username: string;
  ticket: string;
  csrf: string;
  issuedAt: number;
}

interface PendingTfa {
  username: string;
  ticket: string;
  csrf: string;
}

/** Proxmox VE accepts a ticket for two hours after it was issued. */
const TICKET_LIFETIME_MS = 2 * 3600 * 1000;
/** A renewal that meets a network error, a timeout or a 5xx is tried once more at once. */
const RENEWAL_TRIES = 2;

export class TicketSession {
  private ticket: Ticket | undefined;
  private pendingTfa: PendingTfa | undefined;
  private renewal: Promise<void> | undefined;
  /** Why the ticket was dropped: later calls fail as an expired session, not a bare 401. */
  private ended: string | undefined;

  constructor(
    private readonly request: TicketRequest,
    /** Renew the ticket once it is this old. */
    private readonly renewAfterMs: number,
    /** Milliseconds since the epoch. */
    private readonly clock: () => number,
  ) {}

  /** Whether a ticket is held. */
  get active(): boolean {
    return !!this.ticket;
  }

  /** The cookie, and for a call that changes something the CSRF token. */
  headers(method: Method): Record<string, string> {
    if (!this.ticket) return {};
    const headers: Record<string, string> = {
      Cookie: `PVEAuthCookie=${encodeURIComponent(this.ticket.ticket)}`,
    };
    if (method !== 'GET') headers.CSRFPreventionToken = this.ticket.csrf;
    return headers;
  }

  /** The ticket to call with: renewed when old, refused as an expired session when gone. */
  async fresh(): Promise<void> {
    if (!this.ticket) {
      if (this.ended) throw new SessionExpiredError(this.ended);
      return;
    }
    const age = this.clock() - this.ticket.issuedAt;
    if (age >= TICKET_LIFETIME_MS) {
      this.endSession('the ticket is more than two hours old');
      throw new SessionExpiredError(this.ended!);
    }
    if (age >= this.renewAfterMs) await this.renew();
  }

  async login(credentials: PasswordCredentials): Promise<LoginResult> {
    this.ticket = undefined;
    this.ended = undefined;
    this.pendingTfa = undefined;
    // `user@realm` already names the realm; sending both would make `user@realm@realm`.
    const params: ApiParams = { username: credentials.username, password: credentials.password };
    if (!credentials.username.includes('@') && credentials.realm) params.realm = credentials.realm;
    const data = (await this.request(params)) as Record<string, unknown> | null;
    if (!data || typeof data !== 'object')
      throw new ProxmoxError({ kind: 'auth', status: 401, message: 'authentication failure' });
    const ticket = str(data.ticket) ?? '';
    if (Number(data.NeedTFA) === 1 || ticket.startsWith('PVE:!tfa!')) {
      const username = str(data.username) ?? credentials.username;
      this.pendingTfa = { username, ticket, csrf: str(data.CSRFPreventionToken) ?? '' };
      return { kind: 'tfa', challenge: { username, ...challengeOf(ticket) } };
    }
    return { kind: 'ok', session: this.adopt(data) };
  }

  async completeTfa(response: TfaResponse): Promise<Session> {
    const pending = this.pendingTfa;
    if (!pending)
      throw new ProxmoxError({
        kind: 'auth',
        status: 0,
        message: 'No second factor was asked for: log in first',
      });
    const data = (await this.request({
      username: pending.username,
      'tfa-challenge': pending.ticket,
      password: `${response.type}:${response.code.trim()}`,
    })) as Record<string, unknown>;
    this.pendingTfa = undefined;
    return this.adopt(data);
  }

  private endSession(why: string): void {
    this.ticket = undefined;
    this.ended = why;
  }

  private renew(): Promise<void> {
    this.renewal ??= this.renewTicket().finally(() => {
      this.renewal = undefined;
    });
    return this.renewal;
  }

  /**
   * The old ticket is the password. Only a 401 means it is gone; any other failure leaves it
   * valid for the rest of its two hours, so the call goes on with it and the next one renews.
   */
  private async renewTicket(): Promise<void> {
    const current = this.ticket!;
    for (let attempt = 1; ; attempt++) {
      try {
        const data = (await this.request({
          username: current.username,
          password: current.ticket,
        })) as Record<string, unknown> | null;
        // A login in the meantime made a ticket of its own.
        if (this.ticket !== current) return;
        if (data && typeof data === 'object' && str(data.ticket)) this.adopt(data);
        return;
      } catch (err) {
        if (this.ticket !== current) return;
        if (err instanceof ProxmoxError && err.status === 401) {
          this.endSession('the ticket could not be renewed');
          throw new SessionExpiredError(this.ended!);
        }
        if (err instanceof ProxmoxError && err.kind === 'cancelled') throw err;
        if (!worthRetrying(err) || attempt >= RENEWAL_TRIES) return;
      }
    }
  }

  private adopt(data: Record<string, unknown>): Session {
    const username = str(data.username) ?? '';
    this.ticket = {
      username,
      ticket: str(data.ticket) ?? '',
      csrf: str(data.CSRFPreventionToken) ?? '',
      issuedAt: this.clock(),
    };
    return { username, clusterName: str(data.clustername) };
  }
}

/** What may well work a moment later: no answer, a timeout, a 5xx. */
function worthRetrying(err: unknown): boolean {
  if (!(err instanceof ProxmoxError)) return false;
  return err.kind === 'network' || err.kind === 'timeout' || err.status >= 500;
}
