/**
 * A box over the screen that takes the focus while open and gives it back to what had it when
 * closed (dialogs, the command sheet).
 */
import type { Widgets } from 'blessed';

export abstract class Overlay {
  abstract readonly el: Widgets.BoxElement;
  private closed = false;
  private readonly previous: Widgets.BlessedElement | undefined;

  constructor(protected readonly screen: Widgets.Screen) {
    this.previous = screen.focused;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.el.destroy();
    this.previous?.focus();
    this.onClosed();
    this.screen.render();
  }

  /** After the focus went back, before the screen is drawn again. */
  protected onClosed(): void {}
}
