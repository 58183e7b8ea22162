/**
 * Below the minimum size a notice covers the form until the terminal grows; every key but quit
 * is locked meanwhile.
 */
import blessed, { type Widgets } from 'blessed';
import { keysFor } from '../wizard/keys';
import { TOO_SMALL } from '../strings';

/** Smallest terminal the wizard is usable in. */
export const MIN_SIZE = { cols: 60, rows: 18 } as const;

export function guardSize(screen: Widgets.Screen): void {
  const tooSmall = blessed.box({
    parent: screen,
    top: 0,
    left: 0,
    width: '100%',
    height: '100%',
    hidden: true,
    tags: false,
    wrap: true,
  });
  const check = () => {
    const cols = screen.width as number;
    const rows = screen.height as number;
    const small = cols < MIN_SIZE.cols || rows < MIN_SIZE.rows;
    screen.lockKeys = small;
    // @types/blessed types this list as a boolean; neo-blessed reads the key names.
    (screen as unknown as { ignoreLocked: string[] }).ignoreLocked = small
      ? [...keysFor('quit')]
      : [];
    if (small) {
      tooSmall.setContent(TOO_SMALL(cols, rows, MIN_SIZE.cols, MIN_SIZE.rows));
      tooSmall.setFront();
      tooSmall.show();
    } else tooSmall.hide();
  };
  screen.on('resize', () => {
    check();
    screen.render();
  });
  check();
}
