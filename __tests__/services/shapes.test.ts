/**
 * Answer shaping at scale (Part 16: login → General with 200k tags spent 100 ms sorting them):
 * the cluster's tags are deduplicated and sorted in one pass when the server sends them in
 * order, as it does, and sorted by UTF-16 code units (the order `Array.prototype.sort` gives)
 * when it does not.
 */
import { sortedUnique } from '../../services/client/shapes';

const reference = (values: unknown[]) => [...new Set(values.map(String))].sort();

it('sorted and deduplicated, as `[...new Set()].sort()` would', () => {
  const cases: unknown[][] = [
    [],
    ['b', 'a', 'b', 'c', 'a'],
    ['a', 'a', 'b', 'b'],
    ['Zeta', 'alpha', 'Äpfel', 'äpfel', '10', '9', 'tag-1', 'tag-01', '😀', 'z'],
    [3, 1, '1', null, 'null', true],
  ];
  for (const c of cases) expect(sortedUnique(c)).toEqual(reference(c));
  // Random words, in order and shuffled.
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const words = Array.from({ length: 2000 }, () =>
    Array.from({ length: 1 + Math.floor(rand() * 4) }, () =>
      String.fromCharCode(97 + Math.floor(rand() * 5)),
    ).join(''),
  );
  expect(sortedUnique(words)).toEqual(reference(words));
  const inOrder = reference(words);
  expect(sortedUnique(inOrder)).toEqual(inOrder);
});

it('an answer already in order is not sorted again', () => {
  const tags = Array.from({ length: 1000 }, (_, i) => `tag-${String(i).padStart(4, '0')}`);
  const sort = jest.spyOn(Array.prototype, 'sort');
  try {
    expect(sortedUnique(tags)).toEqual(tags);
    expect(sort).not.toHaveBeenCalled();
    sortedUnique([...tags].reverse());
    expect(sort).toHaveBeenCalledTimes(1);
  } finally {
    sort.mockRestore();
  }
});
