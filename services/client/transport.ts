/**
 * One bounded HTTPS call to `/api2/json`: form bodies, a total deadline, a maximum answer size,
 * cancellation, and the answer checked to be the JSON envelope Proxmox VE sends (`{data: …}`).
 * Who is calling (ticket or token) is the caller's business: it hands in the headers.
 */
import type { AxiosInstance, AxiosResponse, CreateAxiosDefaults, Method } from 'axios';
import type { Readable } from 'node:stream';
import { ProxmoxError } from '../errors';
import type { ApiParams } from '../proxmox-api';
import type { ServerAddress } from './address';
import { encodeParams } from './form';
import { errorFromFailure, errorFromResponse, formatBytes } from './http-errors';
import { loadAxios } from './load-axios';
import { parseEnvelope, readList } from './stream-list';
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

  /** A call answered with the JSON envelope (`{data: …}`), parsed whole. */
  send(
    method: Method,
    path: string,
    params: ApiParams | undefined,
    headers: Record<string, string>,
  ): Promise<Envelope> {
    return this.request(method, path, params, headers, 'text', (res) =>
      Promise.resolve(envelopeOf(res as AxiosResponse<string>, `${method} ${path}`)),
    );
  }

  /**
   * A GET whose `data` is a list, each entry handed to `onItem` as it arrives (a large answer
   * is parsed as a stream: stream-list); false when `data` is not a list.
   */
  sendList(
    path: string,
    params: ApiParams | undefined,
    headers: Record<string, string>,
    onItem: (item: unknown) => void,
  ): Promise<boolean> {
    const call = `GET ${path}`;
    return this.request('GET', path, params, headers, 'stream', async (res) => {
      const body = res.data as Readable;
      const tooLarge = () => this.tooLarge(call);
      if (res.status >= 300) {
        const text = await readText(body, this.options.maxAnswerBytes, tooLarge);
        throw errorFromResponse(res.status, res.statusText ?? '', text);
      }
      const reading = { call, status: res.status, tooLarge, onItem, onTurn: this.onTurn };
      return readList(body, { ...reading, maxAnswerBytes: this.options.maxAnswerBytes });
    });
  }

  /** Counts the event-loop turns a streamed list gave back (tests only). */
  onTurn: (() => void) | undefined;

  private tooLarge(call: string): ProxmoxError {
    return new ProxmoxError({
      kind: 'server',
      status: 0,
      message: `The answer to ${call} was larger than ${formatBytes(this.options.maxAnswerBytes)}: refused`,
    });
  }

  private async request<T>(
    method: Method,
    path: string,
    params: ApiParams | undefined,
    headers: Record<string, string>,
    responseType: 'text' | 'stream',
    answer: (res: AxiosResponse<unknown>) => Promise<T>,
  ): Promise<T> {
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
    const context = {
      where: `${this.address.host}:${this.address.port}`,
      call: `${method} ${path}`,
      timeoutMs: this.options.timeoutMs,
      maxAnswerBytes: this.options.maxAnswerBytes,
    };
    try {
      const http = await this.client();
      const res = await http.request<unknown>({
        method,
        url: !hasBody && encoded ? `${path}?${encoded}` : path,
        data: hasBody ? encoded : undefined,
        headers: sent,
        signal: controller.signal,
        responseType,
      });
      return await answer(res);
    } catch (err) {
      // A streamed body stopped by the deadline or by cancelAll fails as the request would.
      const stopped = controller.signal.aborted && !(err instanceof ProxmoxError);
      const failure = stopped ? { isAxiosError: true, code: 'ERR_CANCELED' } : err;
      throw errorFromFailure(failure, { ...context, timedOut });
    } finally {
      clearTimeout(deadline);
      this.inFlight.delete(controller);
    }
  }
}

/** An error answer's text, up to the limit. */
async function readText(body: Readable, max: number, tooLarge: () => Error): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A 2xx answer's JSON envelope; an error status, non-JSON or a missing `data` is an error. */
function envelopeOf(res: AxiosResponse<string>, call: string): Envelope {
  const text = typeof res.data === 'string' ? res.data : '';
  if (res.status >= 300) throw errorFromResponse(res.status, res.statusText ?? '', text);
  return parseEnvelope(text, { call, status: res.status });
}
