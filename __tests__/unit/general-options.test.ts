/**
 * General's big lists (50,000 pools, 200,000 tags) are read in place: no option per pool or
 * tag until its row is shown; the pools are sorted once per answer, so a remount reuses them.
 */
import { generalFields } from '../../screens/general';
import { tagColor } from '../../lib/model/tag-colors';
import type { OptionSource } from '../../widgets/option-source';
import type { GeneralData } from '../../lib/wizard/step-data';
import type { GeneralSettings } from '../../lib/model/config';

type Scope = { data: GeneralData; values: GeneralSettings };

const field = (key: string) => generalFields().find((f) => f.key === key)!;
const optionsOf = (key: string, data: GeneralData, tags: string[] = []) => {
  const options = (field(key) as unknown as { options(s: Scope): OptionSource }).options;
  return options({ data, values: { tags } as unknown as GeneralSettings } as Scope);
};

function data(pools: number, tags: number): GeneralData {
  return {
    nodes: [],
    pools: Array.from({ length: pools }, (_, i) => ({
      poolid: `pool-${(i * 7) % pools}`,
      comment: `c${i}`,
    })),
    tags: Array.from({ length: tags }, (_, i) => `tag-${i}`),
  } as unknown as GeneralData;
}

it('pools: None first, then sorted by name (PoolSelector.js sorters: poolid), sorted once per answer', () => {
  const d = data(50_000, 0);
  const sort = jest.spyOn(Array.prototype, 'sort');
  const pools = optionsOf('pool', d);
  expect(sort).toHaveBeenCalledTimes(1);
  expect(pools.length).toBe(50_001);
  expect(pools.option(0)).toEqual({ value: '', label: 'None' });
  expect([1, 2, 3].map((i) => pools.value(i))).toEqual(['pool-0', 'pool-1', 'pool-10']);
  expect(pools.option(1)).toEqual({ value: 'pool-0', label: 'pool-0', detail: 'c0' });
  // A remount of the step asks again with the same answer: nothing is sorted or built.
  expect(optionsOf('pool', d)).toBe(pools);
  expect(sort).toHaveBeenCalledTimes(1);
  sort.mockRestore();
});

it('cluster tags: read in place, the chosen ones left out', () => {
  const d = data(0, 200_000);
  const tags = optionsOf('clusterTags', d, ['tag-1']);
  expect(tags.length).toBe(199_999);
  expect([tags.value(0), tags.value(1)]).toEqual(['tag-0', 'tag-2']);
  // In the web UI's colour: the cluster's map names none of them, so each is coloured by name.
  expect(tags.option(1)).toEqual({
    value: 'tag-2',
    label: 'tag-2',
    color: tagColor('tag-2', new Map()),
  });
  expect(tags.haystack(1)).toBe('tag-2');
});
