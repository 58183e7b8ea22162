/**
 * One bounded HTTPS call to `/api2/json`: form bodies, a total deadline, a maximum answer size,
 * cancellation, and the answer checked to be the JSON envelope Proxmox VE sends (`{data: …}`).
 * Who is calling (ticket or token) is the caller's business: it hands in the headers.
 */
import type { AxiosInstance, AxiosResponse, CreateAxiosDefaults, Method } from 'axios';
import { ProxmoxError } from '../errors';
import type { ApiParams } from '../proxmox-api';
import type { ServerAddress } from './address';
import { encodeParams } from './form';
import { errorFromFailure, errorFromResponse } from './http-errors';
import { loadAxios } from './load-axios';
import type { TlsOptions } from './tls';

export interface TransportOptions {
  tls: TlsOptions;
  /** Per call, from the request to the answer's last byte (not an idle timeout). */
  timeoutMs: number;
  /** A larger answer is refused while it arrives, before it is parsed. */
  maxAnswerBytes: number;
}

export interface Envelope {
  data?: unknown;
  total?: number;
}

export class Transport {
  /** axios is loaded with the first call, so starting pvevm does not wait for it (load-axios). */
  private http: Promise<AxiosInstance> | undefined;
  private readonly httpConfig: CreateAxiosDefaults;
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly address: ServerAddress,
    private readonly options: TransportOptions,
  ) {
    this.httpConfig = {
      baseURL: `${address.origin}/api2/json`,
      // Never through HTTPS_PROXY: axios would tunnel with an agent of its own, past the pinned
      // certificate check. Proxmox VE is reached directly (or through an SSH forward).
      proxy: false,
      // axios stops reading (and closes the connection) once an answer passes the limit.
      maxContentLength: options.maxAnswerBytes,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    };
  }

  private client(): Promise<AxiosInstance> {
    this.http ??= loadAxios().then(async (axios) => {
      // The agent is built on Node's TLS and HTTPS modules: they load with axios, in pieces.
      const { TrustingAgent } = await import('./tls');
      return axios.create({ ...this.httpConfig, httpsAgent: new TrustingAgent(this.options.tls) });
    });
    return this.http;
  }

  cancelAll(): void {
    for (const c of this.inFlight) c.abort();
  }

  async send(
    method: Method,
    path: string,
    params: ApiParams | undefined,
    headers: Record<string, string>,
  ): Promise<Envelope> {
    const encoded = encodeParams(params);
    const hasBody = method === 'POST' || method === 'PUT';
    const sent = hasBody
      ? { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }
      : { ...headers };
    const controller = new AbortController();
    this.inFlight.add(controller);
    // A total deadline: axios' own timeout restarts with every byte, so a dripping server
    // could hold the call forever.
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    try {
      const http = await this.client();
      const res = await http.request<string>({
        method,
        url: !hasBody && encoded ? `${path}?${encoded}` : path,
        data: hasBody ? encoded : undefined,
        headers: sent,
        signal: controller.signal,
      });
      return envelopeOf(res, `${method} ${path}`);
    } catch (err) {
      throw errorFromFailure(err, {
        where: `${this.address.host}:${this.address.port}`,
        call: `${method} ${path}`,
        timeoutMs: this.options.timeoutMs,
        timedOut,
        maxAnswerBytes: this.options.maxAnswerBytes,
      });
    } finally {
      clearTimeout(deadline);
      this.inFlight.delete(controller);
    }
  }
}

/** A 2xx answer's JSON envelope; an error status, non-JSON or a missing `data` is an error. */
function envelopeOf(res: AxiosResponse<string>, call: string): Envelope {
  const text = typeof res.data === 'string' ? res.data : '';
  if (res.status >= 300) throw errorFromResponse(res.status, res.statusText ?? '', text);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProxmoxError({
      kind: 'server',
      status: res.status,
      message: `The server sent an answer that is not JSON (${call})`,
    });
  }
  if (!body || typeof body !== 'object' || !('data' in body)) {
    throw new ProxmoxError({
      kind: 'server',
      status: res.status,
      message: `The server's answer has no data (${call})`,
    });
  }
  return body as Envelope;
}
