/** A reason `pvevm create` stops, with the exit code it stops with. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}
