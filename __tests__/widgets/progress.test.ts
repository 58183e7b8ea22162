/**
 * The progress gauge (contrib's gauge in a theme role, a text bar without colour), the bar list
 * (the same bars, one per figure) and the live log (contrib's log, appended to): text and PNG
 * snapshots on dark and light backgrounds.
 */
import { BarList, barColumns, type Bar } from '../../widgets/bar-list';
import { LiveLog } from '../../widgets/live-log';
import { ProgressGauge, textBar, type GaugeReading } from '../../widgets/progress-gauge';
import { lowContrastCells } from '../support/contrast';
import { Harness } from '../support/harness';
import { DARK, LIGHT } from '../support/xterm-palette';

let h: Harness | undefined;
afterEach(() => h?.destroy());

async function snap(id: string) {
  await h!.render();
  expect(h!.text()).toMatchSnapshot(id);
  expect(h!.png(DARK)).toMatchImageSnapshot({ customSnapshotIdentifier: `${id}-dark` });
  expect(h!.png(LIGHT)).toMatchImageSnapshot({ customSnapshotIdentifier: `${id}-light` });
}

/** Background colour of the cell at (x, y), or undefined for the terminal's own. */
function bgAt(x: number, y: number): number | undefined {
  const cell = h!.term.buffer.active.getLine(y)!.getCell(x)!;
  return cell.isBgDefault() ? undefined : cell.getBgColor();
}

const paintedCells = (y: number) =>
  Array.from({ length: h!.term.cols }, (_, x) => bgAt(x, y)).filter((c) => c !== undefined);

function gauge(reading: GaugeReading, env?: Record<string, string>) {
  h = new Harness({ cols: 40, rows: 3, env });
  const g = new ProgressGauge(h.screen, { parent: h.screen, top: 0, left: 1, right: 1 });
  g.set(reading);
  return g;
}

describe('progress gauge', () => {
  it('at 0: an empty bar and the count as text', async () => {
    gauge({ done: 0, total: 5, caption: 'Create the VM' });
    await snap('gauge-0');
    expect(h!.lines()[0]).toContain('Create the VM');
    // The track shows the bar's whole length.
    expect(h!.lines()[1]).toMatch(/^ {2}─{29} +0\/5 $/);
    expect(paintedCells(1)).toEqual([]);
    for (const scheme of [LIGHT, DARK]) expect(lowContrastCells(h!.term, scheme)).toEqual([]);
  });

  it('half way: the bar is painted in the meter role, in proportion', async () => {
    gauge({ done: 2, total: 5, caption: 'Wait for the create task' });
    await snap('gauge-mid');
    expect(h!.lines()[1]).toMatch(/ 2\/5 $/);
    const painted = paintedCells(1);
    expect(new Set(painted)).toEqual(new Set([31]));
    // 2/5 of a full bar (contrib's: 30 cells of the 34 left of the count).
    expect(painted.length).toBe(12);
  });

  it('done: the bar is full', async () => {
    gauge({ done: 5, total: 5, caption: 'Done' });
    await snap('gauge-done');
    expect(paintedCells(1).length).toBe(30);
  });

  it('failed: the bar and the caption in the error roles', async () => {
    gauge({ done: 2, total: 5, caption: 'Failed: Serial console: no quorum', tone: 'error' });
    await snap('gauge-failed');
    expect(new Set(paintedCells(1))).toEqual(new Set([160]));
    expect(h!.lines()[0]).toContain('Failed: Serial console: no quorum');
    for (const scheme of [LIGHT, DARK]) expect(lowContrastCells(h!.term, scheme)).toEqual([]);
  });

  it('without colour: a text bar, no painted cell', async () => {
    gauge({ done: 3, total: 5, caption: 'Serial console' }, { LANG: 'C.UTF-8', NO_COLOR: '1' });
    await snap('gauge-monochrome');
    expect(h!.lines()[1]).toBe(` ${textBar(3, 5, 34)} 3/5 `);
    expect(h!.lines()[1]).toContain('[###################-------------] 3/5');
    expect(paintedCells(1)).toEqual([]);
  });

  it('follows a change of reading and of width (the bar is made again)', async () => {
    const g = gauge({ done: 1, total: 4, caption: 'one' });
    await h!.render();
    const quarter = paintedCells(1).length;
    g.set({ done: 4, total: 4, caption: 'all' });
    await h!.render();
    expect(paintedCells(1).length).toBeGreaterThan(quarter);
    await h!.resize(60, 3);
    await h!.render();
    expect(paintedCells(1).length).toBe(50);
    expect(h!.lines()[1]).toMatch(/ 4\/4 $/);
  });

  it('text bar arithmetic', () => {
    expect(textBar(0, 5, 12)).toBe('[----------]');
    expect(textBar(5, 5, 12)).toBe('[##########]');
    expect(textBar(1, 2, 6)).toBe('[##--]');
    expect(textBar(7, 0, 4)).toBe('[--]');
    expect(textBar(1, 1000, 12)).toBe('[#---------]');
  });
});

