/**
 * `npm run bench`: runs the real binary on a real pty against the simulator and prints one table
 * of figures with their targets (and writes them as JSON and Markdown under bench/results/).
 * Every figure is a median or percentile over repeated runs; start-up is a ratio to `node -e 0`
 * measured alternately in the same run, so it survives a noisy machine.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../services/simulator/server';
import { PtyProgram } from './pty';
import { percentile, sequentialWaits, median } from './stats';
import { formatTable, type Figure } from './report';

const BIN = join(__dirname, '..', 'bin', 'pvevm.js');
const SIM_BIN = join(__dirname, '..', 'bin', 'pvevm-sim.js');
const RESULTS = join(__dirname, '..', '..', 'bench', 'results');
const MiB = 1024 * 1024;

const KEY = { tab: '\t', enter: '\r', backspace: '\x7f', ctrlN: '\x0e', ctrlQ: '\x11' };

/** What shows that each step is ready: its first field, and nothing loading. */
const READY: [step: string, marker: string][] = [
  ['General', 'VM ID'],
  ['OS', 'Installation media'],
  ['System', 'Graphic card'],
  ['Disks', '─ Disk ─'],
  ['CPU', 'Sockets'],
  ['Memory', 'Memory (MiB)'],
  ['Network', 'No network device'],
  ['Confirm', 'Ready: Create VM'],
];
const ready = (marker: string) => (s: string) =>
  s.includes(marker) && !s.includes('Loading') && !s.includes('Checking');
const loginFrame = (s: string) => s.includes('─ Password ─') && s.includes('quit');

interface Server {
  url: string;
  fingerprint: string;
}

/**
 * The large dataset is served by a separate `pvevm-sim`, so its memory and garbage collection
 * stay out of the process that times the keystrokes.
 */
async function separateSimulator(dataset: string): Promise<Server & { stop(): void }> {
  const child = spawn('node', [SIM_BIN, '--dataset', dataset, '--auth-delay', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const banner = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('API token')) resolve(text);
    });
    child.on('exit', () => reject(new Error(`pvevm-sim exited: ${text}`)));
  });
  return {
    url: /listening on (\S+)/.exec(banner)![1]!,
    fingerprint: /fingerprint: (\S+)/.exec(banner)![1]!,
    stop: () => child.kill('SIGTERM'),
  };
}

function launch(sim: Server, env: Record<string, string> = {}): PtyProgram {
  return new PtyProgram(
    ['node', BIN, '--server', sim.url, '--fingerprint', sim.fingerprint, '--user', 'root@pam'],
    { env: { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'pvevm-bench-')), ...env } },
  );
}

async function logIn(app: PtyProgram): Promise<void> {
  await app.waitFor((s) => loginFrame(s) && s.includes('(pam)'));
  await app.quiet(100);
  for (const ch of 'proxmox') app.write(ch);
  await app.quiet();
}

async function startUp(sim: Simulator, runs: number): Promise<Figure[]> {
  const app: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < runs; i++) {
    const bare = new PtyProgram(['node', '-e', '0']);
    await bare.exit;
    node.push(bare.exitedAt - bare.startedAt);
    const wizard = launch(sim);
    app.push((await wizard.waitFor(loginFrame)) - wizard.startedAt);
    await wizard.kill();
  }
  const ratio = median(app) / median(node);
  return [
    { name: 'Start-up: first frame of the login screen', value: median(app), unit: 'ms' },
    { name: 'Start-up: node -e 0 (same run)', value: median(node), unit: 'ms' },
    { name: 'Start-up ratio to node -e 0', value: ratio, unit: '×', target: 2.5 },
  ];
}

async function keystrokes(sim: Server): Promise<{ figures: Figure[]; app: PtyProgram }> {
  const app = launch(sim);
  await logIn(app);
  app.write(KEY.enter);
  await app.waitFor(ready('VM ID'));
  // Name is the third field of General.
  await app.press(KEY.tab);
  await app.press(KEY.tab);
  const typing = [];
  const name = 'a-rather-long-vm-name-typed-by-hand-01';
  for (let round = 0; round < 3; round++) {
    for (const ch of name) typing.push(await app.press(ch));
    for (let i = 0; i < name.length; i++) typing.push(await app.press(KEY.backspace));
  }
  const focus = [];
  for (let i = 0; i < 150; i++) focus.push(await app.press(i % 3 === 2 ? '\x1b[Z' : KEY.tab));
  app.write(KEY.ctrlN);
  await app.waitFor(ready('Installation media'));
  await app.quiet(100);
  await app.press(KEY.tab);
  await app.press(KEY.tab);
  const filter = [];
  for (let round = 0; round < 12; round++) {
    for (const ch of 'image-012') filter.push(await app.press(ch));
    for (let i = 0; i < 9; i++) filter.push(await app.press(KEY.backspace));
  }
  // Close the list again, keeping the preselected ISO.
  await app.press('\x1b');
  const ms = (b: { latencyMs: number }) => b.latencyMs;
  const row = (what: string, samples: { latencyMs: number }[]): Figure[] => [
    { name: `Keystroke ${what}: p50`, value: percentile(samples.map(ms), 50), unit: 'ms' },
    {
      name: `Keystroke ${what}: p99 (${samples.length} keys)`,
      value: percentile(samples.map(ms), 99),
      unit: 'ms',
      target: 10,
    },
  ];
  const bytes = typing.map((b) => b.bytes);
  const mean = bytes.reduce((a, b) => a + b, 0) / bytes.length;
  return {
    app,
    figures: [
      ...row('typing a text field', typing),
      ...row('moving focus', focus),
      ...row('filtering 10,000 ISOs', filter),
      { name: 'Terminal bytes per typed key: median', value: median(bytes), unit: 'B' },
      { name: 'Terminal bytes per typed key: mean', value: mean, unit: 'B', target: 200 },
      // A key that makes the name invalid (or valid again) repaints the field's border in red.
      { name: 'Terminal bytes per typed key: max', value: Math.max(...bytes), unit: 'B' },
    ],
  };
}

