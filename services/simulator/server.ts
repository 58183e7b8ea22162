/**
 * The Proxmox VE simulator: a real HTTPS server on loopback that speaks the API as pveproxy
 * does — `/api2/json` paths, the `{"data": …}` envelope, ticket cookie and CSRF header, API
 * tokens, auth-layer 401s with empty bodies (delayed), schema validation with the real error
 * texts, 501 for unknown paths and GET bodies, plain HTTP redirected. Faults can be injected
 * per endpoint, and every request is logged for tests to read.
 */
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import { TicketAuthority } from './auth';
import { authenticate } from './authenticate';
import { makeCertificate } from './certificate';
import { dataset } from './datasets';
import { WithTotal, type RequestContext } from './endpoints/route';
import { SimError } from './errors';
import { FaultBook, LateCalls } from './faults';
import { findRoute, type Match } from './handlers';
import { onePortForBoth } from './one-port';
import type { Fault, RequestRecord, Simulator, SimulatorOptions } from './options';
import type { ClusterState, PveVersion } from './state';
import { settleTasks } from './tasks';
import { validateParams, type EndpointSchema } from './validate';
import { Answer, paramsOf } from './wire';
import apiSchema from './api-schema.json';

export type { Fault, RequestRecord, Simulator, SimulatorOptions } from './options';

const SCHEMAS = apiSchema as unknown as Record<PveVersion, Record<string, EndpointSchema>>;

/** Everything one simulator answers from. */
interface Sim {
  version: PveVersion;
  state: ClusterState;
  schemas: Record<string, EndpointSchema>;
  tickets: TicketAuthority;
  fingerprint: string;
  requests: RequestRecord[];
  faults: FaultBook;
  late: LateCalls;
  settings: Simulator['options'];
  onAnswer?: (record: RequestRecord) => void;
}

