/** Value rules shared by the step schemas and the widgets' live checks. Pure. */

/**
 * A DNS name: labels of letters and digits with inner hyphens, joined by dots; at most 63
 * characters a label and 253 in all, since the VM name becomes the guest's hostname.
 */
export const DNS_NAME =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
export const DNS_NAME_TOO_LONG = 'Name is too long: at most 63 characters between dots, 253 in all';
/** A name longer than a DNS name may be, in all or in one of its labels. */
export function dnsNameTooLong(value: string): boolean {
  return value.length > 253 || value.split('.').some((label) => label.length > 63);
}
/** Typing can still make `value` a DNS name (it only lacks its end, e.g. `web-`). */
export function couldBecomeDnsName(value: string): boolean {
  return value === '' || DNS_NAME.test(value) || DNS_NAME.test(value + 'a');
}
export const TAG = /^[a-z0-9_][a-z0-9_\-+.]*$/i;
export const POOL_ID = /^[A-Za-z0-9.\-_]+(\/[A-Za-z0-9.\-_]+){0,2}$/;
export const BRIDGE = /^[-_.\w]+$/;
/** What Proxmox accepts as a node name (one DNS label) and as a storage id. */
export const NODE_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
export const STORAGE_ID = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;
/** Unicast MAC: the low bit of the first octet is clear. */
export const UNICAST_MAC = /^[a-f0-9][02468ace](:[a-f0-9]{2}){5}$/i;
export const VMID_MIN = 100;
export const VMID_MAX = 999999999;
export const DISK_SIZE_MAX_GIB = 131072;
export const MEMORY_MIN_MIB = 16;
export const MEMORY_MAX_MIB = 4194304;

const INTEGER = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** The integer a field holds, or undefined when the text is not a plain non-negative integer. */
export function parseInteger(text: string): number | undefined {
  const t = text.trim();
  if (!INTEGER.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : undefined;
}

/** Lowercased tag, as the server stores it (case-insensitive clusters). */
export function normaliseTag(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Why a tag cannot be added to `tags`, or undefined when it can. */
export function tagProblem(tag: string, tags: readonly string[]): string | undefined {
  if (tag === '') return 'Type a tag first';
  if (!TAG.test(tag)) {
    return 'Tags use letters, digits and _ - + . (not first: - + .)';
  }
  if (tags.includes(tag)) return `Tag "${tag}" is already added`;
  return undefined;
}
