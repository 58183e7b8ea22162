/**
 * The blessed-contrib widgets pvevm draws with, required one by one (contrib's index would load
 * every widget, its map and its Markdown renderer). In the build this file is a chunk of its own
 * (`dist/app/contrib.js`, esbuild.config.mjs) that widgets/contrib.ts loads once a login is sent:
 * a start never compiles it. Inside the chunk, contrib's `require('blessed')` is the program's
 * own neo-blessed (see `SHARED_BLESSED`), never a second copy.
 */
import type { Widgets } from 'blessed';

/** Options every contrib widget takes (a blessed box's), and what each adds. */
export type ContribOptions = Widgets.BoxOptions;

export interface GaugeOptions extends ContribOptions {
  /** The bar's colour (a blessed colour name or `#rrggbb`). */
  stroke?: string;
  /** The percentage's colour. */
  fill?: string;
  showLabel?: boolean;
  percent?: number;
}

export interface GaugeElement extends Widgets.BoxElement {
  setPercent(percent: number): void;
  setData(data: number | { percent: number; stroke: string }[]): void;
}

export interface SparklineOptions extends ContribOptions {
  style?: Widgets.BoxOptions['style'] & { text?: string; baseline?: string };
}

export interface SparklineElement extends Widgets.BoxElement {
  /** One labelled line per series: `titles[i]`, then the series' bars. */
  setData(titles: string[], series: number[][]): void;
}

export interface LogOptions extends Widgets.ListOptions<Widgets.ListElementStyle> {
  /** Lines kept (older ones are dropped). */
  bufferLength?: number;
}

export interface LogElement extends Widgets.ListElement {
  /** Append a line and scroll to it. */
  log(line: string): void;
  logLines: string[];
}

export interface ContribPieces {
  gauge(options: GaugeOptions): GaugeElement;
  sparkline(options: SparklineOptions): SparklineElement;
  log(options: LogOptions): LogElement;
}

/* eslint-disable @typescript-eslint/no-require-imports -- contrib is CommonJS without types */
export const pieces: ContribPieces = {
  gauge: require('blessed-contrib/lib/widget/gauge'),
  sparkline: require('blessed-contrib/lib/widget/sparkline'),
  log: require('blessed-contrib/lib/widget/log'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
