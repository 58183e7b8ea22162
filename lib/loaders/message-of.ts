/** The words of a failure, whatever was thrown. */
export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
