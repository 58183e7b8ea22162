/** An API error as a Proxmox handler raises it: status, message, and per-parameter errors. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(message);
  }
}

/** `400 Parameter verification failed.` with the given per-field texts. */
export function paramError(errors: Record<string, string>): SimError {
  return new SimError(400, 'Parameter verification failed.', errors);
}
