/**
 * A create the server refused because the VM ID exists: another client took it after the check
 * (Proxmox: `unable to create VM 123 - VM 123 already exists on node 'pve2'`). Nothing was
 * created by this create call; the ID is someone else's VM now. Pure.
 */
export interface TakenVmid {
  vmid: number;
  /** Where the other VM is, when the server said. */
  node?: string;
}

const ALREADY_EXISTS = /\bVM (\d+) already exists(?: on node '([^']*)')?/;

export function takenVmid(message: string): TakenVmid | undefined {
  const m = ALREADY_EXISTS.exec(message);
  if (!m) return undefined;
  return { vmid: Number(m[1]), node: m[2] || undefined };
}

/** What to tell the user: plainly that the ID was taken, and that nothing was made. */
export function takenVmidMessage(taken: TakenVmid): string {
  const where = taken.node ? ` (it is a VM on ${taken.node} now)` : '';
  return `VM ID ${taken.vmid} was taken by another client${where}: nothing was created`;
}
