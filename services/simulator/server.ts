/**
 * The Proxmox VE simulator: a real HTTPS server on loopback that speaks the API as pveproxy
 * does — `/api2/json` paths, the `{"data": …}` envelope, ticket cookie and CSRF header, API
 * tokens, auth-layer 401s with empty bodies (delayed), schema validation with the real error
 * texts, 501 for unknown paths and GET bodies, plain HTTP redirected. Faults can be injected
 * per endpoint, and every request is logged for tests to read.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { onePortForBoth } from './one-port';
import type { AddressInfo } from 'node:net';
import { TicketAuthority } from './auth';
import { makeCertificate, type Certificate } from './certificate';
import { dataset, type DatasetName } from './datasets';
import { SimError } from './errors';
import { ROUTES, WithTotal, type Route } from './handlers';
import type { ClusterState, PveVersion } from './state';
import { settleTasks } from './tasks';
import { validateParams, type EndpointSchema } from './validate';
import apiSchema from './api-schema.json';

const SCHEMAS = apiSchema as unknown as Record<PveVersion, Record<string, EndpointSchema>>;

export interface Fault {
  /** Added before the answer. */
  latencyMs?: number;
  /** Answer with this status (and message) instead of handling the call. */
  status?: number;
  message?: string;
  errors?: Record<string, string>;
  /** Close the connection without an answer — after handling the call (it took effect). */
  resetAfter?: boolean;
  /** Close the connection without an answer, before handling the call. */
  reset?: boolean;
  /** Never answer. */
  hang?: boolean;
  /** Create calls: the task fails with this text. */
  taskError?: string;
  /** Create calls: the task succeeds but logs this many warnings. */
  taskWarnings?: number;
  /** Create calls: the config stays locked this much longer after the task. */
  lockMs?: number;
  /** How many calls the fault applies to (default: all until cleared). */
  times?: number;
  /** Let this many calls through untouched first (fail the Nth poll: `skip: N - 1`). */
  skip?: number;
  /** Handle the call (it takes effect), then answer with this status and an empty body. */
  statusAfter?: number;
  /** Handle the call (it takes effect), then never answer: the client times out. */
  hangAfter?: boolean;
  /**
   * The call lands late: no answer now (the connection closes), and it is handled once the
   * simulator's clock is this much further on (a create that reaches pvedaemon after a lookup).
   */
  landAfterMs?: number;
  /** Answer with this raw body (malformed JSON, wrong shapes). */
  rawBody?: string;
  /** Calls with a `vmid`: another client makes a VM with that id on this node just before. */
  vmidTakenOn?: string;
}

export interface RequestRecord {
  method: string;
  /** The API path without `/api2/json`, with the query string. */
  path: string;
  endpoint?: string;
  params: Record<string, string>;
  auth: 'none' | 'ticket' | 'token';
  csrf: boolean;
  status: number;
  /** `performance.now()` when the request arrived and when its answer was sent. */
  receivedMs: number;
  answeredMs?: number;
}

