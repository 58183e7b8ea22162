/**
 * A form: fields and button rows on a grid of 3-row cells, in one column or two when the body
 * is wide enough, scrolled so the focused field is always visible. It owns focus movement
 * (Tab/Shift-Tab, Down/Up, Enter to move on, Left/Right between buttons); each field reads
 * its own keys first.
 */
import blessed, { type Widgets } from 'blessed';
import { beforeEachFrame } from './blessed-internals';
import { Button } from './button';
import { Field, FIELD_HEIGHT, type Focusable, type Key } from './field';
import { themeOf } from './theme';

/** Two columns from this body width on. */
export const TWO_COLUMN_MIN_WIDTH = 96;
const COLUMN_GAP = 2;

export interface ItemOptions {
  /** Take the whole width of the form, even in two-column layout. */
  wide?: boolean;
  /** Enter in this field runs this instead of moving on (e.g. log in from the password). */
  onEnter?: () => void;
}

interface Cell {
  widgets: Focusable[];
  wide: boolean;
  onEnter: (() => void) | undefined;
  /** Left out of the layout and the focus order (an advanced field while Advanced is off). */
  hidden?: boolean;
}

export interface FormOptions {
  parent: Widgets.Node;
  top?: number | string;
  left?: number | string;
  right?: number | string;
  bottom?: number | string;
  width?: number | string;
  height?: number | string;
}

export class Form {
  readonly body: Widgets.BoxElement;
  private readonly more: Widgets.BoxElement;
  private readonly cells: Cell[] = [];
  private firstRow = 0;

  constructor(
    private readonly screen: Widgets.Screen,
    options: FormOptions,
  ) {
    const { parent, ...position } = options;
    this.body = blessed.box({ parent, ...position });
    this.more = blessed.box({
      parent: this.body,
      height: 1,
      bottom: 0,
      right: 0,
      width: 'shrink',
      tags: true,
    });
    beforeEachFrame(this.body, () => this.layout());
  }

  /** Add a field (or a single button) as the next cell. */
  add<T extends Focusable>(widget: T, options: ItemOptions = {}): T {
    this.push({ widgets: [widget], wide: options.wide ?? false, onEnter: options.onEnter });
    return widget;
  }

  /** Add buttons side by side on one row of their own. */
  addButtons(buttons: Button[]): Button[] {
    this.push({ widgets: buttons, wide: true, onEnter: undefined });
    return buttons;
  }

  private push(cell: Cell): void {
    this.cells.push(cell);
    for (const w of cell.widgets) {
      this.body.append(w.el);
      if (w instanceof Field) w.drawnWidth = () => this.cellWidth(cell.wide);
      w.el.on('keypress', (ch: string | undefined, key: Key) => this.onKey(w, ch, key));
      w.el.on('focus', () => this.reveal(w));
    }
  }

  /**
   * Leave a widget's cell out of the grid and the focus order, or put it back. The cells after
   * it move up, so a form with hidden cells has no holes; a focused widget being hidden hands
   * the focus to the next stop.
   */
  setHidden(widget: Focusable, hidden: boolean): void {
    const cell = this.cells.find((c) => c.widgets.includes(widget));
    if (!cell || (cell.hidden ?? false) === hidden) return;
    const moveOn = hidden && cell.widgets.some((w) => w.el === this.screen.focused);
    if (moveOn) this.next();
    cell.hidden = hidden;
    if (hidden) for (const w of cell.widgets) w.el.hide();
  }

  isHidden(widget: Focusable): boolean {
    return this.cells.find((c) => c.widgets.includes(widget))?.hidden ?? false;
  }

  /** Focus order: every focusable, enabled, shown widget in reading order. */
  get stops(): Focusable[] {
    return this.cells
      .filter((c) => !c.hidden)
      .flatMap((c) => c.widgets)
      .filter((w) => w.focusable && !w.disabled);
  }

  get focused(): Focusable | undefined {
    return this.cells.flatMap((c) => c.widgets).find((w) => this.screen.focused === w.el);
  }

  focus(widget: Focusable | undefined = this.stops[0]): void {
    if (!widget) return;
    this.focused?.leave?.();
    widget.el.focus();
  }

  next(): void {
    this.step(1);
  }

  previous(): void {
    this.step(-1);
  }

  private step(direction: 1 | -1): void {
    const stops = this.stops;
    if (stops.length === 0) return;
    const current = this.focused;
    const at = current ? stops.indexOf(current) : -1;
    const target = at < 0 ? 0 : (at + direction + stops.length) % stops.length;
    this.focus(stops[target]);
  }

