import {
  formatTable,
  jsonReport,
  judge,
  markdownReport,
  summary,
  type Figure,
} from '../../bench/report';
import { maxEchoGap, mean, median, percentile, sequentialWaits } from '../../bench/stats';

describe('benchmark statistics', () => {
  it('nearest-rank percentiles, the median and the mean', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([], 50)).toBeNaN();
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNaN();
  });

  it('counts sequential request waits: parallel calls once, a chain for each link', () => {
    const req = (receivedMs: number, answeredMs?: number) => ({ receivedMs, answeredMs });
    // Four parallel loads, then one that needed their answer.
    const requests = [req(10, 60), req(11, 61), req(12, 62), req(12, 63), req(64, 114)];
    expect(sequentialWaits(requests, 0, 120)).toBe(2);
    // Only what was answered inside the interval held the screen up.
    expect(sequentialWaits(requests, 0, 70)).toBe(1);
    expect(sequentialWaits(requests, 115, 200)).toBe(0);
    expect(sequentialWaits([req(10)], 0, 100)).toBe(0);
  });

  it('sees a frozen main thread from outside: the longest wait of a key for any output', () => {
    // A key every 8 ms, each echoed 2 ms later, except a 200 ms stall after the key at 16.
    const writes = [0, 8, 16, 24, 32, 40];
    const outputs = [2, 10, 216, 217];
    expect(maxEchoGap(writes, outputs, 300)).toBe(200);
    // Keys never answered wait until the end of the measurement.
    expect(maxEchoGap([0, 8], [2], 100)).toBe(92);
    expect(maxEchoGap([], [1], 10)).toBeNaN();
  });
});

describe('benchmark report', () => {
  const fig = (id: string, value: number, target?: number): Figure => ({
    id,
    name: id,
    value,
    unit: 'ms',
    samples: 3,
    ...(target !== undefined ? { target } : {}),
  });

  it('passes a run only when every promised figure is there, a number, and within target', () => {
    expect(judge([fig('a', 5, 10), fig('b', 1)], ['a', 'b'])).toMatchObject({
      exitCode: 0,
      met: ['a'],
    });
    expect(judge([fig('a', 11, 10)], ['a'])).toMatchObject({ exitCode: 1, missed: ['a'] });
  });

  it('fails a run with a figure that is NaN or missing, even when every target is met', () => {
    const nan = judge([fig('a', 5, 10), fig('b', Number.NaN)], ['a', 'b']);
    expect(nan).toMatchObject({ exitCode: 2, invalid: ['b'], met: ['a'] });
    // A NaN against a target is neither met nor missed: it is no figure at all.
    expect(judge([fig('a', Number.NaN, 10)], ['a'])).toMatchObject({
      exitCode: 2,
      invalid: ['a'],
      met: [],
      missed: [],
    });
    const missing = judge([fig('a', 5, 10)], ['a', 'startup.ratio-floor']);
    expect(missing).toMatchObject({ exitCode: 2, missing: ['startup.ratio-floor'] });
    expect(summary(missing)).toBe('1 of 1 targets met; MISSING (run failed): startup.ratio-floor');
  });

  it('prints every figure with its target and whether it was met', () => {
    const table = formatTable(
      [
        { id: 'r', name: 'Start-up ratio', value: 1.9, unit: '×', target: 2.5 },
        { id: 'm', name: 'Peak RSS', value: 130.4, unit: 'MiB', target: 120 },
        { id: 'b', name: 'Median', value: 28, unit: 'B' },
        { id: 'n', name: 'Broken', value: Number.NaN, unit: 'ms', target: 10 },
      ],
      'text',
      ['paste.16k'],
    );
    expect(table.split('\n')).toEqual([
      'Figure            Value     Target',
      '──────────────  ───────  ─────────  ────────────',
      'Start-up ratio   1.90 ×   ≤ 2.50 ×  met',
      'Peak RSS        130 MiB  ≤ 120 MiB  MISSED',
      'Median             28 B',
      'Broken           NaN ms    ≤ 10 ms  NOT A NUMBER',
      'paste.16k             —             MISSING',
    ]);
    expect(
      formatTable([{ id: 'x', name: 'x', value: 1, unit: 'ms', target: 10 }], 'markdown'),
    ).toBe(
      '| Figure | Value | Target |  |\n| --- | ---: | ---: | --- |\n| x | 1 ms | ≤ 10 ms | met |',
    );
  });

  it('writes the date, the machine and the verdict into latest.md, sample counts into the JSON', () => {
    const info = {
      date: '2026-11-30T17:00:00Z',
      machine: 'vm: 2 × CPU',
      suites: ['s'],
      seconds: 61,
    };
    const figures = [fig('a', 5, 10), fig('b', 20, 10)];
    const verdict = judge(figures, ['a', 'b']);
    const md = markdownReport(info, figures, verdict);
    expect(md).toContain('Measured 2026-11-30T17:00:00Z on vm: 2 × CPU');
    expect(md).toContain('**1 of 2 targets met; missed: b.**');
    expect(md).toContain('| a | 5 ms | ≤ 10 ms | met |');
    expect(md).toContain('| b | 20 ms | ≤ 10 ms | MISSED |');
    const json = JSON.parse(jsonReport(info, figures, verdict)) as { figures: Figure[] };
    expect(json.figures.map((f) => f.samples)).toEqual([3, 3]);
  });

  it('says whether the previous full run on the same machine met every target too', () => {
    const info = { date: '2026-11-30T22:00:00Z', machine: 'vm', suites: ['s'], seconds: 60 };
    const figures = [fig('a', 5, 10)];
    const met = judge(figures, ['a']);
    const missed = judge([fig('a', 50, 10)], ['a']);
    const before = (verdict: typeof met, machine = 'vm') => ({
      date: '2026-11-30T21:58:00Z',
      machine,
      verdict,
    });
    expect(markdownReport(info, figures, met, before(met))).toContain(
      'Previous full run, 2026-11-30T21:58:00Z on the same machine: 1 of 1 targets met. ' +
        '**Every target met in two consecutive runs.**',
    );
    const after = markdownReport(info, figures, met, before(missed));
    expect(after).toContain(
      'Previous full run, 2026-11-30T21:58:00Z on the same machine: ' +
        '0 of 1 targets met; missed: a.',
    );
    expect(after).not.toContain('two consecutive');
    expect(markdownReport(info, figures, met, before(met, 'other'))).toContain(
      'Previous full run, 2026-11-30T21:58:00Z on other: 1 of 1 targets met.',
    );
    expect(markdownReport(info, figures, met, before(met, 'other'))).not.toContain('consecutive');
    expect(markdownReport(info, figures, met)).not.toContain('Previous');
  });
});
