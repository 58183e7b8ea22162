/**
 * The HTTP side of pveproxy as clients see it: parameters from the query and the body (form or
 * JSON), the ticket cookie, and answers with its headers, reason phrases and error envelope.
 */
import http from 'node:http';
import { SimError } from './errors';
import type { RequestRecord } from './options';
import type { PveVersion } from './state';

/** Form decoding as PVE does it: pairs split on `&` and `;`, `+` is a space. */
export function decodeForm(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of body.split(/[&;]/)) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    out[decode(eq < 0 ? pair : pair.slice(0, eq))] = eq < 0 ? '' : decode(pair.slice(eq + 1));
  }
  return out;
}

/** The call's parameters: the query, and the body (form or JSON) with the query winning. */
export function paramsOf(
  search: URLSearchParams,
  body: string,
  contentType: string,
): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(search);
  if (body) {
    const parsed = contentType.startsWith('application/json')
      ? Object.fromEntries(
          Object.entries(JSON.parse(body) as Record<string, unknown>).map(([k, v]) => [
            k,
            typeof v === 'boolean' ? (v ? '1' : '0') : String(v),
          ]),
        )
      : decodeForm(body);
    Object.assign(params, { ...parsed, ...Object.fromEntries(search) });
  }
  return params;
}

export function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * The reason phrase for a message: its first line. pveproxy sends any bytes there, but Node
 * refuses control characters and writes others re-encoded, so a line that is not printable
 * ASCII gets the standard phrase; the body's `message` (9.x) carries the text.
 */
function statusLine(message: string): string {
  const line = message.split('\n')[0]!.replace(/\r/g, '');
  return /^[\x20-\x7e]*$/.test(line) ? line : '';
}

/** The answer to one request, noted in its record when sent. */
export class Answer {
  constructor(
    private readonly res: http.ServerResponse,
    private readonly record: RequestRecord,
    private readonly clock: () => number,
    private readonly version: PveVersion,
    /** Told of every answer as it is sent (`pvevm-sim --trace`). */
    private readonly sent?: (record: RequestRecord) => void,
  ) {}

  async send(
    status: number,
    message: string,
    payload?: Record<string, unknown>,
    delay = 0,
  ): Promise<void> {
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    this.record.status = status;
    this.record.answeredMs = performance.now();
    this.sent?.(this.record);
    const reason = statusLine(message) || http.STATUS_CODES[status] || 'Error';
    const headers: Record<string, string> = {
      Server: 'pve-api-daemon/3.0',
      'Cache-Control': 'max-age=0',
      Pragma: 'no-cache',
      Expires: new Date(this.clock()).toUTCString(),
    };
    if (status >= 400) headers.Connection = 'close';
    if (payload) {
      const text = JSON.stringify(payload);
      this.res.writeHead(status, reason, {
        ...headers,
        'Content-Type': 'application/json;charset=UTF-8',
        'Content-Length': String(Buffer.byteLength(text)),
      });
      this.res.end(text);
    } else {
      this.res.writeHead(status, reason, { ...headers, 'Content-Length': '0' });
      this.res.end();
    }
  }

  fail(err: SimError, delay = 0): Promise<void> {
    const payload: Record<string, unknown> = { data: null };
    if (err.errors) payload.errors = err.errors;
    // libpve-http-server >= 5.2 (late 8.3, 8.4, 9.x) adds `message`; this 8.3 is an older one.
    if (this.version !== '8.3') payload.message = `${err.message}\n`;
    return this.send(err.status, err.message, payload, delay);
  }

  /** A 200 with this body as it is (malformed JSON, wrong shapes). */
  raw(body: string): void {
    this.record.status = 200;
    this.record.answeredMs = performance.now();
    this.sent?.(this.record);
    this.res.writeHead(200, 'OK', { 'Content-Type': 'application/json;charset=UTF-8' });
    this.res.end(body);
  }
}