export interface SimulatorOptions {
  dataset?: DatasetName;
  version?: PveVersion;
  port?: number;
  /** Delay of every 401, like PVE's 3 s brute-force damping (0 in tests). */
  authDelayMs?: number;
  /** How long a create task runs. */
  taskDurationMs?: number;
  /** Added before every answer, like a WAN link (benchmarks; `pvevm-sim --latency`). */
  latencyMs?: number;
  /** Milliseconds since the epoch; tests inject a clock to expire tickets and finish tasks. */
  clock?: () => number;
  /** The certificate to present (default: a new self-signed one). */
  certificate?: Certificate;
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  /** SHA-256 of the certificate, `AB:CD:…` as Proxmox prints it. */
  readonly fingerprint: string;
  readonly certPem: string;
  readonly state: ClusterState;
  readonly requests: RequestRecord[];
  options: Required<Omit<SimulatorOptions, 'port' | 'dataset' | 'version' | 'certificate'>>;
  fault(endpoint: string, fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

interface Match {
  route: Route;
  path: Record<string, string>;
}

function match(method: string, apiPath: string): Match | undefined {
  const segments = apiPath.split('/').filter(Boolean).map(decodeURIComponent);
  for (const route of ROUTES) {
    const [m, pattern] = route.endpoint.split(' ') as [string, string];
    if (m !== method) continue;
    const parts = pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const path: Record<string, string> = {};
    if (
      parts.every((p, i) =>
        p.startsWith('{') ? ((path[p.slice(1, -1)] = segments[i]!), true) : p === segments[i],
      )
    ) {
      return { route, path };
    }
  }
  return undefined;
}

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

/**
 * The reason phrase for a message: its first line. pveproxy sends any bytes there, but Node
 * refuses control characters and writes others re-encoded, so a line that is not printable
 * ASCII gets the standard phrase; the body's `message` (9.x) carries the text.
 */
function statusLine(message: string): string {
  const line = message.split('\n')[0]!.replace(/\r/g, '');
  return /^[\x20-\x7e]*$/.test(line) ? line : '';
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const version = options.version ?? '8.3';
  const state = dataset(options.dataset ?? 'demo', version);
  const schemas = SCHEMAS[version];
  const tickets = new TicketAuthority();
  const certificate = options.certificate ?? makeCertificate('pve1.demo.invalid');
  const fingerprint = certificate.fingerprint;
  const requests: RequestRecord[] = [];
  const faults = new Map<string, Fault>();
  const sockets = new Set<net.Socket>();
  /** Calls that land late (`landAfterMs`), run once the clock reaches `at`. */
  const late: { at: number; run: () => void }[] = [];
  const landLateCalls = (nowMs: number) => {
    for (const call of late.filter((c) => c.at <= nowMs)) {
      late.splice(late.indexOf(call), 1);
      try {
        call.run();
      } catch (err) {
        if (!(err instanceof SimError)) throw err;
      }
    }
  };
  const settings = {
    authDelayMs: options.authDelayMs ?? 0,
    taskDurationMs: options.taskDurationMs ?? 2000,
    latencyMs: options.latencyMs ?? 0,
    clock: options.clock ?? Date.now,
  };

  const takeFault = (endpoint: string | undefined): Fault => {
    const fault = endpoint ? faults.get(endpoint) : undefined;
    if (!fault) return {};
    if (fault.skip) {
      fault.skip -= 1;
      return {};
    }
    if (fault.times !== undefined && --fault.times <= 0) faults.delete(endpoint!);
    return fault;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = settings.clock();
    const receivedMs = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'https://localhost');
    const method = req.method ?? 'GET';
    const record: RequestRecord = {
      method,
      path: url.pathname.replace(/^\/api2\/json/, '') + url.search,
      params: {},
      auth: 'none',
      csrf: !!req.headers.csrfpreventiontoken,
      status: 0,
      receivedMs,
    };
    requests.push(record);

    const send = async (
      status: number,
      message: string,
      payload?: Record<string, unknown>,
      delay = 0,
    ) => {
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      record.status = status;
      record.answeredMs = performance.now();
      const reason = statusLine(message) || http.STATUS_CODES[status] || 'Error';
      const headers: Record<string, string> = {
        Server: 'pve-api-daemon/3.0',
        'Cache-Control': 'max-age=0',
        Pragma: 'no-cache',
        Expires: new Date(settings.clock()).toUTCString(),
      };
      if (status >= 400) headers.Connection = 'close';
      if (payload) {
        const text = JSON.stringify(payload);
        res.writeHead(status, reason, {
          ...headers,
          'Content-Type': 'application/json;charset=UTF-8',
          'Content-Length': String(Buffer.byteLength(text)),
        });
        res.end(text);
      } else {
        res.writeHead(status, reason, { ...headers, 'Content-Length': '0' });
        res.end();
      }
    };
    const fail = (err: SimError, delay = 0) => {
      const payload: Record<string, unknown> = { data: null };
      if (err.errors) payload.errors = err.errors;
      // libpve-http-server >= 5.2 (late 8.3, 8.4, 9.x) adds `message`; this 8.3 is an older one.
      if (version !== '8.3') payload.message = `${err.message}\n`;
      return send(err.status, err.message, payload, delay);
    };

    if (!url.pathname.startsWith('/api2/json/')) return send(501, 'no such uri');
    const apiPath = url.pathname.slice('/api2/json'.length);
    if ((method === 'GET' || method === 'DELETE') && body.length > 0)
      return send(501, `Unexpected content for method '${method}'`);
    const found = match(method, apiPath);
    if (!found) return send(501, `Method '${method} ${apiPath}' not implemented`);
    record.endpoint = found.route.endpoint;

    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (body) {
      const type = req.headers['content-type'] ?? '';
      const parsed = type.startsWith('application/json')
        ? Object.fromEntries(
            Object.entries(JSON.parse(body) as Record<string, unknown>).map(([k, v]) => [
              k,
              typeof v === 'boolean' ? (v ? '1' : '0') : String(v),
            ]),
          )
        : decodeForm(body);
      Object.assign(params, { ...parsed, ...Object.fromEntries(url.searchParams) });
    }
    record.params = { ...params, ...(params.password !== undefined ? { password: '***' } : {}) };

    if (settings.latencyMs) await new Promise((r) => setTimeout(r, settings.latencyMs));
    const fault = takeFault(found.route.endpoint);
    if (fault.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault.hang) return;
    if (fault.reset) return req.socket.destroy();
    if (fault.rawBody !== undefined) {
      record.status = 200;
      record.answeredMs = performance.now();
      res.writeHead(200, 'OK', { 'Content-Type': 'application/json;charset=UTF-8' });
      return res.end(fault.rawBody);
    }
    if (fault.status) {
      const err = new SimError(
        fault.status,
        fault.message ?? http.STATUS_CODES[fault.status] ?? 'Error',
        fault.errors,
      );
      return fault.status >= 595 ? send(err.status, err.message) : fail(err);
    }

    const nowMs = settings.clock();
    landLateCalls(nowMs);
    settleTasks(state, nowMs);
    let user: string | undefined;
    let viaToken = false;
    const authorization = req.headers.authorization ?? '';
    const token = /^PVEAPIToken[= ](.+)$/.exec(authorization);
    if (token) {
      const value = token[1]!;
      const at = value.lastIndexOf('=');
      const id = value.slice(0, at);
      if (at < 0 || state.tokens[id] !== value.slice(at + 1)) {
        record.auth = 'token';
        return send(401, 'Authentication failed!', undefined, settings.authDelayMs);
      }
      user = id;
      viaToken = true;
      record.auth = 'token';
    } else if (!found.route.public) {
      const ticket =
        cookie(req.headers.cookie, 'PVEAuthCookie') ??
        /^PVEAuthCookie=(.+)$/.exec(authorization)?.[1];
      if (!ticket) return send(401, 'No ticket', undefined, settings.authDelayMs);
      record.auth = 'ticket';
      user = tickets.verify(ticket, nowMs / 1000);
      if (!user) return send(401, 'Authentication failed!', undefined, settings.authDelayMs);
      if (method !== 'GET') {
        const csrf = req.headers.csrfpreventiontoken;
        if (typeof csrf !== 'string' || !tickets.verifyCsrf(csrf, user, nowMs / 1000)) {
          return send(
            401,
            'Permission denied - invalid csrf token',
            undefined,
            settings.authDelayMs,
          );
        }
      }
    }

    const schema = schemas[found.route.endpoint] ?? {};
    const errors = validateParams(schema, { ...params, ...found.path });
    if (Object.keys(errors).length > 0)
      return fail(new SimError(400, 'Parameter verification failed.', errors));

    const vmid = Number(params.vmid);
    if (fault.vmidTakenOn && Number.isInteger(vmid) && !state.vms.has(vmid))
      state.vms.set(vmid, { vmid, node: fault.vmidTakenOn, config: {}, status: 'stopped' });

    const context = {
      state,
      params,
      path: found.path,
      user,
      viaToken,
      nowMs,
      tickets,
      schema,
      taskDurationMs: settings.taskDurationMs,
      fingerprint,
      fault,
    };
    if (fault.landAfterMs !== undefined) {
      const at = nowMs + fault.landAfterMs;
      late.push({ at, run: () => found.route.handle({ ...context, nowMs: at }) });
      return void req.socket.destroy();
    }
    try {
      const data = found.route.handle(context);
      if (fault.resetAfter) return void req.socket.destroy();
      if (fault.hangAfter) return;
      if (fault.statusAfter) {
        const text =
          fault.message ?? http.STATUS_CODES[fault.statusAfter] ?? 'Connection timed out';
        return send(fault.statusAfter, text);
      }
      const payload = data instanceof WithTotal ? { data: data.data, total: data.total } : { data };
      return send(200, 'OK', payload);
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      // Every 401 a handler raises is delayed too (failed logins).
      const delay =
        err.status === 401 ? Math.max(settings.authDelayMs - (settings.clock() - started), 0) : 0;
      return fail(err, delay);
    }
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, String(err instanceof Error ? err.message : err).split('\n')[0]);
      res.end();
    });
  };
  const tlsServer = https.createServer(
    { key: certificate.keyPem, cert: certificate.certPem },
    onRequest,
  );
  const plainServer = http.createServer((req, res) => {
    const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
    res.writeHead(status, {
      Location: `https://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`,
      Connection: 'close',
    });
    res.end();
  });
  const server = onePortForBoth(tlsServer, plainServer, sockets);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `https://127.0.0.1:${port}`,
    port,
    fingerprint,
    certPem: certificate.certPem,
    state,
    requests,
    options: settings,
    fault: (endpoint, f) => faults.set(endpoint, { ...f }),
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
