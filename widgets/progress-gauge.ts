/**
 * A progress gauge: a caption row, then a bar with the count as text (`3/5`). In colour the bar
 * is blessed-contrib's gauge painted in a theme role (`meter`, `meterError` once failed); without
 * colour (NO_COLOR), where a painted bar would be invisible, it is a text bar `[###---]`. The
 * figure is always printed too, so the picture is never the only place it shows.
 */
import blessed, { type Widgets } from 'blessed';
import { beforeEachFrame, setContentInRender } from './blessed-internals';
import type { GaugeElement } from './contrib-pieces';
import { oneRowGauge, paintShare, textBar } from './one-row-gauge';
import { displayWidth, escapeTags, fit, sanitize } from './text';
import { themeOf, type Role } from './theme';

export { textBar } from './one-row-gauge';

export interface ProgressGaugeOptions {
  parent: Widgets.Node;
  top?: number | string;
  left?: number | string;
  right?: number | string;
  width?: number | string;
}

export interface GaugeReading {
  done: number;
  total: number;
  /** What is going on, as text (the caption row). */
  caption: string;
  /** `error`: something failed (bar and caption in the error roles); `warning`: unsure. */
  tone?: 'normal' | 'error' | 'warning';
}

export class ProgressGauge {
  readonly el: Widgets.BoxElement;
  private reading: GaugeReading = { done: 0, total: 1, caption: '' };
  private gauge: GaugeElement | undefined;
  /** What the gauge was last painted with (width, colour, filled share). */
  private painted = '';

  constructor(
    private readonly screen: Widgets.Screen,
    options: ProgressGaugeOptions,
  ) {
    const { parent, ...position } = options;
    this.el = blessed.box({ parent, ...position, height: 2, tags: true, wrap: false });
    this.el.on('prerender', () => setContentInRender(this.el, this.lines().join('\n')));
    beforeEachFrame(this.el, () => this.layout());
  }

  set(reading: GaugeReading): void {
    this.reading = reading;
  }

  private count(): string {
    return ` ${this.reading.done}/${this.reading.total}`;
  }

  private barWidth(): number {
    return Math.max((this.el.width as number) - displayWidth(this.count()), 0);
  }

  private role(kind: 'text' | 'bar'): Role {
    const tone = this.reading.tone ?? 'normal';
    if (kind === 'bar') return tone === 'error' ? 'meterError' : 'meter';
    return tone === 'error' ? 'error' : tone === 'warning' ? 'warning' : 'loading';
  }

  private lines(): string[] {
    const t = themeOf(this.screen);
    const width = this.el.width as number;
    const { done, total, caption } = this.reading;
    const text = escapeTags(fit(sanitize(caption), width, t.glyphs.ellipsis));
    const bar = t.color ? ' '.repeat(this.barWidth()) : textBar(done, total, this.barWidth());
    return [t.paint(this.role('text'), text), bar + this.count()];
  }

  /** In colour, contrib's gauge (made again when its width changes); else none. */
  private layout(): void {
    const t = themeOf(this.screen);
    const width = this.barWidth();
    if (!t.color || width < 6) {
      this.gauge?.destroy();
      this.gauge = undefined;
      return;
    }
    if (this.gauge && this.gauge.width !== width) {
      this.gauge.destroy();
      this.gauge = undefined;
    }
    if (!this.gauge) {
      this.gauge = oneRowGauge(width);
      this.el.append(this.gauge);
      this.painted = '';
    }
    const { done, total } = this.reading;
    const share = total > 0 ? Math.min(done, total) / total : 0;
    const stroke = t.style(this.role('bar')).bg;
    const key = `${width} ${stroke} ${share}`;
    if (key === this.painted) return;
    this.painted = key;
    paintShare(this.gauge, share, stroke);
  }
}
