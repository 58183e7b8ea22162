/** Driving the real pvevm binary through its screens, for the benchmark suites. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PtyProgram } from './pty';
import type { SimProcess } from './sim';

const ROOT = join(__dirname, '..', '..');

/** The binary `npm install` would link as `pvevm`: whatever package.json names (bundled or not). */
export function pvevmBinary(): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
  };
  return join(ROOT, manifest.bin.pvevm!);
}

/** The floor packaged as pvevm is: its launcher compiles the bundle from its code cache. */
export const FLOOR = join(__dirname, 'floor.js');
/** The same floor bundle run by Node directly: compiled from source, as Node does by default. */
export const FLOOR_PLAIN = join(__dirname, '..', 'floor', 'floor.js');

/** The node binary itself, so no version-manager shim runs in front of what is timed. */
export const NODE = process.execPath;

export const KEY = {
  tab: '\t',
  backTab: '\x1b[Z',
  enter: '\r',
  escape: '\x1b',
  backspace: '\x7f',
  ctrlN: '\x0e',
  ctrlQ: '\x11',
};

/** What shows that each step is ready: its first field, and nothing loading or being checked. */
export const READY: [step: string, marker: string][] = [
  ['General', 'VM ID'],
  ['OS', 'Installation media'],
  ['System', 'Graphic card'],
  ['Disks', '─ Disk ─'],
  ['CPU', 'Sockets'],
  ['Memory', 'Memory (MiB)'],
  ['Network', 'No network device'],
  ['Confirm', 'Ready: Create VM'],
];
export const ready = (marker: string) => (s: string) =>
  s.includes(marker) && !s.includes('Loading') && !s.includes('Checking');
export const loginFrame = (s: string) => s.includes('─ Password ─') && s.includes('quit');
export const floorFrame = (s: string) => s.includes('─ Password ─') && s.includes('┘');
export const created = (s: string) => s.includes('was created on');

export interface LaunchOptions {
  /** `maxAnswerMiB` of the config file: a cluster whose lists outgrow the default 8 MiB. */
  maxAnswerMiB?: number;
}

export function launch(sim: SimProcess, options: LaunchOptions = {}): PtyProgram {
  const config = mkdtempSync(join(tmpdir(), 'pvevm-bench-'));
  if (options.maxAnswerMiB !== undefined) {
    mkdirSync(join(config, 'pvevm'));
    const file = join(config, 'pvevm', 'config.json');
    writeFileSync(file, JSON.stringify({ maxAnswerMiB: options.maxAnswerMiB }), { mode: 0o600 });
  }
  const argv = [NODE, pvevmBinary(), '--server', sim.url, '--fingerprint', sim.fingerprint];
  return new PtyProgram([...argv, '--user', 'root@pam'], { env: { XDG_CONFIG_HOME: config } });
}

/** Wait for the login screen with its realms, type the password; Enter is the caller's. */
export async function typePassword(app: PtyProgram): Promise<void> {
  // The realms answered (the first frame already says they are loading): a login sent while
  // they are on their way would count their round trip as the login's.
  await app.waitFor((s) => loginFrame(s) && s.includes('(pam)') && !s.includes('Loading realms'));
  await app.quiet(100);
  for (const ch of 'proxmox') app.write(ch);
  await app.quiet();
}

/** Log in and wait for General, ready. Returns when Enter was pressed and when General showed. */
export async function logIn(app: PtyProgram): Promise<{ pressed: number; shown: number }> {
  await typePassword(app);
  const pressed = performance.now();
  app.write(KEY.enter);
  const shown = await app.waitFor(ready('VM ID'), 60000);
  return { pressed, shown };
}

/** Ctrl-N through the remaining steps to Confirm, each waited for until ready. */
export async function walkToConfirm(app: PtyProgram, from = 1): Promise<void> {
  for (const [, marker] of READY.slice(from)) {
    app.write(KEY.ctrlN);
    await app.waitFor(ready(marker), 60000);
  }
}

/** Wait until the simulator answered nothing new for `ms` and the screen is quiet. */
export async function settled(sim: SimProcess, app: PtyProgram, ms = 300): Promise<void> {
  let count = -1;
  while (count !== sim.requests.length) {
    count = sim.requests.length;
    await new Promise((r) => setTimeout(r, ms));
    await app.quiet(100);
  }
}
