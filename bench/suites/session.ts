/**
 * A session on a big dataset, served by a separate `pvevm-sim`: login → General, the freeze
 * while the ISO list arrives in the background, keystrokes (typing, focus, filtering a long
 * list), bytes per key, and the peak resident set; on `large`, a full run to the created VM.
 */
import type { PtyProgram } from '../pty';
import type { Figure } from '../report';
import { answered, startSim, type SimOptions, type SimProcess } from '../sim';
import { maxEchoGap, mean, percentile } from '../stats';
import { created, KEY, launch, logIn, READY, ready, walkToConfirm } from '../wizard';

export interface SessionPlan {
  /** Prefix of every figure id: `large`, `isos-100k`, `cluster`. */
  id: string;
  /** What the figures' names say of the dataset. */
  label: string;
  sim: SimOptions;
  maxAnswerMiB?: number;
  /** The long list to filter: Tabs from General's first field, or on OS (the ISO list). */
  filter: { on: 'general' | 'os'; tabs: number; text: string; what: string };
  /** Rounds of typing a 38-character name and erasing it. */
  typingRounds: number;
  focusMoves: number;
  filterRounds: number;
  /** Type into Name while the ISO list arrives and measure the longest wait for an echo. */
  freeze: boolean;
  /** Walk on to a created VM before reading the peak RSS (the `large` run). */
  fullRun: boolean;
  rssTarget?: number;
  /** Targets of bytes per key (only where the figure is not the same for every dataset). */
  bytes: boolean;
}

const MiB = 1024 * 1024;
const NAME = 'a-rather-long-vm-name-typed-by-hand-01';
const LOGIN_AND_GENERAL =
  /^\/(access\/(ticket|domains)|nodes|cluster\/(nextid|options)|pools)(\?|$)/;
const ISO_CONTENT = /\/storage\/[^/]+\/content\?content=iso/;

export function sessionFigureIds(plan: SessionPlan): string[] {
  const ids = ['login-general', 'login-general-client'];
  if (plan.freeze) ids.push('freeze');
  for (const k of ['typing', 'focus', 'filter']) ids.push(`keys.${k}.p50`, `keys.${k}.p99`);
  if (plan.filter.on === 'os') ids.push('os-shown');
  if (plan.bytes) ids.push('bytes.key', 'bytes.key-max', 'bytes.focus', 'bytes.focus-max');
  ids.push('rss');
  return ids.map((id) => `${plan.id}.${id}`);
}

/**
 * Type `a` and erase it, a key every `everyMs`, from now until the list was sent (`sentAt()`)
 * and the program has answered every key within 50 ms for a whole second since (at most 15 s
 * after the list): the longest wait of a key for output, and how many keys were written.
 */
/** The window over which pvevm counts as busy, and the CPU share under which it is idle. */
const BUSY_WINDOW_MS = 300;
const IDLE_SHARE = 0.3;

