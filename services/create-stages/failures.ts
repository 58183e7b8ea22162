/** How the creation stages read a failure: its words, whether it was a verdict, and retries. */
import { ProxmoxError } from '../errors';
import type { Clock } from '../tasks';
import { backoffMs, isTransient } from '../transient';

export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A failure without a verdict, with its HTTP status when there was one (`595 No route to host`). */
export const noVerdict = (err: unknown) =>
  err instanceof ProxmoxError && err.status >= 500
    ? `${err.status} ${err.message}`
    : messageOf(err);

export const isLocked = (err: unknown) => err instanceof ProxmoxError && err.kind === 'locked';

/** How to check by hand whether the VM exists. */
export function howToCheck(node: string, vmid: number): string {
  return `check with \`qm status ${vmid}\` on ${node} or the web UI's task list before creating it again`;
}

/**
 * Repeat `work` while the VM is locked or the answer is lost, with backoff, for at most
 * `boundMs`. Only for calls that may be repeated (setting the same options again).
 */
export async function retrying<T>(
  work: () => Promise<T>,
  clock: Clock,
  boundMs: number,
): Promise<T> {
  const until = clock.now() + boundMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!(isLocked(err) || isTransient(err)) || clock.now() >= until) throw err;
      await clock.sleep(backoffMs(attempt));
    }
  }
}