/** Finish the run of `keystrokes` on the large dataset: create the VM, then read the peak RSS. */
async function memory(app: PtyProgram): Promise<Figure[]> {
  for (const [, marker] of READY.slice(2)) {
    app.write(KEY.ctrlN);
    await app.waitFor(ready(marker));
  }
  app.write(KEY.ctrlN);
  await app.waitFor((s) => s.includes('was created on'), 30000);
  const rss = app.peakRss() / MiB;
  app.write(KEY.ctrlQ);
  await app.exit;
  return [
    { name: 'Peak RSS, full wizard run, large dataset', value: rss, unit: 'MiB', target: 120 },
  ];
}

async function roundTrips(sim: Simulator): Promise<Figure[]> {
  const app = launch(sim);
  await logIn(app);
  const figures: Figure[] = [];
  let total = 0;
  let previous = 'Log in';
  for (const [step, marker] of READY) {
    // The user spends a moment on each step: whatever it prefetches may arrive meanwhile.
    await settled(sim, app);
    const pressed = performance.now();
    app.write(step === 'General' ? KEY.enter : KEY.ctrlN);
    const shown = await app.waitFor(ready(marker));
    const waits = sequentialWaits(sim.requests, pressed, shown);
    total += waits;
    figures.push({
      name: `Round trips: ${previous} → ${step} ready`,
      value: waits,
      unit: 'waits',
      target: step === 'General' ? 2 : 1,
    });
    previous = step;
  }
  figures.push({ name: 'Round trips: login → Confirm in total', value: total, unit: 'waits' });
  await app.kill();
  return figures;
}

/** No request in flight and the screen quiet. */
async function settled(sim: Simulator, app: PtyProgram): Promise<void> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    await app.quiet(100);
    if (sim.requests.every((r) => r.answeredMs !== undefined)) return;
  }
}

async function creationOverhead(sim: Simulator, runs: number): Promise<Figure[]> {
  const app = launch(sim);
  await logIn(app);
  app.write(KEY.enter);
  const overheads: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (const [, marker] of READY) {
      if (marker !== 'VM ID') app.write(KEY.ctrlN);
      await app.waitFor(ready(marker));
    }
    await settled(sim, app);
    app.write(KEY.ctrlN);
    const shown = await app.waitFor((s) => s.includes('was created on'), 30000);
    const task = [...sim.state.tasks.values()].filter((t) => t.type === 'qmcreate').at(-1)!;
    const finishedAt = task.start + task.duration - performance.timeOrigin;
    overheads.push(shown - finishedAt);
    // Done: Ctrl-N creates another.
    app.write(KEY.ctrlN);
  }
  await app.kill();
  return [
    {
      name: `Creation: task finished → success screen (median of ${runs})`,
      value: median(overheads),
      unit: 'ms',
      target: 500,
    },
  ];
}

const progress = (what: string) => process.stderr.write(`bench: ${what}…\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const figures: Figure[] = [];
  const fast = await startSimulator({ dataset: 'demo', taskDurationMs: 2000 });
  progress('start-up (9 runs of each)');
  figures.push(...(await startUp(fast, 9)));
  const large = await separateSimulator('large');
  progress('keystrokes on the large dataset');
  const { figures: keys, app } = await keystrokes(large);
  figures.push(...keys);
  const slow = await startSimulator({ dataset: 'demo', latencyMs: 50, taskDurationMs: 2000 });
  progress('round trips with 50 ms latency');
  figures.push(...(await roundTrips(slow)));
  progress('creation overhead (3 VMs, 2 s tasks)');
  figures.push(...(await creationOverhead(fast, 3)));
  progress('peak memory: finishing the large run');
  figures.push(...(await memory(app)));
  large.stop();
  await Promise.all([fast.close(), slow.close()]);

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${process.platform}`;
  const date = new Date(started).toISOString().slice(0, 10);
  const table = formatTable(figures);
  process.stdout.write(`pvevm benchmarks — ${date} — ${machine}\n\n${table}\n`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    join(RESULTS, 'latest.json'),
    JSON.stringify({ date, machine, figures }, null, 2) + '\n',
  );
  writeFileSync(
    join(RESULTS, 'latest.md'),
    `# Latest benchmark figures\n\nMeasured ${date} on ${machine} by \`npm run bench\`.\n\n${formatTable(figures, 'markdown')}\n`,
  );
  const missed = figures.filter((f) => f.target !== undefined && f.value > f.target);
  if (missed.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(2);
});