describe('live log', () => {
  function liveLog(rows = 8, cap?: number) {
    h = new Harness({ cols: 40, rows });
    return new LiveLog(h.screen, {
      parent: h.screen,
      title: 'Task log',
      top: 0,
      left: 0,
      right: 0,
      bottom: 0,
      cap,
      empty: 'No lines yet',
    });
  }

  it('says so while empty, then shows lines as they are appended, newest in view', async () => {
    const log = liveLog();
    await h!.render();
    expect(h!.text()).toContain('No lines yet');
    log.append(['Formatting disk', "scsi0: successfully created disk 'local-lvm:vm-100-disk-0'"]);
    await snap('live-log');
    expect(h!.text()).not.toContain('No lines yet');
    // A line longer than the view goes on in the next row.
    expect(h!.lines()[3]).toContain("'local-lvm:vm-100-disk-0'");
    log.append(Array.from({ length: 10 }, (_, i) => `line ${i + 1}`));
    await h!.render();
    const rows = h!.lines();
    expect(rows[6]).toContain('line 10');
    expect(rows[1]).toContain('line 5');
    expect(log.received).toBe(12);
    expect(log.kept).toHaveLength(13);
  });

  it('appends: the lines shown before are the same items, not set again', async () => {
    const log = liveLog();
    log.append(['a']);
    const list = (log as unknown as { log: { items: unknown[] } }).log;
    const first = list.items[0];
    log.append(['b', 'c']);
    expect(list.items[0]).toBe(first);
    expect(list.items).toHaveLength(3);
  });

  it('keeps only the last `cap` lines', async () => {
    const log = liveLog(8, 3);
    log.append(['1', '2', '3', '4', '5']);
    expect(log.kept).toEqual([' 3', ' 4', ' 5']);
    expect(log.received).toBe(5);
  });

  it('shows server text as text: no tags, no escapes obeyed', async () => {
    const log = liveLog();
    log.append(['{red-fg}red{/red-fg} \x1b[2Jclear']);
    await h!.render();
    expect(h!.text()).toContain('{red-fg}red{/red-fg}');
    expect(h!.text()).toContain('Task log');
  });
});

describe('bar list', () => {
  const BARS: Bar[] = [
    { label: 'local-lvm', value: 40, max: 400, figure: '40 of 400 GiB' },
    { label: 'Memory', value: 32, max: 64, figure: '32 of 64 GiB' },
    { label: 'Cores', value: 4, max: 0, figure: '4 CPUs' },
  ];

  function bars(cols: number, env?: Record<string, string>) {
    h = new Harness({ cols, rows: 5, env });
    const list = new BarList(h.screen, {
      parent: h.screen,
      title: 'What it takes',
      top: 0,
      left: 0,
      right: 0,
      height: 5,
    });
    list.set(BARS);
    return list;
  }

  it('one row per figure: label, the share as a bar, the figure as text', async () => {
    const list = bars(50);
    expect(list.height).toBe(5);
    await snap('bar-list');
    const rows = h!.lines();
    expect(rows[1]).toMatch(/^│ local-lvm .* 40 of 400 GiB │$/);
    expect(rows[3]).toMatch(/^│ Cores .* 4 CPUs +│$/);
    // Half of Memory's bar, a tenth of the storage's; no bar where the room is unknown.
    // contrib's bar runs over its width less five cells (margins and canvas).
    const track = barColumns(BARS, 48).bar - 5;
    expect(Math.abs(paintedCells(2).length - track / 2)).toBeLessThanOrEqual(1);
    expect(Math.abs(paintedCells(1).length - track / 10)).toBeLessThanOrEqual(1);
    expect(paintedCells(3)).toEqual([]);
    expect(rows[3]).not.toContain('─');
    for (const scheme of [LIGHT, DARK]) expect(lowContrastCells(h!.term, scheme)).toEqual([]);
  });

  it('without colour: text bars', async () => {
    bars(50, { LANG: 'C.UTF-8', NO_COLOR: '1' });
    await snap('bar-list-monochrome');
    const rows = h!.lines();
    expect(rows[2]).toMatch(/^│ Memory +\[#+-+\] 32 of 64 GiB +│$/);
    expect(rows[3]).toMatch(/^│ Cores +4 CPUs +│$/);
    expect([1, 2, 3].flatMap(paintedCells)).toEqual([]);
  });

  it('too narrow for a bar: the figures alone', async () => {
    bars(30);
    await h!.render();
    expect(h!.lines()[2]).toMatch(/^│ Memory +32 of 64 GiB +│$/);
    expect([1, 2, 3].flatMap(paintedCells)).toEqual([]);
  });
});
