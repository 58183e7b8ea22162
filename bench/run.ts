/**
 * `npm run bench`: runs the real pvevm binary on a real pseudo-terminal against `pvevm-sim` in
 * processes of their own, and prints every figure against its target (the targets of issue
 * "Part 16", docs/benchmarks.md). A full run writes bench/results/latest.{json,md}; a run of
 * some suites (`npm run bench -- --suite startup,paste`) writes bench/results/partial.*.
 * Exit code: 0 every target met, 1 a target missed, 2 a figure missing or not a number (a
 * suite that failed) or a usage error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  judge,
  formatTable,
  jsonReport,
  markdownReport,
  summary,
  type Figure,
  type PreviousRun,
} from './report';
import { creation, creationIds } from './suites/creation';
import { paste } from './suites/paste';
import { roundTripIds, roundTrips } from './suites/round-trips';
import { session, sessionFigureIds, type SessionPlan } from './suites/session';
import { startUp, STARTUP_FIGURES } from './suites/startup';

const RESULTS = join(__dirname, '..', '..', 'bench', 'results');

const LARGE: SessionPlan = {
  id: 'large',
  label: 'large (10k ISOs)',
  sim: { dataset: 'large' },
  filter: { on: 'os', tabs: 2, text: 'image-012', what: '10,000 ISOs' },
  typingRounds: 3,
  focusMoves: 150,
  filterRounds: 12,
  freeze: true,
  fullRun: true,
  rssTarget: 100,
  bytes: true,
};

const ISOS_100K: SessionPlan = {
  ...LARGE,
  id: 'isos-100k',
  label: '100k ISOs',
  sim: { dataset: 'large', sizes: { isos: 100000 } },
  // 100,000 ISOs are ≈ 11 MB of JSON: more than the default answer limit, as a user would set.
  maxAnswerMiB: 64,
  filter: { ...LARGE.filter, what: '100,000 ISOs' },
  typingRounds: 1,
  focusMoves: 60,
  filterRounds: 4,
  fullRun: false,
  rssTarget: 160,
  bytes: false,
};

const CLUSTER: SessionPlan = {
  ...ISOS_100K,
  id: 'cluster',
  label: '3k nodes, 50k pools, 200k tags, 150k VMs',
  sim: { dataset: 'large', sizes: { nodes: 3000, pools: 50000, tags: 200000, vms: 150000 } },
  maxAnswerMiB: 64,
  filter: { on: 'general', tabs: 5, text: 'tag-00012', what: '200,000 cluster tags' },
  // As on the other datasets, the keys typed while General's answers and the next steps' are
  // still arriving are the freeze figure; typing is timed once the app is idle again.
  rssTarget: undefined,
};

interface Suite {
  name: string;
  what: string;
  ids: string[];
  run(): Promise<Figure[]>;
}

const SUITES: Suite[] = [
  {
    name: 'startup',
    what: 'start-up vs the bare neo-blessed form and node -e 0; first key echo (15 rounds)',
    ids: STARTUP_FIGURES,
    run: () => startUp(15),
  },
  ...[LARGE, ISOS_100K, CLUSTER].map((plan) => ({
    name: plan.id,
    what: `keystrokes, freeze and peak RSS: ${plan.label}`,
    ids: sessionFigureIds(plan),
    run: () => session(plan),
  })),
  {
    name: 'round-trips',
    what: 'sequential waits per step, impatient and patient user, 50 ms latency',
    ids: roundTripIds(),
    run: roundTrips,
  },
  {
    name: 'creation',
    what: 'task finished → success screen at 0 and 50 ms latency (3 VMs each)',
    ids: creationIds(),
    run: () => creation(3),
  },
  { name: 'paste', what: 'bracketed paste of 16k characters', ids: ['paste.16k'], run: paste },
];

function chosenSuites(): Suite[] | undefined {
  const { values } = parseArgs({
    options: { suite: { type: 'string', multiple: true }, list: { type: 'boolean' } },
  });
  if (values.list) {
    for (const s of SUITES) process.stdout.write(`${s.name.padEnd(12)} ${s.what}\n`);
    return [];
  }
  const names = (values.suite ?? []).flatMap((s) => s.split(','));
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`bench: no suite ${unknown.join(', ')} (npm run bench -- --list)\n`);
    return undefined;
  }
  return names.length === 0 ? SUITES : SUITES.filter((s) => names.includes(s.name));
}

async function main(): Promise<void> {
  const suites = chosenSuites();
  if (!suites) return void (process.exitCode = 2);
  if (suites.length === 0) return;
  const started = performance.now();
  const date = new Date().toISOString().slice(0, 19) + 'Z';
  const figures: Figure[] = [];
  for (const suite of suites) {
    process.stderr.write(`bench: ${suite.name}: ${suite.what}…\n`);
    const at = performance.now();
    try {
      figures.push(...(await suite.run()));
    } catch (err) {
      process.stderr.write(`bench: suite ${suite.name} failed: ${(err as Error).stack ?? err}\n`);
    }
    process.stderr.write(
      `bench: ${suite.name}: ${((performance.now() - at) / 1000).toFixed(1)} s\n`,
    );
  }
  const verdict = judge(
    figures,
    suites.flatMap((s) => s.ids),
  );
  const cpu = cpus();
  const machine =
    `${hostname()}: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ` +
    `${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${process.platform}`;
  const full = suites.length === SUITES.length;
  const info = {
    date,
    machine,
    suites: suites.map((s) => s.name),
    seconds: (performance.now() - started) / 1000,
  };
  const table = formatTable(figures, 'text', verdict.missing);
  process.stdout.write(
    `pvevm benchmarks — ${date} — ${machine}\n\n${table}\n\n${summary(verdict)}\n`,
  );
  process.stdout.write(`(${Math.round(info.seconds)} s)\n`);
  mkdirSync(RESULTS, { recursive: true });
  const base = join(RESULTS, full ? 'latest' : 'partial');
  const previous = full ? previousRun(`${base}.json`) : undefined;
  writeFileSync(`${base}.json`, jsonReport(info, figures, verdict));
  writeFileSync(`${base}.md`, markdownReport(info, figures, verdict, previous));
  process.exitCode = verdict.exitCode;
}

/** The last full run's date, machine and verdict, if its JSON is there and readable. */
function previousRun(file: string): PreviousRun | undefined {
  try {
    const { date, machine, verdict } = JSON.parse(readFileSync(file, 'utf8')) as PreviousRun;
    return typeof date === 'string' && typeof machine === 'string' && verdict
      ? { date, machine, verdict }
      : undefined;
  } catch {
    return undefined;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(2);
});
