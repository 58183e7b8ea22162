/**
 * blessed-contrib's gauge as a one-row bar, and its text twin for terminals without colour.
 * contrib's gauge paints cells with a background colour (the `stroke`), so without colour it
 * would not show: `textBar` draws `[###---]` instead.
 */
import type { Widgets } from 'blessed';
import { setContentInRender } from './blessed-internals';
import { contrib } from './contrib';
import type { GaugeElement } from './contrib-pieces';
import { themeOf } from './theme';

/** The text bar: `[####------]` filling `width` cells (ASCII, for terminals without colour). */
export function textBar(done: number, total: number, width: number): string {
  const inner = Math.max(width - 2, 0);
  const share = total > 0 ? Math.min(done, total) / total : 0;
  // Any share above none shows at least one mark, as the painted bar does.
  const filled = share > 0 ? Math.max(Math.round(inner * share), 1) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(inner - filled)}]`;
}

interface GaugeInternals {
  canvasSize: { width: number; height: number };
  calcSize(): void;
  ctx: {
    _canvas: { frame(): string };
    clearRect(x: number, y: number, w: number, h: number): void;
  };
  _render(): unknown;
  render(): unknown;
  options: { stroke?: unknown };
}

/** One cell of the bar as contrib's canvas writes it: painted (background colour) or not. */
// eslint-disable-next-line no-control-regex -- contrib's canvas writes SGR sequences
const CELL = /\x1b\[48;5;\d+m \x1b\[49m| /g;

/**
 * The bar's row with the cells contrib left empty along the bar's length drawn as a track
 * (`track`, already coloured), so the whole shows as well as the share.
 */
export function withTrack(row: string, barCells: number, track: string): string {
  let at = 0;
  return row.replace(CELL, (cell) => {
    const x = at++;
    return cell === ' ' && x >= 1 && x < 1 + barCells ? track : cell;
  });
}

/** The track glyph (a line) in the `border` role's colour, as an SGR-coloured string. */
function trackOf(screen: Widgets.Screen): string {
  const t = themeOf(screen);
  const fg = t.style('border').fg;
  return fg === undefined ? t.glyphs.h : `\x1b[38;5;${fg}m${t.glyphs.h}\x1b[39m`;
}

/**
 * contrib's gauge drawn in one row: its canvas is four rows high and paints the bar on the
 * third, so that row alone is shown, over a track the bar's length.
 */
export function oneRowGauge(width: number, top = 1, left = 0): GaugeElement {
  const gauge = contrib().gauge({ top, left, width, height: 1, showLabel: false });
  const g = gauge as unknown as GaugeInternals;
  g.calcSize = function (this: GaugeInternals & GaugeElement) {
    this.canvasSize = { width: Math.max((this.width as number) - 2, 4), height: 4 };
  };
  g.render = function (this: GaugeInternals & GaugeElement) {
    // contrib's bar spans its canvas less three cells, from the second cell.
    const cells = this.canvasSize.width - 3;
    const row = this.ctx._canvas.frame().split('\n')[2] ?? '';
    setContentInRender(this, withTrack(row, cells, trackOf(this.screen)));
    return this._render();
  };
  return gauge;
}

/**
 * Paint `share` (0..1) of the bar in palette colour `stroke`; a share above 0 shows at least
 * one cell, none shows none.
 */
export function paintShare(gauge: GaugeElement, share: number, stroke: number | undefined): void {
  const g = gauge as unknown as GaugeInternals;
  g.options.stroke = stroke;
  // contrib reads up to 1.001 as a fraction, above as a percentage; at 0 it paints a cell.
  if (share <= 0) g.ctx.clearRect(0, 0, g.canvasSize.width, g.canvasSize.height);
  else gauge.setPercent(Math.max(Math.min(share, 1) * 100, 1.01));
}
