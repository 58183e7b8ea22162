/**
 * A server whose names, comments and error messages carry blessed tags, escape sequences,
 * control characters, very long and wide text: every step and list of the wizard shows them
 * literally, the terminal obeys none of it, and the frame stays whole.
 */
import { HOSTILE } from '../../services/simulator/clusters/hostile';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import type { Harness } from '../support/harness';
import { snapshotScreen } from '../support/harness';
import { loginApp, logInAsRoot } from '../support/login-app';
import { fgAt } from '../support/widgets';
import { BACKGROUND_QUERY } from '../../lib/tui/background';

const ALL = `${HOSTILE.tags}${HOSTILE.ansi}${HOSTILE.control}${HOSTILE.wide}`;
/** How the escape sequences of HOSTILE.ansi read on screen. */
const ANSI_SHOWN = '␛[31mred␛]0;pwned␇␛[2J';
const FOCUS_FG = 31;

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
let titles: string[];
beforeAll(async () => {
  // 9.1 carries the whole error text in the body; a status line cannot hold escape bytes.
  sim = await startSimulator({
    authDelayMs: 0,
    taskDurationMs: 0,
    dataset: 'hostile',
    version: '9.1',
  });
});
afterAll(() => sim.close());
afterEach(() => {
  t?.h.destroy();
  sim.clearFaults();
});

function start(rows = 24): void {
  t = loginApp(sim, { rows, generalCheckDelayMs: 0 });
  titles = [];
  t.h.term.onTitleChange((title) => titles.push(title));
}

const step = () => t.app.controller.state.step;
const config = () => t.app.controller.state.config;
const text = () => t.h.text();
const row = (label: string) => t.h.lines().findIndex((l) => l.includes(`─ ${label} ─`));
/** The screen's words without box lines, so wrapped text reads whole. */
const flat = () =>
  t.h
    .lines()
    .map((l) => l.replace(/[│┌┐└┘─]/g, ' ').trim())
    .join(' ')
    .replace(/\s+/g, ' ');

/** The characters of each cell of the screen (the second cell of a wide character is ''). */
function cells(h: Harness): string[][] {
  const buffer = h.term.buffer.active;
  return Array.from({ length: h.term.rows }, (_, y) => {
    const line = buffer.getLine(buffer.viewportY + y)!;
    return Array.from({ length: h.term.cols }, (_, x) => line.getCell(x)!.getChars());
  });
}

/** Every box drawn on screen, by cell; a box whose sides do not meet is a problem. */
function boxes(h: Harness): { problems: string[]; heights: number[] } {
  const grid = cells(h);
  const problems: string[] = [];
  const heights: number[] = [];
  grid.forEach((row, y) => {
    row.forEach((c, x) => {
      if (c !== '┌') return;
      const right = row.indexOf('┐', x + 1);
      // Another box's corner or side on its top row: it is under a dialog or list, not broken.
      const covered = (to: number) => row.slice(x + 1, to).some((c) => c === '┌' || c === '│');
      if (right < 0 && covered(row.length)) return;
      if (right < 0) return void problems.push(`row ${y}: ┌ at ${x} has no ┐`);
      if (covered(right)) return;
      let bottom = y + 1;
      while (grid[bottom]?.[x] === '│' && grid[bottom]?.[right] === '│') bottom++;
      if (grid[bottom]?.[x] !== '└' || grid[bottom]?.[right] !== '┘')
        problems.push(`box at ${x},${y}: sides break at row ${bottom}: ${h.lines()[bottom]}`);
      heights.push(bottom - y + 1);
    });
  });
  return { problems, heights };
}

/**
 * The frame is whole: header and footer in place, every box closed, every field three rows
 * (`lists` boxes may be taller: open lists, text views), no row wider than the terminal.
 */
function expectFrame({ lists = 0 } = {}): void {
  const lines = t.h.lines();
  expect(lines[0]).toMatch(/^ pvevm {3}/);
  expect(lines.at(-1)).toMatch(/^ Tab\/Down next field .*F1 help {2}Ctrl-Q quit/);
  const { problems, heights } = boxes(t.h);
  expect(problems).toEqual([]);
  expect(heights.filter((n) => n !== 3).length).toBeLessThanOrEqual(lists);
  for (let y = 0; y < t.h.term.rows; y++) {
    const line = t.h.term.buffer.active.getLine(y)!;
    expect(line.isWrapped).toBe(false);
    // Nothing was drawn past the right edge into the next row's first cell.
    expect(line.length).toBe(t.h.term.cols);
  }
}

/** Open list (or any box) drawn over the screen: closed, and the rest may be covered. */
function expectBoxes(): void {
  expect(boxes(t.h).problems).toEqual([]);
}

/**
 * Nothing the server sent reached the terminal as a command: no escape sequence of its own, no
 * bell, no C1 control, the title is still pvevm's, and the screen was not cleared again.
 */
