/**
 * Authentication as Proxmox VE does it: signed tickets `PVE:<user>:<HEXTIME>::<sig>` valid for
 * two hours, CSRF tokens bound to the user, half tickets for a pending second factor, RFC 6238
 * TOTP codes, recovery keys and API tokens.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TICKET_LIFETIME_S = 7200;
/** A ticket stamped up to this far in the future is accepted (clock skew between nodes). */
const SKEW_S = 300;

export interface TfaChallengeData {
  totp?: boolean;
  recovery?: number[];
  yubico?: boolean;
}

export class TicketAuthority {
  private readonly key = randomBytes(32);

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64');
  }

  private static stamp(nowS: number): string {
    return Math.floor(nowS).toString(16).toUpperCase().padStart(8, '0');
  }

  issue(user: string, nowS: number): string {
    const data = `PVE:${user}:${TicketAuthority.stamp(nowS)}`;
    return `${data}::${this.sign(data)}`;
  }

  /**
   * A half ticket for a pending second factor: the challenge (with only `:` percent-encoded,
   * as PVE does) in place of the user; the signature binds the user given with the answer.
   */
  issueTfa(user: string, challenge: TfaChallengeData, nowS: number): string {
    const json = JSON.stringify(challenge).replace(/:/g, '%3A');
    const data = `PVE:!tfa!${json}:${TicketAuthority.stamp(nowS)}`;
    return `${data}::${this.sign(`${data}\n${user}`)}`;
  }

  private check(
    ticket: string,
    nowS: number,
    signedFor: (data: string) => string,
  ): string | undefined {
    const at = ticket.lastIndexOf('::');
    if (at < 0) return undefined;
    const data = ticket.slice(0, at);
    const expected = Buffer.from(this.sign(signedFor(data)));
    const given = Buffer.from(ticket.slice(at + 2));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const stamp = parseInt(data.slice(data.lastIndexOf(':') + 1), 16);
    if (!Number.isFinite(stamp) || nowS - stamp > TICKET_LIFETIME_S || stamp - nowS > SKEW_S)
      return undefined;
    return data;
  }

  /** The user of a valid full ticket; undefined when forged, expired, or a half ticket. */
  verify(ticket: string, nowS: number): string | undefined {
    if (ticket.startsWith('PVE:!tfa!')) return undefined;
    const data = this.check(ticket, nowS, (d) => d);
    return data?.slice(4, data.lastIndexOf(':'));
  }

  /** The challenge of a valid half ticket issued to `user`. */
  verifyTfa(ticket: string, user: string, nowS: number): TfaChallengeData | undefined {
    if (!ticket.startsWith('PVE:!tfa!')) return undefined;
    const data = this.check(ticket, nowS, (d) => `${d}\n${user}`);
    if (!data) return undefined;
    return JSON.parse(decodeURIComponent(data.slice(9, data.lastIndexOf(':')))) as TfaChallengeData;
  }

  csrf(user: string, nowS: number): string {
    const stamp = TicketAuthority.stamp(nowS);
    const mac = createHmac('sha256', this.key)
      .update(`${stamp}:${user}`)
      .digest('base64')
      .replace(/=+$/, '');
    return `${stamp}:${mac}`;
  }

  verifyCsrf(token: string, user: string, nowS: number): boolean {
    const [stamp] = token.split(':');
    if (!stamp || nowS - parseInt(stamp, 16) > TICKET_LIFETIME_S) return false;
    const expected = this.csrf(user, parseInt(stamp, 16));
    return expected === token;
  }
}

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error('bad base32');
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((b) => parseInt(b, 2)));
}

/** The RFC 6238 TOTP code (SHA-1, 30 s steps, 6 digits) for `secret` at `nowS`. */
export function totp(secret: string, nowS: number, stepOffset = 0): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(nowS / 30) + stepOffset));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, '0');
}

/** Accept the code of the current step or one step either side, as servers do. */
export function totpMatches(secret: string, code: string, nowS: number): boolean {
  return [-1, 0, 1].some((o) => totp(secret, nowS, o) === code);
}
