/**
 * A panel of figures at a glance: a title line, gauges side by side and a sparkline with its
 * caption. Where the terminal draws pictures well (256 colours, UTF-8) they are
 * blessed-contrib's gauges and sparkline; elsewhere (8 colours, NO_COLOR, ASCII) text meters
 * and a text sparkline (widgets/meter.ts, widgets/spark.ts). Every figure is in the text too:
 * the title and the captions say what the pictures show. Knows nothing of what is measured.
 */
import blessed, { type Widgets } from 'blessed';
import { contrib } from './contrib';
import type { GaugeElement, SparklineElement } from './contrib-pieces';
import { meterText, percentText } from './meter';
import { resample, sparkText } from './spark';
import { cut, escapeTags, sanitize } from './text';
import { themeOf, type Theme } from './theme';

export interface PanelFigures {
  /** The figures in words (e.g. what is measured and its totals). */
  title: string;
  /** Each gauge: its name (its percentage is added) and the fraction 0..1 it shows. */
  gauges: { label: string; fraction: number | undefined }[];
  /** The series (fractions, `null` for gaps) and its caption (its figures in words). */
  spark: { label: string; values: readonly (number | null)[]; caption: string };
}

/** Rows the panel takes, with pictures and without. */
export const PICTURE_ROWS = 10;
export const TEXT_ROWS = 4;

/** Whether `theme` draws contrib's pictures: colour bars need colour, ticks need Unicode. */
export function drawsPictures(theme: Theme): boolean {
  return theme.color && theme.colors === 256 && theme.glyphs.ticks.length === 8;
}

export class GaugePanel {
  readonly el: Widgets.BoxElement;
  readonly rows: number;
  private readonly titleBox: Widgets.BoxElement;
  private readonly gauges: GaugeElement[] = [];
  private spark: SparklineElement | undefined;
  private readonly lines: Widgets.BoxElement | undefined;
  private figures: PanelFigures | undefined;
  /** Palette indices: contrib's canvas takes a number as a 256-colour index. */
  private readonly colours: { bar: number; track: number };

  constructor(
    private readonly screen: Widgets.Screen,
    gaugeCount: number,
  ) {
    const theme = themeOf(screen);
    const pictures = drawsPictures(theme);
    this.rows = pictures ? PICTURE_ROWS : TEXT_ROWS;
    const line = { screen, left: 0, right: 0, tags: true };
    this.el = blessed.box({ screen, height: this.rows, left: 0, right: 0 });
    this.titleBox = blessed.box({ ...line, parent: this.el, top: 0, height: 1 });
    this.colours = { bar: theme.style('meterBar').fg ?? 0, track: theme.style('border').fg ?? 0 };
    if (!pictures) {
      this.lines = blessed.box({ ...line, parent: this.el, top: 1, bottom: 0 });
      return;
    }
    for (let i = 0; i < gaugeCount; i++) this.gauges.push(this.gauge(i, gaugeCount));
    this.spark = contrib().sparkline({
      ...line,
      top: 5,
      height: 5,
      border: { type: 'line', fg: theme.style('border').fg },
      label: '',
      style: { fg: this.colours.bar as unknown as string, titleFg: String(this.colours.bar) },
    });
    this.el.append(this.spark);
  }

  /** A gauge: contrib draws its bar on the canvas' third and fourth rows (four, no border). */
  private gauge(i: number, count: number): GaugeElement {
    const gauge = contrib().gauge({
      screen: this.screen,
      top: 1,
      left: `${Math.round((100 * i) / count)}%`,
      width: `${Math.floor(100 / count)}%-1`,
      height: 4,
      stroke: this.colours.bar as unknown as string,
      fill: this.colours.bar as unknown as string,
      showLabel: false,
      label: '',
    });
    this.el.append(gauge);
    return gauge;
  }

  /**
   * The panel was laid out at a new width: contrib's gauges size their canvas when attached,
   * so they are attached anew and drawn again.
   */
  resized(): void {
    for (const gauge of this.gauges) gauge.emit('attach');
    const figures = this.figures;
    this.figures = undefined;
    if (figures) this.set(figures);
  }

  /** Show these figures (pictures are redrawn only when they changed). */
  set(figures: PanelFigures): void {
    if (JSON.stringify(figures) === JSON.stringify(this.figures)) return;
    this.figures = figures;
    const theme = themeOf(this.screen);
    const width = (this.el.width as number) || (this.screen.width as number);
    this.titleBox.setContent(theme.paint('label', escapeTags(cut(sanitize(figures.title), width))));
    if (this.lines) return this.drawText(theme, figures, width);
    figures.gauges.forEach((g, i) => {
      const gauge = this.gauges[i];
      if (!gauge) return;
      const shown = percentText(g.fraction, theme.glyphs).trim();
      gauge.setLabel(` ${escapeTags(sanitize(g.label))} ${shown} `);
      // contrib reads 1.001 and below as a fraction: 0..1 always. Its canvas comes on attach.
      // The rest of the bar is a track in the border's colour, so the bar's length reads.
      const part = Math.min(Math.max(g.fraction ?? 0, 0), 1);
      if ((gauge as unknown as { ctx?: unknown }).ctx)
        gauge.setData([
          { percent: part, stroke: this.colours.bar as unknown as string },
          { percent: 1 - part, stroke: this.colours.track as unknown as string },
        ]);
    });
    const spark = this.spark!;
    spark.setLabel(` ${escapeTags(sanitize(figures.spark.label))} `);
    const cells = Math.max(((spark.width as number) || width) - 2, 1);
    const values = resample(figures.spark.values, cells)
      .filter((v): v is number => v !== null)
      .map((v) => Math.round(v * 100));
    spark.setData([escapeTags(sanitize(figures.spark.caption))], [values]);
  }

  /** Text meters and a text sparkline, their labels in one column. */
  private drawText(theme: Theme, figures: PanelFigures, full: number): void {
    const g = theme.glyphs;
    // A painted line as wide as the box is wrapped by blessed: one cell spare.
    const width = full - 1;
    const { spark } = figures;
    const pad = Math.max(spark.label.length, ...figures.gauges.map((x) => x.label.length));
    const ends = g.meter.open.length + g.meter.close.length;
    const bar = Math.max(Math.min(width - pad - 6 - ends, 40), 4);
    const ticks = Math.max(Math.min(bar + ends, width - pad - 3 - spark.caption.length), 4);
    const line = (text: string) => theme.paint('meterBar', escapeTags(cut(sanitize(text), width)));
    this.lines!.setContent(
      [
        ...figures.gauges.map((x) => line(meterText(x.label.padEnd(pad), x.fraction, bar, g))),
        line(`${spark.label.padEnd(pad)} ${sparkText(spark.values, ticks, g)}  ${spark.caption}`),
      ].join('\n'),
    );
  }
}
