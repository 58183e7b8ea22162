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
  | 'server';

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
