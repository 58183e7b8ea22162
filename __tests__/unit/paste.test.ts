import {
  createPasteFilter,
  createPasteSplitter,
  looksPasted,
  pastedText,
} from '../../lib/tui/paste';
import { PASTED_TAB } from '../../widgets/terminal-text';
import { validateSection } from '../../lib/model/schemas';
import { validConfig } from '../support/configs';

describe('pastes become text, keys stay keys', () => {
  it.each([
    ['typed key', 'a', 'a'],
    ['Enter', '\r', '\r'],
    ['typed ahead, then Enter', 'proxmox\r', 'proxmox\r'],
    ['typed ahead across a Tab', 'root\tproxmox\r', 'root\tproxmox\r'],
    ['arrow keys', '\x1b[A\x1b[B', '\x1b[A\x1b[B'],
    ['two lines pasted', 'web\n01', 'web 01'],
    ['Windows line ends', 'web\r\n01\r\n', 'web 01'],
    ['marked paste with its newline', '\x1b[200~web-01\n\x1b[201~', 'web-01'],
    // A pasted tab is not a Tab key: the field decides (a password keeps it, others show a space).
    ['marked paste with Tab and escapes', '\x1b[200~4\t\x1b[A8\x07\x1b[201~', `4${PASTED_TAB}8`],
    ['keys around a marked paste', 'x\x1b[200~a\nb\x1b[201~\r', 'xa b\r'],
  ])('%s', (_what, chunk, out) => {
    expect(createPasteFilter()(chunk)).toBe(out);
  });

  it('holds a marked paste until its end mark, even one split over chunks', () => {
    const filter = createPasteFilter();
    expect(filter('\x1b[200~first\n')).toBe('');
    expect(filter('second\x1b[20')).toBe('');
    expect(filter('1~\t')).toBe('first second\t');
  });

  it('splits keys and pastes in order: a paste is one piece, never one key per character', () => {
    const split = createPasteSplitter();
    expect(split('x\x1b[200~a\nb\x1b[201~\r')).toEqual([
      { keys: 'x' },
      { paste: 'a b' },
      { keys: '\r' },
    ]);
    const long = 'k'.repeat(16_000);
    expect(split(`\x1b[200~${long.slice(0, 9_000)}`)).toEqual([]);
    expect(split(`${long.slice(9_000)}\x1b[201~`)).toEqual([{ paste: long }]);
    expect(split('a\nb')).toEqual([{ paste: 'a b' }]);
    expect(split('\x1b[A')).toEqual([{ keys: '\x1b[A' }]);
  });

  it('takes only text, line break, text as an unmarked paste', () => {
    expect(looksPasted('a\nb')).toBe(true);
    expect(looksPasted('ab\r')).toBe(false);
    expect(looksPasted('\r\r')).toBe(false);
    expect(looksPasted('\x1b[Aa\nb')).toBe(false);
    expect(pastedText('\n\na\r\n\r\nb\n')).toBe('a b');
    expect(pastedText('a\tb\x00c\x1b[31m')).toBe(`a${PASTED_TAB}bc`);
  });
});

describe('schema messages name the problem', () => {
  it('a name too long for a hostname', () => {
    const c = validConfig();
    c.general.name = 'a'.repeat(64);
    expect(validateSection(c, 'general')).toEqual([
      {
        section: 'general',
        field: 'name',
        message: 'Name is too long: at most 63 characters between dots, 253 in all',
      },
    ]);
    c.general.name = ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.');
    expect(validateSection(c, 'general')).toEqual([]);
    c.general.name += 'd';
    expect(validateSection(c, 'general')[0]?.message).toMatch(/too long/);
  });

  it('a device index that is not a whole number blocks the step', () => {
    const c = validConfig();
    c.disks[0]!.indexText = 'a';
    expect(validateSection(c, 'disks')).toEqual([
      {
        section: 'disks',
        field: '[0].index',
        message: 'Device index must be a whole number between 0 and 30 on this bus',
      },
    ]);
    c.disks[0]!.index = 31;
    c.disks[0]!.indexText = undefined;
    expect(validateSection(c, 'disks')[0]?.message).toBe(
      'Device index is out of range for this bus (0-30)',
    );
  });
});
