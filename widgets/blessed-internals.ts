/** neo-blessed behaviour that @types/blessed does not describe, in one place. */
import type { Widgets } from 'blessed';

interface ContentSetter {
  setContent(content: string, noClear?: boolean, noTags?: boolean): void;
}

/** Set content during a render without clearing the element's region (it is being redrawn). */
export function setContentInRender(el: Widgets.BoxElement, content: string): void {
  (el as unknown as ContentSetter).setContent(content, true);
}