  private onKey(widget: Focusable, ch: string | undefined, key: Key): void {
    if (key.name === 'return') return;
    if (widget.handleKey(ch, key)) {
      this.screen.render();
      return;
    }
    const cell = this.cells.find((c) => c.widgets.includes(widget));
    switch (key.full) {
      case 'tab':
      case 'down':
        this.next();
        break;
      case 'S-tab':
      case 'up':
        this.previous();
        break;
      case 'right':
      case 'left':
        if (widget instanceof Button && cell && cell.widgets.length > 1) {
          if (key.full === 'right') this.next();
          else this.previous();
        }
        break;
      case 'enter':
        if (cell?.onEnter) cell.onEnter();
        else this.next();
        break;
      default:
        return;
    }
    this.screen.render();
  }

  private columns(): number {
    return (this.body.width as number) >= TWO_COLUMN_MIN_WIDTH ? 2 : 1;
  }

  /** The width a (wide) cell's field is laid out at, from the body's width now. */
  private cellWidth(wide: boolean): number {
    const width = this.body.width as number;
    if (wide || this.columns() === 1) return width;
    return Math.floor((width - COLUMN_GAP) / 2);
  }

  /** Rows the form's cells take when all are shown, at the body's present width. */
  contentHeight(): number {
    return this.grid().reduce((n, p) => Math.max(n, p.row + 1), 0) * FIELD_HEIGHT;
  }

  /** Grid rows the body can show at once. */
  private visibleRows(total: number): number {
    const height = this.body.height as number;
    const all = Math.floor(height / FIELD_HEIGHT);
    if (total <= all) return all;
    // Keep one line for the "more" indicator when the form is taller than the body.
    return Math.max(Math.floor((height - 1) / FIELD_HEIGHT), 1);
  }

  /** Assign each cell a grid row and column (cells flow left to right, wide ones alone). */
  private grid(): { row: number; col: number; cell: Cell }[] {
    const columns = this.columns();
    const placed: { row: number; col: number; cell: Cell }[] = [];
    let row = 0;
    let col = 0;
    for (const cell of this.cells) {
      if (cell.hidden) continue;
      if ((cell.wide || col >= columns) && col > 0) {
        row++;
        col = 0;
      }
      placed.push({ row, col, cell });
      if (cell.wide) {
        row++;
        col = 0;
      } else col++;
    }
    return placed;
  }

  layout(): void {
    for (const cell of this.cells) if (cell.hidden) for (const w of cell.widgets) w.el.hide();
    const colWidth = this.cellWidth(false);
    const placed = this.grid();
    const total = placed.reduce((n, p) => Math.max(n, p.row + 1), 0);
    const rows = this.visibleRows(total);
    // The body may have shrunk since the focused field was scrolled to: keep it in view.
    const focused = placed.find((p) => p.cell.widgets.some((w) => w.el === this.screen.focused));
    if (focused && focused.row >= this.firstRow + rows) this.firstRow = focused.row - rows + 1;
    this.firstRow = Math.max(0, Math.min(this.firstRow, total - rows));
    for (const { row, col, cell } of placed) {
      const shown = row >= this.firstRow && row < this.firstRow + rows;
      let left = col * (colWidth + COLUMN_GAP);
      for (const w of cell.widgets) {
        w.el.top = (row - this.firstRow) * FIELD_HEIGHT;
        w.el.left = left;
        if (w instanceof Button) left += w.width + 1;
        else w.el.width = this.cellWidth(cell.wide);
        if (shown) w.el.show();
        else w.el.hide();
      }
    }
    this.updateMore(total, rows);
  }

  private updateMore(total: number, rows: number): void {
    const above = this.firstRow;
    const below = Math.max(total - this.firstRow - rows, 0);
    const parts = [above > 0 ? `${above} above` : '', below > 0 ? `${below} below` : ''];
    const text = parts.filter(Boolean).join(', ');
    this.more.setContent(text ? themeOf(this.screen).paint('hint', `more rows: ${text}`) : '');
    if (text) this.more.show();
    else this.more.hide();
  }

  /** Scroll so the widget's row is visible. */
  private reveal(widget: Focusable): void {
    const cell = this.cells.find((c) => c.widgets.includes(widget));
    if (!cell) return;
    const placed = this.grid();
    const row = placed.find((p) => p.cell === cell)?.row ?? 0;
    const total = placed.reduce((n, p) => Math.max(n, p.row + 1), 0);
    const rows = this.visibleRows(total);
    if (row < this.firstRow) this.firstRow = row;
    else if (row >= this.firstRow + rows) this.firstRow = row - rows + 1;
    this.screen.render();
  }
}
