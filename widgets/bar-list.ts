/**
 * A framed list of labelled bars, one row each: `label  ███████        figure`. Each bar is the
 * share `value / max` (blessed-contrib's gauge in the `meter` role; `[###---]` without colour);
 * a row whose `max` is unknown (0) has no bar, only its figure. The figure is always text.
 */
import type { Widgets } from 'blessed';
import { beforeEachFrame } from './blessed-internals';
import type { GaugeElement } from './contrib-pieces';
import { oneRowGauge, paintShare, textBar } from './one-row-gauge';
import { cut, displayWidth } from './text';
import { TextView, type TextViewOptions } from './text-view';
import { themeOf } from './theme';

export interface Bar {
  label: string;
  value: number;
  /** The whole the value is a share of; 0 when unknown (no bar). */
  max: number;
  figure: string;
}

/** Narrower than this, a row shows no bar. */
const MIN_BAR = 6;
const MAX_LABEL = 14;

interface Columns {
  label: number;
  bar: number;
  figure: number;
}

/** Widths of label, bar and figure in a row of `inner` cells (a space before each part, one after). */
export function barColumns(bars: readonly Bar[], inner: number): Columns {
  const widest = (texts: string[]) => Math.max(0, ...texts.map(displayWidth));
  const label = Math.min(widest(bars.map((b) => b.label)), MAX_LABEL);
  const figure = widest(bars.map((b) => b.figure));
  const bar = inner - 4 - label - figure;
  return { label, bar: bar >= MIN_BAR ? bar : 0, figure };
}

export class BarList {
  readonly el: Widgets.BoxElement;
  private readonly view: TextView;
  private bars: readonly Bar[] = [];
  private gauges: GaugeElement[] = [];
  /** What the gauges were made and painted for. */
  private made = '';

  constructor(
    private readonly screen: Widgets.Screen,
    options: TextViewOptions,
  ) {
    this.view = new TextView(screen, options);
    this.el = this.view.el;
    beforeEachFrame(this.el, () => this.layout());
  }

  /** Rows the list needs, frame included. */
  get height(): number {
    return this.bars.length + 2;
  }

  set(bars: readonly Bar[]): void {
    this.bars = bars;
  }

  private layout(): void {
    const t = themeOf(this.screen);
    const cols = barColumns(this.bars, Math.max((this.el.width as number) - 2, 0));
    const pad = (text: string, width: number) => {
      const shown = cut(text, width);
      return shown + ' '.repeat(Math.max(width - displayWidth(shown), 0));
    };
    this.view.setLines(
      this.bars.map((b) => {
        const bar = !t.color && b.max > 0 ? textBar(b.value, b.max, cols.bar) : '';
        const gap = cols.bar > 0 ? ' ' : '';
        return { text: `${pad(b.label, cols.label)} ${pad(bar, cols.bar)}${gap}${b.figure}` };
      }),
    );
    const stroke = t.style('meter').bg;
    const key = JSON.stringify([cols, stroke, t.color, this.bars]);
    if (key === this.made) return;
    this.made = key;
    for (const g of this.gauges) g.destroy();
    this.gauges = [];
    if (!t.color || cols.bar === 0) return;
    this.bars.forEach((b, i) => {
      if (b.max <= 0) return;
      // Inside the frame, after the leading space and the label.
      const gauge = oneRowGauge(cols.bar, 1 + i, 2 + cols.label + 1);
      this.el.append(gauge);
      paintShare(gauge, b.value / b.max, stroke);
      this.gauges.push(gauge);
    });
  }
}
