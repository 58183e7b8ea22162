/**
 * The entries of `data` cut out of an envelope's bytes (services/client/list-splitter.ts): the
 * same entries `JSON.parse` gives, however the bytes are cut into chunks.
 */
import { ListSplitter, NotJson } from '../../services/client/list-splitter';

function split(body: string, chunkBytes: number): { items: unknown[]; splitter: ListSplitter } {
  const items: unknown[] = [];
  const splitter = new ListSplitter((item) => items.push(item));
  const bytes = Buffer.from(body);
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    splitter.write(bytes.subarray(at, at + chunkBytes));
  }
  return { items, splitter };
}

const TRICKY = JSON.stringify({
  meta: { data: ['not', 'this'], note: 'a "data": [ here ] is text' },
  data: [
    { volid: 'local:iso/a "quoted" \\ name.iso', size: 1, tags: ['x', ['y', { z: '}]' }]] },
    'a string, with a comma',
    'an escaped quote before brackets: "}], {" and a backslash at the end \\',
    42,
    -1.5e3,
    null,
    true,
    [],
    {},
    { name: 'Ünïcödé — 日本語 ✓', path: 'C:\\\\iso\\\\' },
  ],
  total: 9,
});

it.each([1, 2, 3, 7, 64, 100_000])(
  'gives the entries JSON.parse gives, cut into chunks of %i bytes',
  (chunkBytes) => {
    const { items, splitter } = split(TRICKY, chunkBytes);
    expect(items).toEqual((JSON.parse(TRICKY) as { data: unknown[] }).data);
    expect(splitter.ended).toBe(true);
    expect(splitter.notListed).toBe(false);
  },
);

it('hands on an object entry at its closing brace, before the comma after it arrives', () => {
  const items: unknown[] = [];
  const splitter = new ListSplitter((item) => items.push(item));
  splitter.write(Buffer.from('{"data":[{"a":1},{"b":2}'));
  expect(items).toEqual([{ a: 1 }, { b: 2 }]);
  splitter.write(Buffer.from(']}'));
  expect(splitter.ended).toBe(true);
});

it('says when data is not a list, and reads an empty list as empty', () => {
  for (const body of ['{"data":{"a":[1,2]}}', '{"data":"text"}', '{"data":null}']) {
    const { items, splitter } = split(body, 5);
    expect([body, items, splitter.notListed, splitter.ended]).toEqual([body, [], true, true]);
  }
  const empty = split('{"data":[]}', 3);
  expect([empty.items, empty.splitter.notListed, empty.splitter.ended]).toEqual([[], false, true]);
});

it('refuses what is not a JSON envelope, and knows one cut short', () => {
  expect(() => split('<html><body>502 Bad Gateway</body></html>', 8)).toThrow(NotJson);
  expect(() => split('{"data":[1,2]} trailing', 4)).toThrow(NotJson);
  expect(() => split('{"data":[{"a":1},{"b":nope}]}', 6)).toThrow(NotJson);
  expect(() => split('{"data":[1]}}', 100)).toThrow(NotJson);
  const cut = split('{"data":[{"a":1},{"b":2}', 4);
  expect(cut.items).toEqual([{ a: 1 }, { b: 2 }]);
  expect(cut.splitter.ended).toBe(false);
  expect(split('{"data":[1,2,"abc', 4).splitter.ended).toBe(false);
});
