/**
 * A frame reaches the terminal in the turn it was drawn in: blessed would write it on a later
 * `setImmediate`, after background work queued before the key (a long list joined in slices),
 * and the key's echo would wait for that work.
 */
import blessed from 'blessed';
import { Harness } from '../support/harness';

it('is written before background work queued earlier runs', async () => {
  const h = new Harness({ cols: 20, rows: 4 });
  await h.settle();
  const before = h.written.length;
  let writtenWhenWorkRan = '';
  setImmediate(() => (writtenWhenWorkRan = h.written.slice(before)));
  blessed.box({ parent: h.screen, content: 'hello' });
  h.screen.render();
  await h.settle();
  expect(h.lines()[0]).toBe('hello' + ' '.repeat(15));
  expect(writtenWhenWorkRan).toContain('hello');
  h.destroy();
});
