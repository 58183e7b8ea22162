/** Exit codes of the command line (documented in the README). */
export const EXIT = { created: 0, failed: 1, usage: 2, cancelled: 130 } as const;
