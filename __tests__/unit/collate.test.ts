/**
 * `collate` sorts as `localeCompare` does — the web UI sorts CPU models with
 * `a.name.localeCompare(b.name)` (pve-manager www/manager6/form/CPUModelSelector.js) — without
 * asking ICU for plain ASCII names: the first locale collation pages in ≈3 MiB of collation data
 * that stays resident (the `large` bench's peak RSS).
 */
import { collate } from '../../lib/model/collate';
import { cpuModelChoices } from '../../lib/model/cpu-models';

afterEach(() => jest.restoreAllMocks());

const sign = (n: number) => Math.sign(n);

/** A small deterministic generator (no Math.random: the same pairs every run). */
function* pairs(count: number, alphabet: string, maxLength: number): Generator<[string, string]> {
  let seed = 20261130;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const word = () => {
    let s = '';
    const n = Math.floor(next() * (maxLength + 1));
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  for (let i = 0; i < count; i++) yield [word(), word()];
}

let printable = '';
for (let c = 32; c < 127; c++) printable += String.fromCharCode(c);

it('orders every printable ASCII character as localeCompare does', () => {
  const chars = [...printable];
  const expected = [...chars].sort((a, b) => a.localeCompare(b, 'en') || (a < b ? -1 : 1));
  expect([...chars].sort((a, b) => collate(a, b) || (a < b ? -1 : 1))).toEqual(expected);
});

it.each([
  ['all printable ASCII', printable, 4],
  ['letters of both cases, digits and separators', 'aAbBzZ09-_. ', 6],
])('agrees with localeCompare on random pairs: %s', (_what, alphabet, maxLength) => {
  const disagreements: string[] = [];
  for (const [a, b] of pairs(20000, alphabet, maxLength)) {
    if (sign(collate(a, b)) !== sign(a.localeCompare(b, 'en'))) disagreements.push(`${a} | ${b}`);
  }
  expect(disagreements).toEqual([]);
});

it('agrees on the CPU models Proxmox VE lists, and asks no collator for them', () => {
  const names = [
    'x86-64-v2-AES',
    'x86-64-v3',
    'x86-64-v2',
    'kvm64',
    'kvm32',
    'qemu64',
    'qemu32',
    'max',
    'host',
    'athlon',
    'phenom',
    'Opteron_G5',
    'Opteron_G1',
    'EPYC',
    'EPYC-IBPB',
    'EPYC-v4',
    'EPYC-Rome',
    'Skylake-Server',
    'Skylake-Server-IBRS',
    'Skylake-Server-noTSX-IBRS',
    'Cascadelake-Server',
    'Cascadelake-Server-v2',
    'Icelake-Server',
    'IvyBridge',
    'IvyBridge-IBRS',
    'SandyBridge',
    'Westmere',
    'core2duo',
    'coreduo',
    'n270',
    'pentium3',
    'Conroe',
    'Penryn',
    'Nehalem',
    'KnightsMill',
    'Broadwell-noTSX',
    'Broadwell',
  ];
  const expected = [...names].sort((a, b) => a.localeCompare(b, 'en'));
  const collator = jest.spyOn(String.prototype, 'localeCompare');
  expect([...names].sort(collate)).toEqual(expected);
  // All QEMU's ("default"), so only the name orders them; `host` is its own vendor, last.
  const models = names.map((name) => ({ name, vendor: 'default', custom: false }));
  const withoutHost = expected.filter((n) => n !== 'host');
  expect(cpuModelChoices(models).map((m) => m.value)).toEqual([...withoutHost, 'host']);
  expect(collator).not.toHaveBeenCalled();
});

it('leaves anything beyond printable ASCII to localeCompare', () => {
  const collator = jest.spyOn(String.prototype, 'localeCompare');
  expect(sign(collate('éa', 'eb'))).toBe(-1);
  expect(sign(collate('b', 'ä'))).toBe(1);
  expect(collator).toHaveBeenCalledTimes(2);
});