/** A request routed to its endpoint, with its parameters read. */
interface Call {
  req: http.IncomingMessage;
  method: string;
  record: RequestRecord;
  answer: Answer;
  found: Match;
  params: Record<string, string>;
  /** The simulator's clock when the request arrived. */
  started: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handle(sim: Sim, req: http.IncomingMessage, res: http.ServerResponse) {
  const started = sim.settings.clock();
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
  sim.requests.push(record);
  const answer = new Answer(res, record, sim.settings.clock, sim.version, sim.onAnswer);

  if (!url.pathname.startsWith('/api2/json/')) return answer.send(501, 'no such uri');
  const apiPath = url.pathname.slice('/api2/json'.length);
  if ((method === 'GET' || method === 'DELETE') && body.length > 0)
    return answer.send(501, `Unexpected content for method '${method}'`);
  const found = findRoute(method, apiPath);
  if (!found) return answer.send(501, `Method '${method} ${apiPath}' not implemented`);
  record.endpoint = found.route.endpoint;
  const params = paramsOf(url.searchParams, body, req.headers['content-type'] ?? '');
  record.params = { ...params, ...(params.password !== undefined ? { password: '***' } : {}) };
  return serve(sim, { req, method, record, answer, found, params, started });
}

/** Latency and faults first, then who is calling, then the endpoint. */
async function serve(sim: Sim, call: Call): Promise<void> {
  const { req, answer } = call;
  if (sim.settings.latencyMs) await pause(sim.settings.latencyMs);
  const fault = sim.faults.take(call.found.route.endpoint);
  if (fault.latencyMs) await pause(fault.latencyMs);
  if (fault.hang) return;
  if (fault.reset) return void req.socket.destroy();
  if (fault.rawBody !== undefined) return answer.raw(fault.rawBody);
  if (fault.status) {
    const err = new SimError(
      fault.status,
      fault.message ?? http.STATUS_CODES[fault.status] ?? 'Error',
      fault.errors,
    );
    return fault.status >= 595 ? answer.send(err.status, err.message) : answer.fail(err);
  }

  const nowMs = sim.settings.clock();
  sim.late.land(nowMs);
  settleTasks(sim.state, nowMs);
  const auth = { headers: req.headers, method: call.method, public: !!call.found.route.public };
  const caller = authenticate({ ...auth, nowMs }, sim.state, sim.tickets, call.record);
  if ('refused' in caller)
    return answer.send(401, caller.refused, undefined, sim.settings.authDelayMs);
  return run(sim, call, fault, { ...caller, nowMs });
}

/** The endpoint's schema, then its handler; the fault decides how (and whether) it answers. */
async function run(
  sim: Sim,
  call: Call,
  fault: Fault,
  caller: { user?: string; viaToken: boolean; nowMs: number },
): Promise<void> {
  const { answer, found, params } = call;
  const schema = sim.schemas[found.route.endpoint] ?? {};
  const errors = validateParams(schema, { ...params, ...found.path });
  if (Object.keys(errors).length > 0)
    return answer.fail(new SimError(400, 'Parameter verification failed.', errors));

  const vmid = Number(params.vmid);
  if (fault.vmidTakenOn && Number.isInteger(vmid) && !sim.state.vms.has(vmid))
    sim.state.vms.set(vmid, { vmid, node: fault.vmidTakenOn, config: {}, status: 'stopped' });

  const { settings } = sim;
  const context: RequestContext = {
    state: sim.state,
    params,
    path: found.path,
    user: caller.user,
    viaToken: caller.viaToken,
    nowMs: caller.nowMs,
    tickets: sim.tickets,
    schema,
    taskDurationMs: settings.taskDurationMs,
    fingerprint: sim.fingerprint,
    fault,
  };
  if (fault.landAfterMs !== undefined) {
    const at = caller.nowMs + fault.landAfterMs;
    sim.late.add(at, () => found.route.handle({ ...context, nowMs: at }));
    return void call.req.socket.destroy();
  }
  try {
    const data = found.route.handle(context);
    if (fault.resetAfter) return void call.req.socket.destroy();
    if (fault.hangAfter) return;
    if (fault.statusAfter) {
      const text = fault.message ?? http.STATUS_CODES[fault.statusAfter] ?? 'Connection timed out';
      return answer.send(fault.statusAfter, text);
    }
    const payload = data instanceof WithTotal ? { data: data.data, total: data.total } : { data };
    return answer.send(200, 'OK', payload);
  } catch (err) {
    if (!(err instanceof SimError)) throw err;
    // Every 401 a handler raises is delayed too (failed logins).
    const delay =
      err.status === 401
        ? Math.max(settings.authDelayMs - (settings.clock() - call.started), 0)
        : 0;
    return answer.fail(err, delay);
  }
}

/** Plain HTTP on the API port: sent to HTTPS, as pveproxy does. */
function redirectToHttps(): http.Server {
  return http.createServer((req, res) => {
    const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
    res.writeHead(status, {
      Location: `https://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`,
      Connection: 'close',
    });
    res.end();
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const version = options.version ?? '8.3';
  const certificate = options.certificate ?? makeCertificate('pve1.demo.invalid');
  const sim: Sim = {
    version,
    state: dataset(options.dataset ?? 'demo', version, options.sizes),
    schemas: SCHEMAS[version],
    tickets: new TicketAuthority(),
    fingerprint: certificate.fingerprint,
    requests: [],
    faults: new FaultBook(),
    late: new LateCalls(),
    settings: {
      authDelayMs: options.authDelayMs ?? 0,
      taskDurationMs: options.taskDurationMs ?? 2000,
      latencyMs: options.latencyMs ?? 0,
      clock: options.clock ?? Date.now,
    },
    onAnswer: options.onAnswer,
  };
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(sim, req, res).catch((err: unknown) => {
      res.writeHead(500, String(err instanceof Error ? err.message : err).split('\n')[0]);
      res.end();
    });
  };
  const tlsServer = https.createServer(
    { key: certificate.keyPem, cert: certificate.certPem },
    onRequest,
  );
  const sockets = new Set<net.Socket>();
  const server = onePortForBoth(tlsServer, redirectToHttps(), sockets);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `https://127.0.0.1:${port}`,
    port,
    fingerprint: sim.fingerprint,
    certPem: certificate.certPem,
    state: sim.state,
    requests: sim.requests,
    options: sim.settings,
    fault: (endpoint, f) => sim.faults.set(endpoint, f),
    clearFaults: () => sim.faults.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
