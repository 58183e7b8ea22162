import fc from 'fast-check';
import unicode from 'blessed/lib/unicode';
import { displayWidth, plainText, sanitize } from '../../widgets/terminal-text';

/** Cells blessed's layout gives a line: one per UTF-16 unit, plus one after each wide character. */
function layoutWidth(text: string): number {
  return text.length + (text.match(new RegExp(unicode.chars.wide.source, 'g'))?.length ?? 0);
}

describe('terminal text', () => {
  it('measures sanitised text as blessed lays it out and draws it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (raw) => {
        const text = sanitize(raw);
        expect(displayWidth(text)).toBe(unicode.strWidth(text));
        expect(displayWidth(text)).toBe(layoutWidth(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with blessed on every character of the Basic Multilingual Plane', () => {
    for (let cp = 0; cp <= 0xffff; cp++) {
      const text = sanitize(String.fromCharCode(cp));
      const cells = [displayWidth(text), unicode.strWidth(text), layoutWidth(text)];
      if (cells.some((c) => c !== cells[0] || c < 1)) throw new Error(`U+${cp.toString(16)}`);
    }
  });

  it('replaces what the two blessed tables disagree on', () => {
    // U+2E9A is wide for blessed's layout, narrow for its drawing; U+A960 the other way round.
    expect(sanitize('\u2e9a\ua960東')).toBe('\ufffd\ufffd東');
  });

  it('keeps the lines of plain output and makes every control visible', () => {
    const text = plainText('first\x1b[2J\x1b]0;pwned\x07\r\nsecond\x9b31m\tend');
    expect(text).toBe('first␛[2J␛]0;pwned␇\nsecond\ufffd31m end');
    // eslint-disable-next-line no-control-regex -- the point of the check
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });
});
