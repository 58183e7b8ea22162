/** neo-blessed behaviour that @types/blessed does not describe, in one place. */
import blessed, { type Widgets } from 'blessed';

interface ContentSetter {
  setContent(content: string, noClear?: boolean, noTags?: boolean): void;
}

/** Set content during a render without clearing the element's region (it is being redrawn). */
export function setContentInRender(el: Widgets.BoxElement, content: string): void {
  (el as unknown as ContentSetter).setContent(content, true);
}

/**
 * Run `layout` before each frame is drawn, for code that moves, sizes, shows or hides elements.
 * In blessed every such change clears the element's old region on the screen at once: done
 * while the frame is being drawn (in an element's own `prerender`) it erases what was already
 * drawn earlier in the same frame — the header above a scrolled form, the whole screen under a
 * new list. The listener goes with the element.
 * Not through blessed's `onScreenEvent`: it gives the element a property the others lack, and a
 * list opened for the first time then threw away the engine's optimised drawing code (recompiled
 * on the fourth key, 34 ms of a helper thread's time).
 */
export function beforeEachFrame(el: Widgets.BoxElement, layout: () => void): void {
  el.screen.on('prerender', layout);
  el.once('destroy', () => el.screen.removeListener('prerender', layout));
}

interface InputLists {
  clickable: { detached?: boolean }[];
  keyable: { detached?: boolean }[];
}

/**
 * Forget destroyed elements: neo-blessed keeps them in its mouse and key lists forever, so a
 * wizard that builds a screen per step would otherwise grow them with every step shown.
 */
export function forgetDestroyed(screen: Widgets.Screen): void {
  const lists = screen as unknown as InputLists;
  lists.clickable = lists.clickable.filter((el) => !el.detached);
  lists.keyable = lists.keyable.filter((el) => !el.detached);
}

interface OutputBuffer {
  program: { flush(): void };
}

/**
 * Write what blessed has buffered now. It would write it on `setImmediate`, after any
 * background work queued before (a long list joined in slices), delaying a key's echo.
 */
export function flushOutput(screen: Widgets.Screen): void {
  (screen as unknown as OutputBuffer).program.flush();
}

/**
 * Resolves once blessed has written what is drawn so far: it flushes its output buffer on
 * `setImmediate`, so work started after this does not hold up the frame.
 */
export function afterFlush(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/**
 * The box a field draws itself in, and a select's open list: made alike (the same options in the
 * same order), so the engine sees one shape and drawing a list opened for the first time does
 * not throw away its optimised drawing code. Keyable for the focus; the list never has it.
 */
export function fieldBox(height: number, width: number): Widgets.BoxElement {
  return blessed.box({ height, width, tags: true, wrap: false, keyable: true, clickable: true });
}
