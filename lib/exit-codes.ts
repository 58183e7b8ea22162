/** Exit codes of the command line (documented in the README). */
export const EXIT = {
  created: 0,
  failed: 1,
  usage: 2,
  /** The create call's outcome could not be learned: the VM may or may not exist. */
  unknown: 3,
  cancelled: 130,
} as const;
