/** The benchmark table, as plain text for the terminal and as Markdown for the README. Pure. */

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The figure must not exceed this. */
  target?: number;
}

function formatValue(value: number, unit: string): string {
  const digits = unit === '×' ? 2 : Number.isInteger(value) || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${unit}`;
}

function verdict(figure: Figure): string {
  if (figure.target === undefined) return '';
  return figure.value <= figure.target ? 'met' : 'MISSED';
}

export function formatTable(
  figures: readonly Figure[],
  style: 'text' | 'markdown' = 'text',
): string {
  const rows = figures.map((f) => [
    f.name,
    formatValue(f.value, f.unit),
    f.target === undefined ? '' : `≤ ${formatValue(f.target, f.unit)}`,
    verdict(f),
  ]);
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
