/**
 * A select: the value row shows the chosen option; Space (or typing) opens the list in place,
 * over the field. Typing filters; only the visible rows are rendered, so lists of 10,000
 * options stay fast. Disabled options are shown but cannot be chosen.
 */
import blessed, { type Widgets } from 'blessed';
import { beforeEachFrame, setContentInRender } from './blessed-internals';
import { Field, printable, type FieldOptions, type Key } from './field';
import { listLines, listRows, listTop, type ListRow, type SelectOption } from './select-list';
import { displayWidth, escapeTags, sanitize } from './text';

export type { SelectOption } from './select-list';

export interface SelectFieldOptions<T extends string = string> extends FieldOptions {
  options?: SelectOption<T>[];
  value?: string;
  placeholder?: string;
  /** What the open list says when there is nothing to choose from. */
  emptyText?: string;
  /** Most option rows the open list shows at once. */
  maxRows?: number;
  onChange?(value: T): void;
}

interface Entry<T extends string> {
  option: SelectOption<T>;
  search: string;
}

/** A select whose option values are of type `T` (e.g. a union of choice values). */
export class SelectField<T extends string = string> extends Field {
  private entries: Entry<T>[] = [];
  private selected = -1;
  private list: Widgets.BoxElement | undefined;
  private filterText = '';
  private matches: number[] = [];
  private highlight = 0;
  private top = 0;
  private readonly options: SelectFieldOptions<T>;

  constructor(screen: Widgets.Screen, options: SelectFieldOptions<T>) {
    super(screen, options);
    this.options = options;
    this.setOptions(options.options ?? [], options.value);
  }

  /** The chosen option's value, or '' while none is chosen. */
  get value(): T | '' {
    return this.entries[this.selected]?.option.value ?? '';
  }

  get isOpen(): boolean {
    return this.list !== undefined;
  }

  /** The options matching the current filter, in order (what the open list can show). */
  get visibleOptions(): SelectOption<T>[] {
    return this.matches.map((i) => this.entries[i]!.option);
  }

  setOptions(options: SelectOption<T>[], value: string = this.value): void {
    this.entries = options.map((option) => ({
      option,
      search: `${option.label}\u0000${option.value}`.toLowerCase(),
    }));
    this.setValue(value);
    this.refilter();
  }

  setValue(value: string): void {
    this.selected = this.entries.findIndex((e) => e.option.value === value);
  }

  /** What the value row says while nothing is chosen. */
  setPlaceholder(text: string): void {
    this.options.placeholder = text;
  }

  open(filter = ''): void {
    if (this.disabled || this.list) return;
    this.filterText = filter;
    this.refilter();
    const at = this.matches.indexOf(this.selected);
    this.highlight = at >= 0 ? at : this.firstEnabled(0, 1);
    this.top = 0;
    this.list = blessed.box({ parent: this.screen, tags: true, wrap: false, clickable: true });
    beforeEachFrame(this.list, () => this.placeList());
    this.list.on('prerender', () => this.renderList());
    this.list.on('click', (data: { y: number }) => this.clickRow(data.y));
    this.list.setFront();
  }

  close(): void {
    this.list?.destroy();
    this.list = undefined;
    this.filterText = '';
  }

  override leave(): void {
    this.close();
  }

  override setDisabled(disabled: boolean): void {
    super.setDisabled(disabled);
    if (disabled) this.close();
  }

  override handleKey(ch: string | undefined, key: Key): boolean {
    if (this.disabled) return false;
    if (!this.list) {
      if (key.name === 'space') this.open();
      else if (printable(ch, key)) this.open(ch);
      else return false;
      return true;
    }
    const page = this.rows() - 1;
    switch (key.full ?? key.name) {
      case 'up':
        this.move(-1);
        break;
      case 'down':
        this.move(1);
        break;
      case 'pageup':
        this.move(-page);
        break;
      case 'pagedown':
        this.move(page);
        break;
      case 'home':
        this.highlight = this.firstEnabled(0, 1);
        break;
      case 'end':
        this.highlight = this.firstEnabled(this.matches.length - 1, -1);
        break;
      case 'enter':
        this.choose(this.highlight);
        break;
      case 'escape':
        this.close();
        break;
      case 'backspace':
        this.setFilter(this.filterText.slice(0, -1));
        break;
      case 'tab':
      case 'S-tab':
        this.close();
        return false;
      default:
        if (!printable(ch, key)) return key.name !== 'return';
        this.setFilter(this.filterText + ch);
    }
    return true;
  }

