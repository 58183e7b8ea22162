/**
 * blessed-contrib is loaded on demand (widgets/contrib.ts) and shares the app's neo-blessed:
 * its widgets are the app's `Node`s, drawn on the app's screen.
 */
import blessed from 'blessed';
import { Harness } from '../support/harness';

let h: Harness | undefined;
afterEach(() => h?.destroy());

it('is not loaded until asked for, then loaded once', () => {
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('../../widgets/contrib') as typeof import('../../widgets/contrib');
    expect(m.contribLoaded()).toBe(false);
    const first = m.contrib();
    expect(m.contribLoaded()).toBe(true);
    expect(m.contrib()).toBe(first);
  });
});

it("makes widgets of the app's own blessed, appended to the app's screen", async () => {
  const { contrib } = await import('../../widgets/contrib');
  h = new Harness({ cols: 30, rows: 6 });
  const gauge = contrib().gauge({ top: 0, left: 0, width: 30, height: 4, label: 'CPU' });
  // One neo-blessed: contrib's widgets are the app's own `Node`s.
  const { Node } = blessed as unknown as { Node: abstract new () => unknown };
  expect(gauge).toBeInstanceOf(Node);
  // contrib's gauge draws only once appended (its canvas is made on attach).
  h.screen.append(gauge);
  gauge.setPercent(42);
  await h.render();
  expect(h.text()).toContain('42%');
  const log = contrib().log({ top: 4, left: 0, width: 30, height: 2 });
  h.screen.append(log);
  log.log('TASK OK');
  await h.render();
  expect(h.lines()[4]).toContain('TASK OK');
});