async function typeThrough(
  app: PtyProgram,
  sentAt: () => number | undefined,
  everyMs = 8,
): Promise<[gap: number, keys: number]> {
  const outputs: number[] = [];
  app.outputTimes = outputs;
  const writes: number[] = [];
  let waiting = 0;
  let lastStall = performance.now();
  const started = performance.now();
  // pvevm's CPU use over the last BUSY_WINDOW_MS: the list is done with when it is near idle, not
  // when the simulator has sent it (at 100k ISOs the parse and what follows take longer).
  const cpu: [at: number, ms: number][] = [];
  const busy = (now: number) => {
    cpu.push([now, app.cpuMs()]);
    while (cpu.length > 1 && now - cpu[1]![0] >= BUSY_WINDOW_MS) cpu.shift();
    const [at, used] = cpu[0]!;
    return now - at < BUSY_WINDOW_MS || cpu.at(-1)![1] - used > BUSY_WINDOW_MS * IDLE_SHARE;
  };
  const done = (now: number) => {
    const sent = sentAt();
    const working = busy(now);
    if (sent === undefined) return now - started > 60000;
    return (now > sent + 1000 && now - lastStall > 1000 && !working) || now > sent + 15000;
  };
  for (let i = 0; !done(performance.now()) || i % 2 === 1; i++) {
    const now = performance.now();
    // The oldest key not followed by output yet; a stall while it waits over 50 ms.
    const lastOutput = outputs.at(-1) ?? 0;
    while (waiting < writes.length && writes[waiting]! <= lastOutput) waiting++;
    if (waiting < writes.length && now - writes[waiting]! > 50) lastStall = now;
    writes.push(now);
    app.write(i % 2 === 0 ? 'a' : KEY.backspace);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await app.quiet(100);
  app.outputTimes = undefined;
  return [maxEchoGap(writes, outputs, performance.now()), writes.length];
}

function keyFigures(plan: SessionPlan, what: string, label: string, samples: number[]): Figure[] {
  const common = { unit: 'ms', samples: samples.length, raw: samples };
  return [
    {
      id: `${plan.id}.keys.${what}.p50`,
      name: `${plan.label}: ${label}, p50`,
      value: percentile(samples, 50),
      ...common,
    },
    {
      id: `${plan.id}.keys.${what}.p99`,
      name: `${plan.label}: ${label}, p99 (${samples.length} keys)`,
      value: percentile(samples, 99),
      target: 10,
      ...common,
    },
  ];
}

/** Login → General ready, and how much of it came after the server's last answer. */
async function loginFigures(
  plan: SessionPlan,
  sim: SimProcess,
  app: PtyProgram,
): Promise<Figure[]> {
  const { pressed, shown } = await logIn(app);
  // The login's and General's own calls; the next step's prefetch may start before General shows.
  const served = sim.requests.filter(
    (r) => r.receivedMs >= pressed && r.answeredMs <= shown && LOGIN_AND_GENERAL.test(r.path),
  );
  const lastAnswer = Math.max(pressed, ...served.map((r) => r.answeredMs));
  return [
    {
      id: `${plan.id}.login-general`,
      name: `${plan.label}: login → General ready`,
      value: shown - pressed,
      unit: 'ms',
      samples: 1,
    },
    {
      id: `${plan.id}.login-general-client`,
      name: `${plan.label}: login → General, after the server's last answer to them`,
      value: shown - lastAnswer,
      unit: 'ms',
      samples: 1,
    },
  ];
}

async function freezeFigure(
  plan: SessionPlan,
  sim: SimProcess,
  app: PtyProgram,
  since: number,
): Promise<Figure> {
  let sentAt: number | undefined;
  void answered(sim, (r) => ISO_CONTENT.test(r.path), since).then((r) => (sentAt = r.answeredMs));
  const [gap, keys] = await typeThrough(app, () => sentAt);
  // Leave Name empty and quiet again.
  await app.quiet(200);
  return {
    id: `${plan.id}.freeze`,
    name: `${plan.label}: longest key wait while the ISO list arrives (${keys} keys, one per 8 ms)`,
    value: gap,
    unit: 'ms',
    target: 50,
    samples: keys,
  };
}

export async function session(plan: SessionPlan): Promise<Figure[]> {
  const sim = await startSim(plan.sim);
  const app = launch(sim, plan.maxAnswerMiB ? { maxAnswerMiB: plan.maxAnswerMiB } : {});
  try {
    const loginStart = performance.now();
    const figures = await loginFigures(plan, sim, app);
    // Name is the third field of General.
    await app.press(KEY.tab);
    await app.press(KEY.tab);
    if (plan.freeze) figures.push(await freezeFigure(plan, sim, app, loginStart));
    const typing = [];
    for (let round = 0; round < plan.typingRounds; round++) {
      for (const ch of NAME) typing.push(await app.press(ch));
      for (let i = 0; i < NAME.length; i++) typing.push(await app.press(KEY.backspace));
    }
    const ms = (b: { latencyMs: number }) => b.latencyMs;
    figures.push(...keyFigures(plan, 'typing', 'keystroke typing a text field', typing.map(ms)));
    // General's list is filtered from Name, before focus wanders; OS's after (Ctrl-N goes there).
    if (plan.filter.on === 'general') figures.push(...(await filterFigures(plan, app)));
    const focus = [];
    for (let i = 0; i < plan.focusMoves; i++) {
      focus.push(await app.press(i % 3 === 2 ? KEY.backTab : KEY.tab));
    }
    figures.push(...keyFigures(plan, 'focus', 'keystroke moving focus', focus.map(ms)));
    if (plan.filter.on === 'os') figures.push(...(await filterFigures(plan, app)));
    if (plan.bytes) figures.push(...bytesFigures(plan, typing, focus));
    figures.push(await rssFigure(plan, app));
    return figures;
  } finally {
    await app.kill();
    await sim.stop();
  }
}

async function filterFigures(plan: SessionPlan, app: PtyProgram): Promise<Figure[]> {
  const figures: Figure[] = [];
  const { filter } = plan;
  if (filter.on === 'os') {
    await app.quiet(100);
    const pressed = performance.now();
    app.write(KEY.ctrlN);
    const shown = await app.waitFor(ready(READY[1]![1]), 60000);
    figures.push({
      id: `${plan.id}.os-shown`,
      name: `${plan.label}: Ctrl-N → OS ready (its list already loaded)`,
      value: shown - pressed,
      unit: 'ms',
      samples: 1,
    });
    await app.quiet(100);
  }
  // On OS from its first field; on General from Name, its third.
  const start = filter.on === 'os' ? 0 : 2;
  for (let i = start; i < filter.tabs; i++) await app.press(KEY.tab);
  const samples = [];
  for (let round = 0; round < plan.filterRounds; round++) {
    for (const ch of filter.text) samples.push((await app.press(ch)).latencyMs);
    for (let i = 0; i < filter.text.length; i++)
      samples.push((await app.press(KEY.backspace)).latencyMs);
  }
  // Close the list again, keeping what was chosen.
  await app.press(KEY.escape);
  figures.push(...keyFigures(plan, 'filter', `keystroke filtering ${filter.what}`, samples));
  return figures;
}

function bytesFigures(
  plan: SessionPlan,
  typing: { bytes: number }[],
  focus: { bytes: number }[],
): Figure[] {
  const typed = typing.map((b) => b.bytes);
  const moved = focus.map((b) => b.bytes);
  const f = (id: string, name: string, value: number, raw: number[], target?: number): Figure => ({
    id: `${plan.id}.${id}`,
    name: `${plan.label}: ${name}`,
    value,
    unit: 'B',
    samples: raw.length,
    raw,
    ...(target !== undefined ? { target } : {}),
  });
  return [
    f('bytes.key', 'terminal bytes per typed key, mean', mean(typed), typed, 200),
    f('bytes.key-max', 'terminal bytes per typed key, max', Math.max(...typed), typed),
    f('bytes.focus', 'terminal bytes per focus move, mean', mean(moved), moved, 400),
    f('bytes.focus-max', 'terminal bytes per focus move, max', Math.max(...moved), moved),
  ];
}

async function rssFigure(plan: SessionPlan, app: PtyProgram): Promise<Figure> {
  let what = 'peak RSS';
  if (plan.fullRun) {
    // From OS (the filter suite ends there) on to a created VM.
    await walkToConfirm(app, 2);
    app.write(KEY.ctrlN);
    await app.waitFor(created, 60000);
    what = 'peak RSS, full wizard run to a created VM';
  }
  return {
    id: `${plan.id}.rss`,
    name: `${plan.label}: ${what}`,
    value: app.peakRss() / MiB,
    unit: 'MiB',
    samples: 1,
    ...(plan.rssTarget !== undefined ? { target: plan.rssTarget } : {}),
  };
}
