/** A screen's own keys: bound from the same list the F1 help shows. */
import type { Widgets } from 'blessed';
import type { ScreenKey } from '../lib/wizard/keys';

export interface BoundKey extends ScreenKey {
  /** `key` is the one pressed, of `keys`. */
  run(key: string): void;
}

/** Bind `keys` while `active()` says so; returns the unbinding. */
export function bindKeys(
  screen: Widgets.Screen,
  keys: readonly BoundKey[],
  active: () => boolean = () => true,
): () => void {
  const onKey = (_ch: string, key: { full?: string }) => {
    const bound = keys.find((k) => k.keys.includes(key.full ?? ''));
    if (bound && active()) bound.run(key.full ?? '');
  };
  screen.on('keypress', onKey);
  return () => screen.removeListener('keypress', onKey);
}
