/**
 * A live log: a framed, titled view of lines that arrive while something runs (blessed-contrib's
 * `log` widget inside a TextView frame). Lines are appended as they come, never re-set as a
 * whole; the newest is kept in view; only the last `cap` lines are kept. Text is data: sanitised
 * (controls made visible) and escaped for blessed's tags.
 */
import type { Widgets } from 'blessed';
import { contrib } from './contrib';
import type { LogElement } from './contrib-pieces';
import { escapeTags, sanitize, wrap } from './text';
import { TextView, type TextViewOptions } from './text-view';

export interface LiveLogOptions extends TextViewOptions {
  /** Rows kept (older ones are dropped); 500 unless told. */
  cap?: number;
  /** Shown while no line has arrived. */
  empty?: string;
}

export class LiveLog {
  readonly el: Widgets.BoxElement;
  private readonly frame: TextView;
  private readonly log: LogElement;
  private count = 0;
  private readonly cap: number;

  constructor(screen: Widgets.Screen, options: LiveLogOptions) {
    const { cap = 500, empty, ...frame } = options;
    this.cap = cap;
    this.frame = new TextView(screen, frame);
    if (empty) this.frame.setLines([{ text: empty, role: 'hint' }]);
    this.el = this.frame.el;
    this.log = contrib().log({
      top: 1,
      left: 1,
      right: 1,
      bottom: 1,
      tags: true,
      bufferLength: cap,
    });
    this.log.hide();
    this.el.append(this.log);
  }

  /** Lines received so far (also those dropped past the cap). */
  get received(): number {
    return this.count;
  }

  /** The lines kept, as shown (escaped). */
  get kept(): readonly string[] {
    return this.log.logLines;
  }

  append(lines: readonly string[]): void {
    if (lines.length === 0) return;
    if (this.count === 0) {
      this.frame.setLines([]);
      this.log.show();
    }
    this.count += lines.length;
    // contrib's `log()` would set every kept line again for each new one: add and drop items.
    const kept = this.log.logLines;
    // A long line goes on in rows of its own (indented), read at the width of now.
    const width = Math.max((this.log.width as number) - 3, 8);
    for (const line of lines) {
      const parts = wrap(sanitize(line), width);
      for (const [i, part] of (parts.length > 0 ? parts : ['']).entries()) {
        const text = `${i === 0 ? ' ' : '   '}${escapeTags(part)}`;
        kept.push(text);
        this.log.addItem(text);
        if (kept.length > this.cap) {
          kept.shift();
          this.log.shiftItem();
        }
      }
    }
    this.log.scrollTo(kept.length);
  }
}
