/**
 * Shell commands alone on the whole screen, for copying with the mouse (tmux and xterm copy
 * what is on the screen): no border, no padding, nothing else on a row. Each command is packed
 * into rows of the screen's width with ` \` between words (`shell-rows.ts`); every other row is
 * a `#` comment, so a selection that takes it along still pastes. PgUp/PgDn, Up/Down and the
 * wheel scroll; Esc (or the key that opened it) closes it.
 */
import blessed, { type Widgets } from 'blessed';
import { Overlay } from './overlay';
import { setContentInRender } from './blessed-internals';
import type { Key } from './field';
import { packCommand } from './shell-rows';
import { cut, escapeTags, sanitize } from './text';
import { themeOf } from './theme';

export interface CommandSheetOptions {
  /** Said in the first row, as a comment. */
  title: string;
  /** Each command: one line, or lines continued with ` \`. */
  commands: string[];
  /** Keys that close it besides Esc (the one that opened it). */
  closeKeys?: string[];
  /** More keys while it is open, said in its last row (`F3 saves them to a file`). */
  keys?: { key: string; says: string; run(): void }[];
  onClose?(): void;
}

/** `f5` → `F5` for the words on screen. */
const keyName = (key: string) => (/^f\d+$/.test(key) ? key.toUpperCase() : key);

export class CommandSheet extends Overlay {
  readonly el: Widgets.BoxElement;
  private offset = 0;
  private note = '';

  constructor(
    screen: Widgets.Screen,
    private readonly options: CommandSheetOptions,
  ) {
    super(screen);
    this.el = blessed.box({
      parent: screen,
      top: 0,
      left: 0,
      width: '100%',
      height: '100%',
      tags: true,
      wrap: false,
      clickable: true,
    });
    this.el.on('prerender', () => setContentInRender(this.el, this.render().join('\n')));
    this.el.on('wheeldown', () => this.scroll(3));
    this.el.on('wheelup', () => this.scroll(-3));
    this.el.on('keypress', (_ch: string | undefined, key: Key) => this.onKey(key));
    this.el.setFront();
    this.el.focus();
    screen.render();
  }

  protected override onClosed(): void {
    this.options.onClose?.();
  }

  /** Words for the last row, before the keys (what a key did: "Saved to …"). */
  setNote(note: string): void {
    this.note = note;
    this.screen.render();
  }

  /** The rows of every command at the screen's width, a blank row between commands. */
  rows(): string[] {
    const width = Math.max(this.screen.width as number, 20);
    return this.options.commands.flatMap((command, i) => [
      ...(i > 0 ? [''] : []),
      ...packCommand(command, width),
    ]);
  }

  private onKey(key: Key): void {
    const full = key.full ?? '';
    const extra = this.options.keys?.find((k) => k.key === full);
    if (extra) extra.run();
    else if (full === 'escape' || this.options.closeKeys?.includes(full)) this.close();
    else if (full === 'pagedown') this.scroll(this.space() - 1);
    else if (full === 'pageup') this.scroll(1 - this.space());
    else if (full === 'down') this.scroll(1);
    else if (full === 'up') this.scroll(-1);
  }

  /** Rows for commands: the screen less the heading and the scroll line. */
  private space(): number {
    return Math.max((this.screen.height as number) - 2, 1);
  }

  private scroll(delta: number): void {
    const last = Math.max(this.rows().length - this.space(), 0);
    this.offset = Math.max(0, Math.min(this.offset + delta, last));
    this.screen.render();
  }

  private render(): string[] {
    const t = themeOf(this.screen);
    const width = this.screen.width as number;
    const rows = this.rows();
    const space = this.space();
    this.offset = Math.min(this.offset, Math.max(rows.length - space, 0));
    const comment = (text: string) =>
      t.paint('hint', escapeTags(cut(sanitize(`# ${text}`), width)));
    const shown = rows
      .slice(this.offset, this.offset + space)
      .map((row) => escapeTags(sanitize(row)));
    const back = [
      ...(this.note ? [this.note] : []),
      `${['Esc', ...(this.options.closeKeys ?? [])].map(keyName).join(' or ')} goes back`,
      ...(this.options.keys ?? []).map((k) => `${keyName(k.key)} ${k.says}`),
    ].join('; ');
    const more =
      rows.length > space
        ? `rows ${this.offset + 1}-${this.offset + shown.length} of ${rows.length}: PgUp/PgDn; ${back}`
        : back;
    return [comment(this.options.title), ...shown, comment(more)];
  }
}
