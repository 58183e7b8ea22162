/** What a simulator is started with, what it records, and the faults a test can inject. */
import type { ClusterState, PveVersion } from './state';
import type { Certificate } from './certificate';
import type { DatasetName } from './datasets';
import type { LargeSizes } from './clusters/large';

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
  /** The `large` dataset's sizes, where they differ from its own (benchmarks' scale suite). */
  sizes?: Partial<LargeSizes>;
  /** Told of every answer as it is sent, with its record (`pvevm-sim --trace`). */
  onAnswer?: (record: RequestRecord) => void;
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  /** SHA-256 of the certificate, `AB:CD:…` as Proxmox prints it. */
  readonly fingerprint: string;
  readonly certPem: string;
  readonly state: ClusterState;
  readonly requests: RequestRecord[];
  options: Required<
    Omit<SimulatorOptions, 'port' | 'dataset' | 'version' | 'certificate' | 'sizes' | 'onAnswer'>
  >;
  fault(endpoint: string, fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}