function expectNoLeak(): void {
  const out = t.h.written;
  expect(out).not.toContain('\x1b]0;pwned');
  expect(out).not.toContain('\x1b[31mred');
  expect(out).not.toMatch(/[\x80-\x9f\b\r]/);
  // pvevm's own title and background question are the only BELs.
  expect(out.split('\x1b]0;pvevm\x07').join('').split(BACKGROUND_QUERY).join('')).not.toContain(
    '\x07',
  );
  expect(out.split('\x1b[2J')).toHaveLength(2);
  expect(titles.every((title) => title === 'pvevm')).toBe(true);
}

/** `literal` is on screen, and its characters all have the colour of its first one. */
function expectLiteral(literal: string): void {
  const grid = cells(t.h);
  const y = grid.findIndex((row) => row.join('').includes(literal));
  expect(y).toBeGreaterThanOrEqual(0);
  const row = grid[y]!;
  // The cell where it starts: joined cells lose nothing before it but wide characters' halves.
  const x = row.findIndex((_, i) => row.slice(i).join('').startsWith(literal));
  const colours = [...literal].map((_, i) => fgAt(t.h, x + i, y));
  expect(new Set(colours).size).toBe(1);
}

/** Tab to the field with this label (its label turns the focus colour). */
async function focus(label: string): Promise<void> {
  const focused = () => {
    const y = row(label);
    return y >= 0 && fgAt(t.h, t.h.lines()[y]!.indexOf(label), y) === FOCUS_FG;
  };
  for (let i = 0; i < 20 && !focused(); i++) await t.h.press('tab');
  expect(focused()).toBe(true);
}

async function openList(label: string): Promise<void> {
  await focus(label);
  await t.h.press('space');
  expect(text()).toMatch(new RegExp(`─ ${label} ─+ \\d+/\\d+ ─`));
  expectBoxes();
}

async function loggedIn(): Promise<void> {
  start();
  await logInAsRoot(t);
  expect(step()).toBe('general');
}

