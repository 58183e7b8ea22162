import { formatTable } from '../../bench/report';
import { median, percentile, sequentialWaits } from '../../bench/stats';

describe('benchmark statistics', () => {
  it('nearest-rank percentiles and the median', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([], 50)).toBeNaN();
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

  it('prints every figure with its target and whether it was met', () => {
    const table = formatTable([
      { name: 'Start-up ratio', value: 1.9, unit: '×', target: 2.5 },
      { name: 'Peak RSS', value: 130.4, unit: 'MiB', target: 120 },
      { name: 'Median', value: 28, unit: 'B' },
    ]);
    expect(table.split('\n')).toEqual([
      'Figure            Value     Target',
      '──────────────  ───────  ─────────  ──────',
      'Start-up ratio   1.90 ×   ≤ 2.50 ×  met',
      'Peak RSS        130 MiB  ≤ 120 MiB  MISSED',
      'Median             28 B',
    ]);
    expect(formatTable([{ name: 'x', value: 1, unit: 'ms', target: 10 }], 'markdown')).toBe(
      '| Figure | Value | Target |  |\n| --- | ---: | ---: | --- |\n| x | 1 ms | ≤ 10 ms | met |',
    );
  });
});
