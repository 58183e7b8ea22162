/**
 * The Node list's rows with each node's load at a glance — CPU and memory as text meters from
 * the node list, the last hour's CPU as a sparkline once it has arrived (`…` while asked for,
 * a dash when it could not be read, nothing for a node not asked about) — and the chosen
 * node's figures in words (the hint).
 */
import type { NodeLoad } from '../lib/model/node-load';
import { byCodePoint } from '../lib/model/order';
import type { GeneralData } from '../lib/wizard/step-data';
import { meterText } from '../widgets/meter';
import type { SelectOption } from '../widgets/select-field';
import { sparkText } from '../widgets/spark';
import type { Glyphs } from '../widgets/theme';
import { formatBytes, percent } from './format';

type NodeInfo = GeneralData['nodes'][number];

/** Cells of each meter's bar and of the hour's sparkline in a row. */
const BAR_CELLS = 6;
const SPARK_CELLS = 10;
/**
 * The sparkline's top tick stands for the hour's peak (its shape is what it shows; the peak is
 * in the hint), but never for less than this: an idle node's noise stays flat.
 */
const SPARK_FLOOR = 0.1;

export const memFraction = (n: NodeInfo) =>
  n.mem !== undefined && n.maxmem ? n.mem / n.maxmem : undefined;

/** The hour's sparkline, or what stands in for it (right-aligned, so the rows line up). */
function hourText(load: NodeLoad | undefined, g: Glyphs): string {
  const known = load?.status === 'loaded' ? load.cpu.filter((v) => v !== null) : [];
  if (load?.status === 'loaded' && known.length > 0)
    return sparkText(load.cpu, SPARK_CELLS, g, Math.max(SPARK_FLOOR, ...known));
  // A node not asked about (beyond the first ones of a big cluster) shows nothing.
  if (load === undefined) return ' '.repeat(SPARK_CELLS);
  return (load.status === 'loading' ? g.ellipsis : g.unknown).padStart(SPARK_CELLS);
}

function nodeDetail(n: NodeInfo, load: NodeLoad | undefined, g: Glyphs): string {
  if (n.status !== 'online') return n.status;
  return [
    meterText('cpu', n.cpu, BAR_CELLS, g),
    meterText('mem', memFraction(n), BAR_CELLS, g),
    hourText(load, g),
  ].join('  ');
}

/** The nodes of an answer, sorted once (the options are rebuilt as each hour arrives). */
const sortedNodes = new WeakMap<readonly NodeInfo[], NodeInfo[]>();

/** NodeSelector.js (`sorters: node`): ExtJS's plain compare. */
export function nodeOptions(data: GeneralData | undefined, g: Glyphs): SelectOption[] {
  const nodes = data?.nodes ?? [];
  let sorted = sortedNodes.get(nodes);
  if (!sorted) {
    sorted = [...nodes].sort((a, b) => byCodePoint(a.node, b.node));
    sortedNodes.set(nodes, sorted);
  }
  return sorted.map((n) => ({
    value: n.node,
    label: n.node,
    detail: nodeDetail(n, data?.nodeLoad?.[n.node], g),
    // Beside a long name: the figures alone.
    shortDetail:
      n.status === 'online' ? `cpu ${percent(n.cpu)}  mem ${percent(memFraction(n))}` : '',
    disabled: n.status !== 'online',
  }));
}

/** The hour in words: its mean and peak, or why it is not there. */
export function hourWords(load: NodeLoad | undefined): string {
  if (load === undefined) return '';
  // Plain ASCII: these words are read on any terminal (the row's marks are the theme's glyphs).
  if (load.status === 'loading') return 'hour: loading';
  if (load.status === 'failed') return `hour: not read (${load.reason})`;
  const known = load.cpu.filter((v): v is number => v !== null);
  if (known.length === 0) return 'hour: no data';
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  return `hour: mean ${percent(mean)}, peak ${percent(Math.max(...known))}`;
}

/** Every figure the chosen node's row shows, in words: `CPU 34% of 16; mem 81% of 64 GiB; …`. */
export function nodeFigures(data: GeneralData | undefined, node: string): string {
  const n = data?.nodes.find((x) => x.node === node);
  if (!n || n.status !== 'online') return '';
  const cpus = n.maxcpu ? ` of ${n.maxcpu}` : '';
  const total = n.maxmem ? ` of ${formatBytes(n.maxmem)}` : '';
  return [
    `CPU ${percent(n.cpu)}${cpus}`,
    `mem ${percent(memFraction(n))}${total}`,
    hourWords(data?.nodeLoad?.[node]),
  ]
    .filter(Boolean)
    .join('; ');
}
