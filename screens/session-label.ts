/**
 * Who is logged in where, as the header names it: `root@pam on pve1.example.com`, shortened to
 * the room there is. The host matters most (an admin of several clusters must see the target),
 * so it gives way last: its domain first; then the user name is cut (keeping its realm and token
 * name) before the host's middle is. IP addresses are never cut to a part. The scheme is always
 * https and the port says little (8006, or a proxy's 443), so neither is shown.
 */
import { cut, cutMiddle, displayWidth, sanitize } from '../widgets/text';

const SEPARATOR = ' on ';
/** The host is cut in its middle no shorter than this while the user name can give way. */
const HOST_FLOOR = 12;
/** The user name (before its realm) gives way down to this many cells before the host does. */
const NAME_FLOOR = 8;

interface Host {
  name: string;
  isIp: boolean;
}

/** The host of `host`, `host:port` or `https://host:port/` (an IPv6 address without brackets). */
function parseHost(server: string): Host {
  const text = sanitize(server.trim())
    .replace(/^https:\/\//i, '')
    .replace(/\/+$/, '');
  const m = /^\[([^\]]*)\](?::\d+)?$/.exec(text) ?? /^([^:]*)(?::\d+)?$/.exec(text);
  const name = m ? m[1]! : text;
  return { name, isIp: name.includes(':') || /^\d{1,3}(\.\d{1,3}){3}$/.test(name) };
}

/** The host's shortest readable form: an IP whole, a DNS name's first label. */
function shortHost(host: Host): string {
  return host.isIp ? host.name : host.name.split('.')[0] || host.name;
}

/** The labels that shorten nothing but the host's domain, longest first. */
export function sessionLabels(username: string, server: string): string[] {
  const user = sanitize(username);
  const host = parseHost(server);
  const hosts = [host.name, shortHost(host)];
  return [...new Set(hosts)].map((h) => `${user}${SEPARATOR}${h}`);
}

/** A user name's parts: the name, and `@realm` (with a token's `!name`) that is kept whole. */
function splitUser(user: string): { name: string; realm: string } {
  const at = user.lastIndexOf('@');
  return at > 0 ? { name: user.slice(0, at), realm: user.slice(at) } : { name: user, realm: '' };
}

/** The longest label that fits in `width` cells (plain text, still to be escaped). */
export function sessionLabel(
  username: string,
  server: string,
  width: number,
  ellipsis = '…',
): string {
  const fitting = sessionLabels(username, server).find((l) => displayWidth(l) <= width);
  if (fitting !== undefined) return fitting;
  const user = sanitize(username);
  const parsed = parseHost(server);
  const host = shortHost(parsed);
  const sep = displayWidth(SEPARATOR);
  const { name, realm } = splitUser(user);
  const cutName = (room: number) =>
    displayWidth(name) <= room ? name : cut(name, room - displayWidth(ellipsis)) + ellipsis;
  // The host gets what the user name leaves at its floor, never less than its own floor; an IP
  // stays whole. The user name takes the rest, its realm kept.
  const userFloor = displayWidth(cutName(NAME_FLOOR)) + displayWidth(realm);
  const hostRoom = parsed.isIp
    ? displayWidth(host)
    : Math.min(displayWidth(host), Math.max(HOST_FLOOR, width - sep - userFloor));
  const shownHost = cutMiddle(host, hostRoom, ellipsis);
  const nameRoom = width - sep - displayWidth(shownHost) - displayWidth(realm);
  if (nameRoom >= 1 + displayWidth(ellipsis))
    return cutName(nameRoom) + realm + SEPARATOR + shownHost;
  return cutMiddle(user + SEPARATOR + host, width, ellipsis);
}
