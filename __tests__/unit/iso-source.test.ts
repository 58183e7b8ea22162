/**
 * The ISO list as the select reads it (screens/iso-list.ts): the server's answer in place, its
 * lower-case names made in slices that let keys in between, a filter finishing them at once.
 */
import { IsoSource, namesMade, NAMES_PER_SLICE, prepareNames } from '../../screens/iso-list';

function answer(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    volid: `cephfs:iso/Image-${i}.iso`,
    size: 2 ** 30,
  }));
}

/** A scheduler the test runs by hand. */
function fakeTurns() {
  const queue: (() => void)[] = [];
  return {
    schedule: (work: () => void) => void queue.push(work),
    queue,
    next: () => queue.shift()!(),
  };
}

it('names are lower-cased one slice per turn, and only once per answer', () => {
  const isos = answer(NAMES_PER_SLICE * 2 + 10);
  const turns = fakeTurns();
  prepareNames(isos, turns.schedule);
  // A second screen adopting the same answer does not start a second pass.
  prepareNames(isos, turns.schedule);
  expect(namesMade(isos)).toBe(0);
  expect(turns.queue).toHaveLength(1);
  turns.next();
  expect(namesMade(isos)).toBe(NAMES_PER_SLICE);
  turns.next();
  turns.next();
  expect(namesMade(isos)).toBe(isos.length);
  expect(turns.queue).toHaveLength(0);
  prepareNames(isos, turns.schedule);
  expect(turns.queue).toHaveLength(0);
});

it('a filter before the last slice makes the rest at once', () => {
  const isos = answer(NAMES_PER_SLICE * 3);
  const turns = fakeTurns();
  prepareNames(isos, turns.schedule);
  turns.next();
  const source = new IsoSource(isos);
  expect(source.haystack(isos.length - 1)).toBe(`cephfs:iso/image-${isos.length - 1}.iso`);
  expect(namesMade(isos)).toBe(isos.length);
  turns.next();
  expect(turns.queue).toHaveLength(0);
});

it('rows are made when shown: the file name and the size; a kept choice comes last, disabled', () => {
  const isos = answer(3);
  const kept = {
    value: 'local:iso/old.iso',
    label: 'old.iso',
    detail: 'not on cephfs',
    disabled: true,
  };
  const source = new IsoSource(isos).keeping(kept);
  expect(source.length).toBe(4);
  expect(source.option(1)).toEqual({
    value: 'cephfs:iso/Image-1.iso',
    label: 'Image-1.iso',
    detail: '1.0 GiB',
  });
  expect(source.option(3)).toBe(kept);
  expect(source.disabled(3)).toBe(true);
  expect(source.disabled(0)).toBe(false);
  // A choice the answer has is not added twice.
  expect(new IsoSource(isos).keeping({ ...kept, value: 'cephfs:iso/Image-2.iso' }).length).toBe(3);
});
