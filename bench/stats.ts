/** Statistics for the benchmarks. Pure. */

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export interface TimedRequest {
  receivedMs: number;
  answeredMs?: number;
}

/**
 * How many request waits the user sat through between `from` and `to`: the longest chain of
 * requests answered in that interval where each started only after the previous one was
 * answered. Parallel requests count once; requests still running at `to` did not hold the
 * screen up.
 */
export function sequentialWaits(
  requests: readonly TimedRequest[],
  from: number,
  to: number,
): number {
  const inside = requests
    .filter((r) => r.answeredMs !== undefined && r.answeredMs > from && r.answeredMs <= to)
    .sort((a, b) => a.receivedMs - b.receivedMs);
  const depth: number[] = [];
  inside.forEach((r, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) {
      if (inside[j]!.answeredMs! <= r.receivedMs) before = Math.max(before, depth[j]!);
    }
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * The longest time a key waited for the program to write anything, seen from outside: for each
 * write, the first output arriving after it. A main thread that is busy for 200 ms makes the
 * key written at its start wait 200 ms, whatever happens to the keys after it. A write that
 * never saw output counts up to `end`. Both lists in ascending order.
 */
export function maxEchoGap(
  writes: readonly number[],
  outputs: readonly number[],
  end: number,
): number {
  if (writes.length === 0) return Number.NaN;
  let o = 0;
  let gap = 0;
  for (const w of writes) {
    while (o < outputs.length && outputs[o]! <= w) o++;
    gap = Math.max(gap, (o < outputs.length ? outputs[o]! : end) - w);
  }
  return gap;
}
