#!/usr/bin/env node
/**
 * pvevm-sim: the Proxmox VE simulator on its own, for trying pvevm or any API client against a
 * realistic cluster. Prints the URL, the certificate fingerprint and the credentials; serves
 * until stopped.
 */
import { parseArgs } from 'node:util';
import {
  DATASETS,
  DEMO_TOKEN,
  DEMO_USER,
  LIMITED_USER,
  ROOT_USER,
  TFA_USER,
  type DatasetName,
} from '../services/simulator/datasets';
import type { LargeSizes } from '../services/simulator/clusters/large';
import { startSimulator, type RequestRecord } from '../services/simulator/server';
import type { ClusterState } from '../services/simulator/state';

const USAGE = `Usage: pvevm-sim [--port N] [--dataset demo|empty|large|hostile] [--pve 8.3|9.1]
                  [--auth-delay MS] [--task-seconds N] [--latency MS] [--trace]
                  [--nodes N] [--isos N] [--pools N] [--tags N] [--vms N]

Serves a simulated Proxmox VE cluster over HTTPS on 127.0.0.1 until stopped (Ctrl-C).
  --port N          port to listen on (default: any free port)
  --dataset NAME    demo (3 nodes, ISOs, pools, tags), empty, large (100 nodes, 10,000 ISOs),
                    or hostile (names with terminal escapes, tags, control and wide characters)
  --pve VERSION     behave like Proxmox VE 8.3 (default) or 9.1
  --auth-delay MS   delay of every 401, like Proxmox's 3 s (default 3000)
  --task-seconds N  how long a create task runs (default 2)
  --latency MS      delay every API answer, like a WAN link (default 0)
  --trace           after the banner, one JSON line per answer sent and per task started,
                    times on CLOCK_MONOTONIC in ns (what \`npm run bench\` reads)
  --nodes N, --isos N, --pools N, --tags N, --vms N
                    the large dataset's sizes (default 100, 10000, 500, 2000, 5000)`;

const SIZES = ['nodes', 'isos', 'pools', 'tags', 'vms'] as const;

interface SimOptions {
  port: number;
  dataset: DatasetName;
  version: '8.3' | '9.1';
  authDelayMs: number;
  taskDurationMs: number;
  latencyMs: number;
  trace: boolean;
  sizes: Partial<LargeSizes>;
}

/** The large dataset's sizes given on the command line; undefined when one is not a count. */
function sizesOf(values: Record<string, unknown>): Partial<LargeSizes> | undefined {
  const sizes: Partial<LargeSizes> = {};
  for (const name of SIZES) {
    if (values[name] === undefined) continue;
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) return undefined;
    sizes[name] = n;
  }
  return sizes;
}

/** The options, or the exit code when there is nothing to serve (help, or a usage error). */
function parseOptions(): SimOptions | number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        dataset: { type: 'string', default: 'demo' },
        pve: { type: 'string', default: '8.3' },
        'auth-delay': { type: 'string', default: '3000' },
        'task-seconds': { type: 'string', default: '2' },
        latency: { type: 'string', default: '0' },
        trace: { type: 'boolean', default: false },
        ...Object.fromEntries(SIZES.map((name) => [name, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`pvevm-sim: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dataset = values.dataset as DatasetName;
  const sizes = sizesOf(values);
  const version = values.pve as '8.3' | '9.1';
  const numbers = [
    values.port ?? '0',
    values['auth-delay'],
    values['task-seconds'],
    values.latency,
  ].map(Number);
  if (
    !DATASETS.includes(dataset) ||
    !['8.3', '9.1'].includes(version) ||
    numbers.some((n) => !Number.isFinite(n) || n < 0) ||
    !sizes
  ) {
    process.stderr.write(`pvevm-sim: bad option value\n\n${USAGE}\n`);
    return 2;
  }
  const [port, authDelayMs, taskSeconds, latencyMs] = numbers as [number, number, number, number];
  const trace = values.trace === true;
  const taskDurationMs = taskSeconds * 1000;
  return { port, dataset, version, authDelayMs, taskDurationMs, latencyMs, trace, sizes };
}

/** `performance.now()` → CLOCK_MONOTONIC in ns, the clock other processes can read too. */
const monotonicOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
const monotonicNs = (ms: number) => Math.round((ms + monotonicOffset) * 1e6);
const traced = new Set<string>();

/** One line for the answer, and one for each task started since the last (`--trace`). */
function trace(record: RequestRecord, state: ClusterState): void {
  const { method, path, status } = record;
  const times = { receivedNs: monotonicNs(record.receivedMs) };
  const answeredNs = monotonicNs(record.answeredMs ?? performance.now());
  const lines = [JSON.stringify({ answer: { method, path, status, ...times, answeredNs } })];
  for (const task of state.tasks.values()) {
    if (traced.has(task.upid)) continue;
    traced.add(task.upid);
    const finishNs = monotonicNs(performance.now() + task.start + task.duration - Date.now());
    lines.push(JSON.stringify({ task: { upid: task.upid, type: task.type, finishNs } }));
  }
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (typeof options === 'number') return options;
  const { version, dataset } = options;
  const sim = await startSimulator({
    ...options,
    ...(options.trace ? { onAnswer: (record) => trace(record, sim.state) } : {}),
  });
  process.stdout.write(
    [
      `Proxmox VE ${version} simulator (${dataset} dataset) listening on ${sim.url}`,
      `Certificate SHA-256 fingerprint: ${sim.fingerprint}`,
      `Users: ${DEMO_USER.username}@${DEMO_USER.realm} / ${DEMO_USER.password}, ${ROOT_USER.username}@${ROOT_USER.realm} / ${ROOT_USER.password},`,
      `       ${TFA_USER.username}@${TFA_USER.realm} / ${TFA_USER.password} (TOTP secret ${TFA_USER.totpSecret}),`,
      `       ${LIMITED_USER.username}@${LIMITED_USER.realm} / ${LIMITED_USER.password} (creates VMs only in pool lab, on local-lvm, on vmbr0)`,
      `API token: ${DEMO_TOKEN.id}=${DEMO_TOKEN.secret}`,
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`pvevm-sim: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
