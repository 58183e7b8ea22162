/** The one error type every Proxmox call fails with, classified so the UI can act on it. */
export type ProxmoxErrorKind =
  | 'auth'
  | 'permission'
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'locked'
  | 'network'
  | 'timeout'
  | 'tls'
  | 'server'
  /** The caller cancelled the call (not a failure to report). */
  | 'cancelled';

export interface ProxmoxErrorInit {
  kind: ProxmoxErrorKind;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  message: string;
  /** Per-parameter messages of a 400 `Parameter verification failed.` answer. */
  errors?: Record<string, string>;
}

export class ProxmoxError extends Error {
  readonly kind: ProxmoxErrorKind;
  readonly status: number;
  readonly errors: Record<string, string>;

  constructor(init: ProxmoxErrorInit) {
    super(init.message);
    this.name = 'ProxmoxError';
    this.kind = init.kind;
    this.status = init.status;
    this.errors = init.errors ?? {};
  }
}

/** A call made with a ticket answered 401: the session ended; log in again, keep the state. */
export class SessionExpiredError extends ProxmoxError {
  constructor(detail: string) {
    super({ kind: 'auth', status: 401, message: `Session expired (${detail}): log in again` });
    this.name = 'SessionExpiredError';
  }
}

/**
 * The server's certificate is not trusted (first contact), not the one pinned, or refused by
 * the CA given with `--ca` (expired, another name, another CA: `detail` says which).
 */
export class CertificateError extends ProxmoxError {
  constructor(
    readonly problem: 'untrusted' | 'mismatch' | 'invalid',
    /** SHA-256 of the certificate the server showed, `AB:CD:…`. */
    readonly fingerprint: string,
    readonly subject: string,
    readonly detail: string,
  ) {
    super({
      kind: 'tls',
      status: 0,
      message:
        problem === 'mismatch'
          ? `The server's certificate (${fingerprint}) is not the pinned one: refusing to connect (this may be an attack)`
          : problem === 'invalid'
            ? `The server's certificate is refused: ${detail}`
            : `The server's certificate is not trusted (${detail}); its SHA-256 fingerprint is ${fingerprint}`,
    });
    this.name = 'CertificateError';
  }
}