describe('hostile server data', () => {
  it('login: realm comments and a login error are shown literally', async () => {
    start();
    sim.fault('POST /access/ticket', { status: 500, message: ALL, times: 1 });
    await logInAsRoot(t);
    expect(step()).toBe('login');
    // The dialog wraps the whole message; the status line below it is cut to one row.
    expect(flat()).toContain(`${HOSTILE.tags}${ANSI_SHOWN}a b c␈d␇e�f東京ノード������é�evil`);
    expectLiteral('{red-fg}x{/red-fg}');
    await snapshotScreen(t.h, 'hostile-login-error-80x24');
    expectBoxes();
    await t.h.press('enter');
    expectFrame();
    expect(text()).toContain('Linux PAM standard authentication {red-fg}x{/red-fg}');
    await openList('Realm');
    expect(text()).toContain('Corporate LDAP {red-fg}x{/red-fg}{bold}b{/bold}{open}␛[31mred');
    expect(text()).toContain('long-long-long');
    expectLiteral('{red-fg}x{/red-fg}');
    await t.h.press('escape');
    expectNoLeak();
  });

  it('General: node, pool and tag lists; the default node is one Proxmox accepts', async () => {
    await loggedIn();
    expect(config().general.node).toBe('pve1');
    expectFrame();
    await openList('Node');
    expect(text()).toContain('{red-fg}x{/red-fg}{bold}b{/bold}{open}node');
    expect(text()).toContain('␛[31mred␛]0;pwned␇␛[2Jnode');
    expect(text()).toContain('a b c␈d␇e�f');
    expect(text()).toContain('東京ノード');
    expect(text()).toMatch(/pve-x+…/);
    expectLiteral('{red-fg}x{/red-fg}');
    await snapshotScreen(t.h, 'hostile-node-list-80x24');
    await t.h.press('escape');
    await openList('Resource Pool');
    expect(text()).toContain('{red-fg}x{/red-fg}{bold}b{/bold}{open}pool');
    expect(text()).toContain('東京ノード������é�evilpool');
    await t.h.press('escape');
    await openList('Add a cluster tag');
    expect(text()).toContain('␛[31mred␛]0;pwned␇␛[2J');
    await t.h.press('escape');
    expectFrame();
    expectNoLeak();
  });

  it('a node name Proxmox refuses ends in a clear error on the next step, not a crash', async () => {
    await loggedIn();
    await openList('Node');
    await t.h.type('{red');
    await t.h.press('enter');
    expect(config().general.node).toBe(`${HOSTILE.tags}node`);
    await t.h.press('C-n');
    expect(step()).toBe('os');
    expect(t.app.controller.state.views.os?.message).toContain(
      'Parameter verification failed. node: invalid format',
    );
    expect(flat()).toContain('Error: Parameter verification failed. node: in');
    expectFrame();
    expectNoLeak();
  });

  it('a step load failure with a hostile message', async () => {
    sim.fault('GET /pools', { status: 500, message: ALL, times: 1 });
    await loggedIn();
    // The status area wraps the message whole, with how to retry, and what shows is literal.
    expect(t.app.controller.state.views.general?.message).toContain(
      'Could not load pools: Internal Server Error: {red-fg}x{/red-fg}',
    );
    expect(flat()).toContain(
      'Could not load pools: Internal Server Error: {red-fg}x{/red-fg}{bold}b{/bold}{open}',
    );
    expect(flat()).toMatch(/evil \(Reload or Ctrl-R tries again\)/);
    expectLiteral('{red-fg}x{/red-fg}{bold}b{/bold}');
    expectFrame();
    expectNoLeak();
  });

  it('every step to Confirm: ISO storage, ISO, disk storage, CPU type and bridge lists', async () => {
    start(40);
    await logInAsRoot(t);
    await t.h.press('C-n');
    expect(step()).toBe('os');
    expect(config().os.isoStorage).toBe('local');
    await openList('ISO storage');
    expect(text()).toContain('{red-fg}x{/red-fg}{bold}b{/bold}{open}iso');
    expect(text()).toContain('␛[31mred␛]0;pwned␇␛[2Jiso');
    await t.h.press('escape');
    await openList('ISO image');
    expect(text()).toContain('{red-fg}x{/red-fg}{bold}b{/bold}{open}.iso');
    expect(text()).toContain('a␍b␊c␈d␇e�f.iso'.replace('␍', ' ').replace('␊', ' '));
    expect(text()).toContain('東京ノード������é�evil.iso');
    expectLiteral('{red-fg}x{/red-fg}');
    await snapshotScreen(t.h, 'hostile-iso-list-80x40');
    await t.h.type('{red');
    await t.h.press('enter');
    expect(config().os.iso).toBe(`local:iso/${HOSTILE.tags}.iso`);
    expectFrame();
    for (const s of ['system', 'disks'] as const) {
      await t.h.press('C-n');
      expect(step()).toBe(s);
      expectFrame({ lists: 1 });
    }
    await openList('Storage');
    expect(text()).toContain('東京ノード');
    expect(text()).toContain('a b c␈d␇e�fdisk');
    await t.h.press('escape');
    await t.h.press('C-n');
    expect(step()).toBe('cpu');
    await openList('CPU Type');
    await t.h.type('custom');
    // CPUModelSelector.js shows a custom model without its `custom-` prefix, vendor "Custom (…)".
    expect(text()).toContain('{red-fg}x{/red-fg}{bold}b{/bold}{open} Custom (␛[31mred');
    expect(text()).toContain('␛[31mred␛]0;pwned␇␛[2J     Custom (');
    await t.h.press('escape');
    await t.h.press('C-n', 'C-n');
    expect(step()).toBe('network');
    expect(config().network.bridge).toBe('vmbr0');
    await openList('Bridge');
    expect(text()).toContain('{red-fg}x{/red-fg}{bold}b{/bold}{open}br');
    expect(text()).toContain('␛[31mred␛]0;pwned␇␛[2Jbr');
    await t.h.press('escape');
    await t.h.press('C-n');
    expect(step()).toBe('confirm');
    expect(flat()).toContain(`local:iso/{red-fg}x{/red-fg}{bold}b{/bold}{open}.iso`);
    expectFrame({ lists: 1 });
    await t.h.press('f2');
    expect(flat()).toContain('{red-fg}x{/red-fg}{bold}b{/bold}{open}.iso');
    expectFrame({ lists: 1 });
    expectNoLeak();
  });

  it('a create failure with hostile per-parameter errors', async () => {
    start();
    await logInAsRoot(t);
    for (let i = 0; i < 7; i++) await t.h.press('C-n');
    expect(step()).toBe('confirm');
    sim.fault('POST /nodes/{node}/qemu', {
      status: 400,
      message: 'Parameter verification failed.',
      errors: { cores: ALL, name: HOSTILE.long },
      times: 1,
    });
    await t.h.press('C-n');
    expect(step()).toBe('confirm');
    expect(flat()).toContain('CPU: cores: {red-fg}x{/red-fg}{bold}b{/bold}{open}␛[31mred␛]0;');
    expectLiteral('{red-fg}x{/red-fg}');
    expectFrame({ lists: 1 });
    await snapshotScreen(t.h, 'hostile-create-error-80x24');
    expectNoLeak();
  });

  it('the done screen with a hostile error from the serial console setup', async () => {
    start();
    await logInAsRoot(t);
    for (let i = 0; i < 7; i++) await t.h.press('C-n');
    expect(step()).toBe('confirm');
    sim.fault('PUT /nodes/{node}/qemu/{vmid}/config', { status: 500, message: ALL, times: 1 });
    await t.h.press('C-n');
    expect(step()).toBe('done');
    expect(flat()).toContain(`could not be configured: Internal Server Error: ${HOSTILE.tags}`);
    expectLiteral('{red-fg}x{/red-fg}');
    // Two tall boxes: the result and the picture of what the VM takes.
    expectFrame({ lists: 2 });
    expectNoLeak();
  });
});
