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
import { itemSource, type OptionSource } from '../widgets/option-source';
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

interface NodeList {
  glyphs: Glyphs;
  /** The value kept in the list although no node has it (a spec's), or ''. */
  kept: string;
  /** The last value asked about (whether a node has it is known). */
  asked: string;
  source: OptionSource;
  /** The hours read so far: the rows read them when drawn, so an hour arriving rebuilds nothing. */
  hours: { now: GeneralData['nodeLoad'] };
}

/** The options made per answer: one source while the nodes, glyphs and kept value stay. */
const lists = new WeakMap<readonly NodeInfo[], NodeList>();

/**
 * NodeSelector.js (`sorters: node`): ExtJS's plain compare. The options are read in place and
 * drawn with the latest hours: an hour arriving for one of 3,000 nodes neither sorts nor builds
 * 3,000 rows again, and an open list keeps its filter. A `value` no node has (a spec's) stays
 * visible at the top, dimmed.
 */
export function nodeOptions(data: GeneralData | undefined, g: Glyphs, value = ''): OptionSource {
  const nodes = data?.nodes ?? [];
  let list = lists.get(nodes);
  const kept =
    !data || value === ''
      ? ''
      : list?.asked === value
        ? list.kept
        : nodes.some((n) => n.node === value)
          ? ''
          : value;
  if (!list || list.glyphs !== g || list.kept !== kept) {
    const sorted = [...nodes].sort((a, b) => byCodePoint(a.node, b.node));
    const hours: NodeList['hours'] = { now: undefined };
    const head = kept
      ? [{ value: kept, label: kept, detail: 'not in this cluster', disabled: true }]
      : [];
    const source = itemSource(
      sorted,
      {
        value: (n) => n.node,
        option: (n) => nodeOption(n, hours.now?.[n.node], g),
        text: (n) => n.node.toLowerCase(),
        disabled: (n) => n.status !== 'online',
      },
      head,
    );
    list = { glyphs: g, kept, asked: value, source, hours };
    lists.set(nodes, list);
  }
  list.asked = value;
  list.hours.now = data?.nodeLoad;
  return list.source;
}

function nodeOption(n: NodeInfo, load: NodeLoad | undefined, g: Glyphs): SelectOption {
  const figures =
    n.status === 'online' ? `cpu ${percent(n.cpu)}  mem ${percent(memFraction(n))}` : '';
  return {
    value: n.node,
    label: n.node,
    detail: nodeDetail(n, load, g),
    // Beside a long name: the figures alone.
    shortDetail: figures,
    // The closed field: the figures alone (its hint has them and the hour in words; the list
    // shows meters and the hour, where nodes are compared).
    valueDetail: figures || undefined,
    disabled: n.status !== 'online',
  };
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

/**
 * The chosen node's hint: what its row does not say (its size, the hour in words), e.g.
 * `32 CPUs, 256 GiB; hour: mean 6%, peak 14%`. Short: it is redrawn with the field.
 */
export function nodeHint(data: GeneralData | undefined, node: string): string {
  const n = data?.nodes.find((x) => x.node === node);
  if (!n || n.status !== 'online') return '';
  const size = [n.maxcpu ? `${n.maxcpu} CPUs` : '', n.maxmem ? formatBytes(n.maxmem) : '']
    .filter(Boolean)
    .join(', ');
  return [size, hourWords(data?.nodeLoad?.[node])].filter(Boolean).join('; ');
}