  private setFilter(text: string): void {
    this.filterText = text;
    this.refilter();
    this.highlight = this.firstEnabled(0, 1);
    this.top = 0;
  }

  private refilter(): void {
    const needle = this.filterText.toLowerCase();
    this.matches = [];
    for (let i = 0; i < this.entries.length; i++) {
      if (needle === '' || this.entries[i]!.search.includes(needle)) this.matches.push(i);
    }
  }

  private isEnabled(position: number): boolean {
    const i = this.matches[position];
    return i !== undefined && !this.entries[i]!.option.disabled;
  }

  /** The first enabled match from `position` going in `step` direction, else `position`. */
  private firstEnabled(position: number, step: 1 | -1): number {
    for (let p = position; p >= 0 && p < this.matches.length; p += step) {
      if (this.isEnabled(p)) return p;
    }
    return Math.max(0, Math.min(position, this.matches.length - 1));
  }

  private move(delta: number): void {
    if (this.matches.length === 0) return;
    const target = Math.max(0, Math.min(this.matches.length - 1, this.highlight + delta));
    const step = delta < 0 ? -1 : 1;
    let p = target;
    while (p >= 0 && p < this.matches.length && !this.isEnabled(p)) p += step;
    if (p >= 0 && p < this.matches.length) this.highlight = p;
  }

  private choose(position: number): void {
    if (!this.isEnabled(position)) return;
    const index = this.matches[position]!;
    const changed = index !== this.selected;
    this.selected = index;
    this.close();
    if (this.error) this.setError(undefined);
    if (changed) this.options.onChange?.(this.entries[index]!.option.value);
  }

  private clickRow(y: number): void {
    const lpos = this.list?.lpos;
    if (!lpos) return;
    const position = this.top + (y - lpos.yi - 2);
    if (position >= this.top && position < this.matches.length) this.choose(position);
    this.screen.render();
  }

  /**
   * Where the open list may go: the area of the form the field is in (never over the header,
   * the status line or the footer around it), else the whole screen.
   */
  private area(): { top: number; height: number } {
    const parent = this.el.parent as Widgets.BoxElement | undefined;
    if (!parent || parent === (this.screen as unknown)) {
      return { top: 0, height: this.screen.height as number };
    }
    return { top: parent.atop as number, height: parent.height as number };
  }

  /** Option rows the open list shows (whole fields: see `listRows`). */
  private rows(): number {
    return listRows(this.area().height, this.options.maxRows ?? 9, this.matches.length);
  }

  /** Over the field, moved up where the area ends below it (see `listTop`). */
  private placeList(): void {
    const list = this.list!;
    const height = this.rows() + 3;
    list.left = this.el.aleft as number;
    list.top = listTop(this.el.atop as number, height, this.area());
    list.width = this.el.width;
    list.height = height;
  }

  private renderList(): void {
    const rows = this.rows();
    if (this.highlight < this.top) this.top = this.highlight;
    if (this.highlight >= this.top + rows) this.top = this.highlight - rows + 1;
    const lines = listLines(this.theme, {
      label: this.label,
      width: this.el.width as number,
      rows,
      top: this.top,
      filter: this.filterText,
      count: `${this.matches.length}/${this.entries.length}`,
      row: (position) => this.rowAt(position),
    });
    setContentInRender(this.list!, lines.join('\n'));
  }

  /** What the open list shows at a position of the filtered options. */
  private rowAt(position: number): ListRow {
    const index = this.matches[position];
    if (index === undefined) {
      const text =
        position === 0
          ? this.entries.length === 0
            ? (this.options.emptyText ?? 'Nothing to choose from')
            : 'No matches'
          : '';
      return { empty: text };
    }
    return {
      option: this.entries[index]!.option,
      chosen: index === this.selected,
      highlighted: position === this.highlight,
    };
  }

  protected valueRow(width: number): string {
    const t = this.theme;
    const option = this.entries[this.selected]?.option;
    const glyph = this.disabled ? ' ' : t.glyphs.open;
    const room = width - 2;
    if (!option)
      return this.plain(this.options.placeholder ?? '', room, 'placeholder') + ' ' + glyph;
    const label = sanitize(option.label);
    const detail = option.detail ? sanitize(option.detail) : '';
    if (detail && displayWidth(label) + 2 + displayWidth(detail) <= room) {
      const gap = room - displayWidth(label) - displayWidth(detail);
      return (
        this.plain(label, displayWidth(label)) +
        ' '.repeat(gap) +
        t.paint('hint', escapeTags(detail)) +
        ' ' +
        glyph
      );
    }
    return this.plain(label, room) + ' ' + glyph;
  }
}
