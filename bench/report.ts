/**
 * The benchmark's figures: the table (plain text for the terminal, Markdown for
 * bench/results/latest.md), the JSON kept next to it, and the verdict of a run. A figure that is
 * NaN, infinite or missing fails the run as surely as a missed target. Pure.
 */

export interface Figure {
  /** Stable key (`startup.ratio`): what suites promise and the JSON is read by. */
  id: string;
  name: string;
  value: number;
  unit: string;
  /** The figure must not exceed this. */
  target?: number;
  /** How many raw samples the value was computed from. */
  samples?: number;
  /** The raw samples themselves, kept in the JSON. */
  raw?: number[];
}

export interface Verdict {
  /** Promised by a suite that ran but never produced. */
  missing: string[];
  /** Produced, but NaN or infinite. */
  invalid: string[];
  missed: string[];
  met: string[];
  /** 0 every target met, 1 a target missed, 2 a figure missing or not a number. */
  exitCode: 0 | 1 | 2;
}

export function judge(figures: readonly Figure[], expected: readonly string[]): Verdict {
  const ids = new Set(figures.map((f) => f.id));
  const missing = expected.filter((id) => !ids.has(id));
  const invalid = figures.filter((f) => !Number.isFinite(f.value)).map((f) => f.id);
  const targeted = figures.filter((f) => f.target !== undefined && Number.isFinite(f.value));
  const missed = targeted.filter((f) => f.value > f.target!).map((f) => f.id);
  const met = targeted.filter((f) => f.value <= f.target!).map((f) => f.id);
  const exitCode = missing.length + invalid.length > 0 ? 2 : missed.length > 0 ? 1 : 0;
  return { missing, invalid, missed, met, exitCode };
}

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `${value} ${unit}`;
  const digits = unit === '×' ? 2 : Number.isInteger(value) || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${unit}`;
}

function verdictOf(figure: Figure): string {
  if (!Number.isFinite(figure.value)) return 'NOT A NUMBER';
  if (figure.target === undefined) return '';
  return figure.value <= figure.target ? 'met' : 'MISSED';
}

export function formatTable(
  figures: readonly Figure[],
  style: 'text' | 'markdown' = 'text',
  missing: readonly string[] = [],
): string {
  const rows = [
    ...figures.map((f) => [
      f.name,
      formatValue(f.value, f.unit),
      f.target === undefined ? '' : `≤ ${formatValue(f.target, f.unit)}`,
      verdictOf(f),
    ]),
    ...missing.map((id) => [id, '—', '', 'MISSING']),
  ];
  const head = ['Figure', 'Value', 'Target', ''];
  if (style === 'markdown') {
    return [head, ['---', '---:', '---:', '---'], ...rows]
      .map((r) => `| ${r.join(' | ')} |`)
      .join('\n');
  }
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One line: how many targets were met, what was missed, what is missing or not a number. */
export function summary(verdict: Verdict): string {
  const total = verdict.met.length + verdict.missed.length;
  const parts = [`${verdict.met.length} of ${total} targets met`];
  if (verdict.missed.length) parts.push(`missed: ${verdict.missed.join(', ')}`);
  if (verdict.missing.length) parts.push(`MISSING (run failed): ${verdict.missing.join(', ')}`);
  if (verdict.invalid.length)
    parts.push(`NOT A NUMBER (run failed): ${verdict.invalid.join(', ')}`);
  return parts.join('; ');
}

export interface RunInfo {
  /** ISO 8601, to the second. */
  date: string;
  machine: string;
  suites: string[];
  seconds: number;
}

/** What the full run before this one found (read back from its JSON). */
export interface PreviousRun {
  date: string;
  machine: string;
  verdict: Verdict;
}

/** The previous full run's verdict, and whether every target was met in it and in this one. */
function previousLine(info: RunInfo, verdict: Verdict, previous: PreviousRun): string {
  const same = previous.machine === info.machine;
  const line =
    `Previous full run, ${previous.date} on ${same ? 'the same machine' : previous.machine}: ` +
    `${summary(previous.verdict)}.`;
  const both = same && verdict.exitCode === 0 && previous.verdict.exitCode === 0;
  return both ? `${line} **Every target met in two consecutive runs.**` : line;
}

export function markdownReport(
  info: RunInfo,
  figures: readonly Figure[],
  verdict: Verdict,
  previous?: PreviousRun,
): string {
  return [
    '# Latest benchmark figures',
    '',
    `Measured ${info.date} on ${info.machine} by \`npm run bench\` ` +
      `(suites: ${info.suites.join(', ')}; ${Math.round(info.seconds)} s).`,
    '',
    `**${summary(verdict)}.**`,
    '',
    ...(previous ? [previousLine(info, verdict, previous), ''] : []),
    formatTable(figures, 'markdown', verdict.missing),
    '',
  ].join('\n');
}

export function jsonReport(info: RunInfo, figures: readonly Figure[], verdict: Verdict): string {
  return JSON.stringify({ ...info, verdict, figures }, null, 1) + '\n';
}
