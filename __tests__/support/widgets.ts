/** A harness with an empty form filling the screen, for widget tests. */
import type { Widgets } from 'blessed';
import { Form } from '../../widgets/form';
import { Harness, type HarnessOptions } from './harness';

export interface FormHarness {
  h: Harness;
  form: Form;
  screen: Widgets.Screen;
}

export function formHarness(options: HarnessOptions = {}): FormHarness {
  const h = new Harness(options);
  const form = new Form(h.screen, { parent: h.screen, top: 0, left: 0, right: 0, bottom: 0 });
  return { h, form, screen: h.screen };
}

/** The foreground colour (palette index, or -1 for default) of the cell at x, y. */
export function fgAt(h: Harness, x: number, y: number): number {
  const cell = h.term.buffer.active.getLine(y)?.getCell(x);
  if (!cell || cell.isFgDefault()) return -1;
  return cell.getFgColor();
}

export function isInverseAt(h: Harness, x: number, y: number): boolean {
  return !!h.term.buffer.active.getLine(y)?.getCell(x)?.isInverse();
}
