/**
 * The login step's work, apart from the screen: loading realms, logging in with a password or
 * an API token, the second factor, and trusting a certificate (once, or remembered in
 * known_servers). It answers in outcomes the screen can show; the password lives only in the
 * call that needs it.
 */
import type { ApiToken, ClientOptions } from '../services/client/client';
import { parseServer } from '../services/client/address';
import type { TlsOptions } from '../services/client/tls';
import { CertificateError, ProxmoxError } from '../services/errors';
import type { ProxmoxApi, Realm, TfaResponse } from '../services/proxmox-api';
import { CaFileError, readCaFile } from './ca-file';
import { KnownServersError, type KnownServers } from './known-servers';
import type { TlsSettings } from './settings';
import { byCodePoint } from './model/order';
import { leftOutNote } from './strings';
import type {
  LoginInput,
  LoginOutcome,
  NotRemembered,
  RealmChoice,
  RealmsOutcome,
} from './wizard/login-types';

/** A client that can also say whether it holds a session. */
export type SessionApi = ProxmoxApi & { readonly authenticated: boolean };

export interface LoginDeps {
  tls: TlsSettings;
  /** `user@realm!tokenid` in token mode. */
  token?: string;
  known: KnownServers;
  makeApi(options: ClientOptions): SessionApi;
  /** Count the work as pending for the app (so tests can wait for it). */
  track?<T>(work: Promise<T>): Promise<T>;
  onAuthenticated(api: SessionApi, session: { username: string; server: string }): void;
}

/**
 * "Linux PAM standard authentication (pam)", sorted by what is shown. The server answers in
 * no particular order (a Perl hash) and the web UI's realm combo keeps it; pvevm sorts by code
 * point, as ExtJS sorters do (lib/model/order.ts).
 */
export function realmChoices(realms: Realm[]): RealmChoice[] {
  return realms
    .map((r) => ({ value: r.realm, label: r.comment ? `${r.comment} (${r.realm})` : r.realm }))
    .sort((a, b) => byCodePoint(a.label, b.label));
}

/** `user@realm` names its realm; a bare user takes the realm select's. */
export function splitUser(username: string): { user: string; realm?: string } {
  const at = username.lastIndexOf('@');
  return at > 0
    ? { user: username.slice(0, at), realm: username.slice(at + 1) }
    : { user: username };
}

export class LoginActions {
  /** A fingerprint the user chose to trust for this session. */
  private trusted = new Map<string, string>();
  private api: SessionApi | undefined;
  private apiKey = '';
  private retry: (() => Promise<LoginOutcome | RealmsOutcome>) | undefined;

  constructor(private readonly deps: LoginDeps) {}

  get tokenMode(): boolean {
    return this.deps.token !== undefined;
  }

  private tlsFor(hostPort: string): TlsOptions {
    const { tls } = this.deps;
    const pinned = this.trusted.get(hostPort);
    if (pinned) return { fingerprint: pinned };
    if (tls.insecure) return { insecure: true };
    if (tls.fingerprint) return { fingerprint: tls.fingerprint };
    if (tls.ca) return { ca: readCaFile(tls.ca) };
    const known = this.deps.known.lookup(hostPort);
    return known ? { fingerprint: known } : {};
  }

  private client(server: string, secret?: string): SessionApi {
    const address = parseServer(server);
    const hostPort = `${address.host}:${address.port}`;
    const tls = this.tlsFor(hostPort);
    const token: ApiToken | undefined =
      this.deps.token && secret !== undefined ? { id: this.deps.token, secret } : undefined;
    const key = JSON.stringify([address.origin, tls, token?.id]);
    if (!this.api || this.apiKey !== key || token) {
      this.api = this.deps.makeApi({ server: address.origin, tls, token });
      this.apiKey = key;
    }
    return this.api;
  }

  private describe(err: unknown, server: string): LoginOutcome {
    if (err instanceof KnownServersError || err instanceof CaFileError)
      return { kind: 'failed', message: err.message };
    if (err instanceof CertificateError) {
      if (err.problem === 'untrusted')
        return { kind: 'untrusted', server, fingerprint: err.fingerprint, subject: err.subject };
      if (err.problem === 'invalid') {
        return {
          kind: 'unreachable',
          message: `The certificate of ${server} is refused: ${err.detail}. Nothing was sent to it. Check the node's certificate (pvenode cert info) and the --ca file.`,
        };
      }
      return { kind: 'unreachable', message: this.mismatch(server, err.fingerprint) };
    }
    if (err instanceof ProxmoxError) {
      if (err.kind === 'cancelled') return { kind: 'cancelled' };
      if (err.kind === 'auth') return { kind: 'failed', message: `Login failed: ${err.message}` };
      if (err.kind === 'network' || err.kind === 'timeout' || err.kind === 'tls') {
        return {
          kind: 'unreachable',
          message: `${err.message}. Check the server address (--server) and that port 8006 is reachable.`,
        };
      }
      return { kind: 'failed', message: err.message };
    }
    return { kind: 'unreachable', message: err instanceof Error ? err.message : String(err) };
  }

