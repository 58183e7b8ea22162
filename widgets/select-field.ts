/** A select: Space (or typing) opens the list over the field; typing filters. Only the visible
 * rows are rendered. Disabled options are shown but cannot be chosen. */
import type { Widgets } from 'blessed';
import { beforeEachFrame, fieldBox, setContentInRender } from './blessed-internals';
import { Field, printable, type FieldOptions, type Key } from './field';
import {
  chosenRow,
  listArea,
  listLines,
  listRows,
  listTop,
  type ListRow,
  type SelectOption,
} from './select-list';
import {
  arraySource,
  indexOfValue,
  OptionFilter,
  type Matches,
  type OptionSource,
} from './option-source';

export type { SelectOption } from './select-list';
export type { OptionSource } from './option-source';

export interface SelectFieldOptions<T extends string = string> extends FieldOptions {
  options?: SelectOption<T>[] | OptionSource<T>;
  value?: string;
  placeholder?: string;
  /** What the open list says when there is nothing to choose from. */
  emptyText?: string;
  /** Most option rows the open list shows at once. */
  maxRows?: number;
  onChange?(value: T): void;
}

/** A select whose option values are of type `T` (e.g. a union of choice values). */
export class SelectField<T extends string = string> extends Field {
  private entries: OptionSource<T> = arraySource<T>([]);
  private filter = new OptionFilter(this.entries);
  private selected = -1;
  /** A value asked for that no option has: asked again (every redraw of a form), not looked up. */
  private missing: string | undefined;
  private list: Widgets.BoxElement | undefined;
  private filterText = '';
  private matches: Matches = this.filter.matches('');
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
    return this.selected >= 0 ? this.entries.value(this.selected) : '';
  }

  /** What the field chooses from (tests check that a remount reuses it). */
  get source(): OptionSource<T> {
    return this.entries;
  }

  /** Options the filter has examined since the options were set. */
  get scanned(): number {
    return this.filter.scanned;
  }

  /** Of those, options looked at in a long list's joined text (option-corpus.ts). */
  get joined(): number {
    return this.filter.joined;
  }

  get isOpen(): boolean {
    return this.list !== undefined;
  }

  /** The options matching the current filter, in order (what the open list can show). */
  get visibleOptions(): SelectOption<T>[] {
    const shown: SelectOption<T>[] = [];
    for (let p = 0; p < this.matches.length; p++) shown.push(this.optionAt(p)!);
    return shown;
  }

  /** New options: an array, or a source read in place (no copy per option). */
  setOptions(options: SelectOption<T>[] | OptionSource<T>, value: string = this.value): void {
    this.entries = Array.isArray(options) ? arraySource(options) : options;
    this.filter = new OptionFilter(this.entries);
    this.selected = -1;
    this.missing = undefined;
    this.setValue(value);
    this.refilter();
  }

  setValue(value: string): void {
    if (this.selected >= 0 && this.entries.value(this.selected) === value) return;
    if (this.selected < 0 && this.missing === value) return;
    this.selected = indexOfValue(this.entries, value);
    this.missing = this.selected < 0 ? value : undefined;
  }

  /** What the value row says while nothing is chosen. */
  setPlaceholder(text: string): void {
    this.options.placeholder = text;
  }

  open(filter = ''): void {
    if (this.disabled || this.list) return;
    this.filterText = filter;
    this.refilter();
    const at = this.matches.positionOf(this.selected);
    this.highlight = at >= 0 ? at : this.firstEnabled(0, 1);
    this.top = 0;
    this.list = fieldBox(1, 1); // appended last: drawn over everything
    this.screen.append(this.list);
    beforeEachFrame(this.list, () => this.placeList());
    this.list.on('prerender', () => this.renderList());
    this.list.on('click', (data: { y: number }) => this.clickRow(data.y));
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
    this.matches = this.filter.matches(this.filterText);
  }

  private optionAt(position: number): SelectOption<T> | undefined {
    const i = this.matches.at(position);
    return i === undefined ? undefined : this.entries.option(i);
  }

  private isEnabled(position: number): boolean {
    const i = this.matches.at(position);
    return i !== undefined && !this.entries.disabled(i);
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
    const index = this.matches.at(position)!;
    const changed = index !== this.selected;
    this.selected = index;
    this.close();
    if (this.error) this.setError(undefined);
    if (changed) this.options.onChange?.(this.entries.value(index));
  }

  private clickRow(y: number): void {
    const lpos = this.list?.lpos;
    if (!lpos) return;
    const position = this.top + (y - lpos.yi - 2);
    if (position >= this.top && position < this.matches.length) this.choose(position);
    this.screen.render();
  }

  private area(): { top: number; height: number } {
    return listArea(this.el, this.screen);
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
    const index = this.matches.at(position);
    if (index === undefined) {
      const none = this.options.emptyText ?? 'Nothing to choose from';
      return { empty: position > 0 ? '' : this.entries.length === 0 ? none : 'No matches' };
    }
    return {
      option: this.entries.option(index),
      chosen: index === this.selected,
      highlighted: position === this.highlight,
    };
  }

  protected valueRow(width: number): string {
    const option = this.selected >= 0 ? this.entries.option(this.selected) : undefined;
    const glyph = this.disabled ? ' ' : this.theme.glyphs.open;
    if (!option)
      return this.plain(this.options.placeholder ?? '', width - 2, 'placeholder') + ' ' + glyph;
    const plain = (text: string, w: number) => this.plain(text, w);
    return chosenRow(this.theme, option, width - 2, plain, this.disabled) + ' ' + glyph;
  }
}
