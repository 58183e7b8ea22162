import { startSimulator, type Simulator } from '../../services/simulator/server';
import type { Step } from '../../lib/wizard/steps';
import { loginApp, logInAsRoot } from '../support/login-app';
import { snapshotScreen, type SnapshotOptions } from '../support/harness';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t.h.destroy());

const snap = (id: string, options?: SnapshotOptions) => snapshotScreen(t.h, id, options);

const step = () => t.app.controller.state.step;
const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];

describe('navigation', () => {
  it('forward and back on every step keep every value', async () => {
    t = loginApp(sim, { generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    await t.h.press('tab', 'tab');
    await t.h.type('kept-name');
    for (const s of ORDER.slice(0, -1)) {
      expect(step()).toBe(s);
      // The first visit of the next step may fill its defaults; after that, back and forth
      // changes nothing.
      await t.h.press('C-n', 'C-p');
      const before = JSON.stringify(t.app.controller.state.config);
      await t.h.press('C-n', 'C-p');
      expect(step()).toBe(s);
      expect(JSON.stringify(t.app.controller.state.config)).toBe(before);
      await t.h.press('C-n');
    }
    expect(step()).toBe('confirm');
    expect(t.app.controller.state.config.general.name).toBe('kept-name');
    // Screens built and destroyed on the way leave nothing behind in blessed's input lists.
    const lists = t.h.screen as unknown as {
      clickable: { detached?: boolean }[];
      keyable: { detached?: boolean }[];
    };
    expect(lists.clickable.filter((el) => el.detached)).toEqual([]);
    expect(lists.keyable.filter((el) => el.detached)).toEqual([]);
  });

  it('Alt-1..8 jump to visited steps only; the breadcrumb shows where you are', async () => {
    t = loginApp(sim, { generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    await t.h.press('C-n', 'C-n', 'C-n');
    expect(step()).toBe('disks');
    await t.h.press('M-2');
    expect(step()).toBe('os');
    await t.h.press('M-4');
    expect(step()).toBe('disks');
    await t.h.press('M-7');
    expect(step()).toBe('disks');
  });

  it('F1 lists the keys of the screen too (Confirm: F2, PgUp/PgDn)', async () => {
    t = loginApp(sim, { generalCheckDelayMs: 0, rows: 30 });
    await logInAsRoot(t);
    for (let i = 0; i < 7; i++) await t.h.press('C-n');
    expect(step()).toBe('confirm');
    await t.h.press('f1');
    expect(t.h.text()).toContain('On Confirm:');
    expect(t.h.text()).toContain('F2        Switch between the summary and the API parameters');
    expect(t.h.text()).toContain(
      'Alt-1..8  Jump to a visited step (1 General to 8 Confirm; or click it)',
    );
    await snap('help-confirm-80x30', { light: true });
    await t.h.press('escape');
    expect(t.h.text()).not.toContain('On Confirm:');
  });

  it('at 80x24 the Confirm help shows every key and its Close button', async () => {
    t = loginApp(sim, { generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    for (let i = 0; i < 7; i++) await t.h.press('C-n');
    await t.h.press('f1');
    const text = t.h.text();
    for (const line of ['Tab/Down', 'Ctrl-Q', 'F2 ', 'PgUp', 'F3 ', 'Close']) {
      expect(text).toContain(line);
    }
  });

  it('below 60x18 a notice replaces the form; growing brings it back with every value', async () => {
    t = loginApp(sim, { generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    await t.h.press('tab', 'tab');
    await t.h.type('web');
    await t.h.resize(50, 15);
    expect(t.h.lines().join(' ').replace(/\s+/g, ' ')).toContain(
      'The terminal is 50x15; pvevm needs at least 60x18.',
    );
    await t.h.type('xyz');
    expect(t.app.controller.state.config.general.name).toBe('web');
    await snap('too-small-50x15');
    await t.h.resize(80, 24);
    expect(t.h.text()).not.toContain('needs at least');
    expect(t.h.text()).toContain('web');
    await t.h.type('-1');
    expect(t.app.controller.state.config.general.name).toBe('web-1');
  });
});