  /**
   * A certificate other than the pinned one may be an attack: said first, with how to check
   * it; pinning the new one is offered only after that, and only for the check's outcome.
   */
  private mismatch(server: string, fingerprint: string): string {
    const address = parseServer(server);
    const hostPort = `${address.host}:${address.port}`;
    const pinnedBy = this.trusted.has(hostPort)
      ? 'the one trusted earlier in this session'
      : this.deps.tls.fingerprint
        ? 'the one given with --fingerprint'
        : `the one remembered in ${this.deps.known.path}`;
    const fix = this.trusted.has(hostPort)
      ? 'start pvevm again and compare the fingerprint it shows'
      : this.deps.tls.fingerprint
        ? `start with --fingerprint ${fingerprint}`
        : `remove the line of ${hostPort} from ${this.deps.known.path}`;
    return [
      `The certificate of ${server} is not ${pinnedBy}: it shows SHA-256 ${fingerprint}.`,
      'This may be an attack (someone between you and the server): nothing was sent.',
      `Compare it with the node's own (pvenode cert info); only if they match, ${fix}.`,
    ].join(' ');
  }

  private tracked<T>(work: Promise<T>): Promise<T> {
    return this.deps.track ? this.deps.track(work) : work;
  }

  realms(server: string): Promise<RealmsOutcome> {
    return this.tracked(this.loadRealms(server));
  }

  logIn(input: LoginInput): Promise<LoginOutcome> {
    return this.tracked(this.attempt(input));
  }

  answerTfa(server: string, response: TfaResponse): Promise<LoginOutcome> {
    return this.tracked(this.complete(server, response));
  }

  private async loadRealms(server: string): Promise<RealmsOutcome> {
    this.retry = () => this.loadRealms(server);
    try {
      const realms = await this.client(server).realms();
      const leftOut = leftOutNote([['realm', realms.leftOut]]);
      return { kind: 'ok', realms: realmChoices(realms), ...(leftOut ? { leftOut } : {}) };
    } catch (err) {
      const outcome = this.describe(err, server);
      return outcome.kind === 'ok' || outcome.kind === 'tfa'
        ? { kind: 'failed', message: 'Unexpected answer' }
        : outcome;
    }
  }

  private async attempt(input: LoginInput): Promise<LoginOutcome> {
    try {
      if (this.tokenMode) {
        // Token sessions need no ticket: a first call proves the token works.
        const api = this.client(input.server, input.secret);
        this.retry = () => this.attempt(input);
        await api.version();
        this.retry = undefined;
        this.deps.onAuthenticated(api, { username: this.deps.token!, server: input.server });
        return { kind: 'ok', username: this.deps.token! };
      }
      const api = this.client(input.server);
      const { user, realm } = splitUser(input.username.trim());
      this.retry = undefined;
      const result = await api.login({
        username: realm ? `${user}@${realm}` : user,
        password: input.secret,
        realm: realm ? undefined : input.realm,
      });
      if (result.kind === 'tfa') {
        const { totp, recovery, yubico } = result.challenge;
        return { kind: 'tfa', totp, recovery, yubico };
      }
      this.deps.onAuthenticated(api, { username: result.session.username, server: input.server });
      return { kind: 'ok', username: result.session.username };
    } catch (err) {
      return this.describe(err, input.server);
    }
  }

  private async complete(server: string, response: TfaResponse): Promise<LoginOutcome> {
    const api = this.api;
    if (!api) return { kind: 'failed', message: 'Log in first' };
    try {
      const session = await api.completeTfa(response);
      this.deps.onAuthenticated(api, { username: session.username, server });
      return { kind: 'ok', username: session.username };
    } catch (err) {
      const outcome = this.describe(err, server);
      return outcome.kind === 'failed'
        ? { kind: 'failed', message: 'That code was not accepted: try again' }
        : outcome;
    }
  }

  /**
   * Trust the certificate the server showed, then repeat what it interrupted. When it cannot be
   * remembered, it is trusted for this session and that is said first: trusting it again
   * without remembering goes on.
   */
  async trust(
    server: string,
    fingerprint: string,
    remember: boolean,
  ): Promise<LoginOutcome | RealmsOutcome | NotRemembered | undefined> {
    const address = parseServer(server);
    const hostPort = `${address.host}:${address.port}`;
    this.trusted.set(hostPort, fingerprint);
    if (remember) {
      try {
        this.deps.known.remember(hostPort, fingerprint);
      } catch (err) {
        if (!(err instanceof KnownServersError)) throw err;
        return { kind: 'notRemembered', message: err.message };
      }
    }
    const retry = this.retry;
    this.retry = undefined;
    return retry ? this.tracked(retry()) : undefined;
  }

  cancel(): void {
    this.api?.cancelAll();
  }
}
