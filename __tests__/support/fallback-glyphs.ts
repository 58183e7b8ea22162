/**
 * Hand-drawn 8×14 glyphs for characters the app prints that Terminus lacks: the select arrow `▾`
 * and the Control Pictures (`␛`, `␇` …) that text shows in place of control characters. A
 * control picture is its abbreviation in 3×5 letters, the first letter top left and the last
 * bottom right, as Terminus draws the few it has.
 */
import type { Glyph } from './terminus';

const SMALL_DOWN_TRIANGLE: Glyph = [0, 0, 0, 0, 0, 0, 0xfe, 0x7c, 0x38, 0x10, 0, 0, 0, 0];

/** Names of U+2400…U+2420, then U+2421 (DEL). */
const CONTROL_NAMES = [
  ...'NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE'.split(' '),
  ...'DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US SP DEL'.split(' '),
];

const LETTERS: Record<string, string[]> = {
  A: ['.#.', '#.#', '###', '#.#', '#.#'],
  B: ['##.', '#.#', '##.', '#.#', '##.'],
  C: ['.##', '#..', '#..', '#..', '.##'],
  D: ['##.', '#.#', '#.#', '#.#', '##.'],
  E: ['###', '#..', '##.', '#..', '###'],
  F: ['###', '#..', '##.', '#..', '#..'],
  G: ['.##', '#..', '#.#', '#.#', '.##'],
  H: ['#.#', '#.#', '###', '#.#', '#.#'],
  I: ['###', '.#.', '.#.', '.#.', '###'],
  K: ['#.#', '#.#', '##.', '#.#', '#.#'],
  L: ['#..', '#..', '#..', '#..', '###'],
  M: ['#.#', '###', '###', '#.#', '#.#'],
  N: ['##.', '#.#', '#.#', '#.#', '#.#'],
  O: ['.#.', '#.#', '#.#', '#.#', '.#.'],
  P: ['##.', '#.#', '##.', '#..', '#..'],
  Q: ['.#.', '#.#', '#.#', '###', '.##'],
  R: ['##.', '#.#', '##.', '#.#', '#.#'],
  S: ['.##', '#..', '.#.', '..#', '##.'],
  T: ['###', '.#.', '.#.', '.#.', '.#.'],
  U: ['#.#', '#.#', '#.#', '#.#', '###'],
  V: ['#.#', '#.#', '#.#', '#.#', '.#.'],
  X: ['#.#', '#.#', '.#.', '#.#', '#.#'],
  Y: ['#.#', '#.#', '.#.', '.#.', '.#.'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['##.', '..#', '.#.', '#..', '###'],
  '3': ['##.', '..#', '.#.', '..#', '##.'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
};

function controlPicture(name: string): Glyph {
  const rows = new Array<number>(14).fill(0);
  const put = (letter: string, x: number, y: number) =>
    LETTERS[letter]!.forEach((line, dy) =>
      [...line].forEach((px, dx) => {
        if (px === '#') rows[y + dy]! |= 0x80 >> (x + dx);
      }),
    );
  const last = name[name.length - 1]!;
  put(name[0]!, 0, 1);
  if (name.length === 3) put(name[1]!, 4, 1);
  put(last, 4, 7);
  return rows;
}

export const FALLBACK_GLYPHS: ReadonlyMap<string, Glyph> = new Map([
  ['▾', SMALL_DOWN_TRIANGLE],
  ...CONTROL_NAMES.map((name, i): [string, Glyph] => [
    String.fromCharCode(name === 'DEL' ? 0x2421 : 0x2400 + i),
    controlPicture(name),
  ]),
]);
