/**
 * The app's one dialog at a time (quit question, help, session expired): opening one closes the
 * one before; the global keys ask whether one is open before acting.
 */
import type { Dialog } from '../../widgets/dialog';

export class DialogHost {
  private dialog: Dialog | undefined;

  get isOpen(): boolean {
    return this.dialog?.isOpen ?? false;
  }

  open(make: () => Dialog): void {
    this.dialog?.close();
    this.dialog = make();
  }

  close(): void {
    this.dialog?.close();
  }
}
