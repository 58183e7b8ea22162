/**
 * The simulator for the benchmarks: always `pvevm-sim` in a process of its own, so its work
 * (building and serialising 100,000 ISOs, its garbage collection) never runs on the event loop
 * that times the keystrokes. With `--trace` it reports every answer and every task it started;
 * their times arrive on CLOCK_MONOTONIC and are kept as this process's `performance.now()`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fromMonotonicNs } from './pty';
import type { TimedRequest } from './stats';

const SIM_BIN = join(__dirname, '..', 'bin', 'pvevm-sim.js');

export interface SimOptions {
  dataset?: 'demo' | 'large';
  latencyMs?: number;
  taskSeconds?: number;
  /** The large dataset's sizes: `{ isos: 100000 }` → `--isos 100000`. */
  sizes?: Partial<Record<'nodes' | 'isos' | 'pools' | 'tags' | 'vms', number>>;
}

export interface TracedRequest extends TimedRequest {
  method: string;
  path: string;
  status: number;
  answeredMs: number;
}

export interface SimProcess {
  url: string;
  fingerprint: string;
  /** Every answer so far, in the order sent. */
  requests: TracedRequest[];
  /** Every task started so far, with when it finishes on the server. */
  tasks: { upid: string; type: string; finishedAt: number }[];
  stop(): Promise<void>;
}

interface TraceLine {
  answer?: { method: string; path: string; status: number; receivedNs: number; answeredNs: number };
  task?: { upid: string; type: string; finishNs: number };
}

export async function startSim(options: SimOptions = {}): Promise<SimProcess> {
  const args = [
    SIM_BIN,
    '--trace',
    ...['--dataset', options.dataset ?? 'demo', '--auth-delay', '0'],
    ...['--latency', String(options.latencyMs ?? 0)],
    ...['--task-seconds', String(options.taskSeconds ?? 2)],
    ...Object.entries(options.sizes ?? {}).flatMap(([name, n]) => [`--${name}`, String(n)]),
  ];
  const child = spawn('node', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const sim: SimProcess = {
    url: '',
    fingerprint: '',
    requests: [],
    tasks: [],
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  let text = '';
  let banner = true;
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (banner && text.includes('API token')) {
        sim.url = /listening on (\S+)/.exec(text)![1]!;
        sim.fingerprint = /fingerprint: (\S+)/.exec(text)![1]!;
        banner = false;
        text = text.slice(text.indexOf('\n', text.indexOf('API token')) + 1);
        resolve();
      }
      if (banner) return;
      const lines = text.split('\n');
      text = lines.pop()!;
      for (const line of lines) if (line.startsWith('{')) note(sim, JSON.parse(line) as TraceLine);
    });
    child.on('exit', (code) => reject(new Error(`pvevm-sim exited (${code}): ${text}`)));
  });
  return sim;
}

function note(sim: SimProcess, line: TraceLine): void {
  if (line.answer) {
    const { method, path, status, receivedNs, answeredNs } = line.answer;
    sim.requests.push({
      method,
      path,
      status,
      receivedMs: fromMonotonicNs(receivedNs),
      answeredMs: fromMonotonicNs(answeredNs),
    });
  }
  if (line.task) {
    const { upid, type, finishNs } = line.task;
    sim.tasks.push({ upid, type, finishedAt: fromMonotonicNs(finishNs) });
  }
}

/** Resolve once the simulator has reported an answer to a request that `matches` (after `from`). */
export async function answered(
  sim: SimProcess,
  matches: (r: TracedRequest) => boolean,
  from = 0,
  timeoutMs = 60000,
): Promise<TracedRequest> {
  const started = performance.now();
  for (;;) {
    const found = sim.requests.find((r) => r.receivedMs >= from && matches(r));
    if (found) return found;
    if (performance.now() - started > timeoutMs) throw new Error('the simulator never answered');
    await new Promise((r) => setTimeout(r, 5));
  }
}
