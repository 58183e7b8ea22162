/**
 * Text for a terminal: sanitised (control characters and escape sequences made visible,
 * characters of uncertain width replaced), measured in terminal cells with blessed's own Unicode
 * tables (wide characters count two), cut to fit and wrapped. Pure: the widgets and the plain
 * output of `pvevm create` and the command line share it, so server data is shown literally
 * everywhere and never obeyed by the terminal.
 */
import unicode from 'blessed/lib/unicode';

// Whitespace controls read as a space; the other C0 controls and DEL become their visible
// Control Pictures (ESC shows as ␛, so an escape sequence is shown, never sent), C1 controls
// (which some terminals obey, like 0x9b CSI) a replacement character.
const WHITESPACE = /[\t\n\r]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const C0 = /[\x00-\x1f\x7f]/g;
const C1 = /[\x80-\x9f]/g;
/**
 * What blessed cannot lay out the way terminals draw it: blessed gives every UTF-16 unit a cell,
 * while terminals draw combining marks and format characters (zero-width joiners, bidi
 * overrides that some terminals obey) in none, emoji in two (one in older tables) and other
 * characters beyond the BMP in one. Shown as a replacement character, so borders stay put.
 */
const UNPLACEABLE = /[\p{Mn}\p{Me}\p{Cf}\p{Cs}\p{Emoji_Presentation}\u{10000}-\u{10ffff}]\ufe0f?/gu;
const REPLACEMENT = '\ufffd';
/**
 * blessed lays a line out with one table (`chars.wide`: which characters get a second cell) and
 * draws it with another (`charWidth`); they disagree on a few hundred code points (and on East
 * Asian ambiguous ones under NCURSES_CJK_WIDTH), and its combining table has letters Unicode
 * does not mark so (U+1160). Those are replaced, so both tables — and the widths measured
 * here — agree on every character left, and none is drawn in no cell.
 */
const LAYOUT_WIDE = new RegExp(`^${unicode.chars.wide.source}$`);
/**
 * blessed's `charWidth`, remembered per character: it reads `process.env` on every call, which
 * made measuring ten times slower than sanitising.
 */
const drawnWidths = new Map<string, number>();
function drawnWidth(ch: string): number {
  if (ch < '\x7f') return 1;
  let width = drawnWidths.get(ch);
  if (width === undefined) {
    width = unicode.charWidth(ch);
    drawnWidths.set(ch, width);
  }
  return width;
}
function placeable(ch: string): boolean {
  const width = drawnWidth(ch);
  return width > 0 && LAYOUT_WIDE.test(ch) === (width === 2);
}
// eslint-disable-next-line no-control-regex -- every character past Latin-1's first few
const BEYOND_LATIN1 = /[^\x00-\xa0]/g;

/**
 * What a tab inside a paste arrives as (a Unicode noncharacter, never sent by a terminal): a
 * real tab would press Tab. A field that keeps exactly what was pasted (a password) turns it
 * back into a tab; the others into a space.
 */
export const PASTED_TAB = '\ufdd0';

/**
 * One line of plain text, safe to put in a cell row: nothing the terminal would obey, and every
 * character one cell wide (two for East Asian wide ones). Composed first, so `e` with a
 * combining accent stays `é`.
 */
export function sanitize(text: string): string {
  return text
    .normalize('NFC')
    .replace(WHITESPACE, ' ')
    .replace(C0, (c) => (c === '\x7f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))))
    .replace(C1, REPLACEMENT)
    .replace(UNPLACEABLE, REPLACEMENT)
    .replace(BEYOND_LATIN1, (ch) => (placeable(ch) ? ch : REPLACEMENT));
}

/**
 * Text from a server or a file for plain output (standard output or error, not the full-screen
 * view): each line sanitised as the widgets do, the line breaks kept.
 */
export function plainText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => sanitize(line))
    .join('\n');
}

/** Cells of one character of sanitised text (blessed's `charWidth`). */
export function charWidth(ch: string): number {
  return drawnWidth(ch);
}

/** Width of sanitised text in terminal cells (what blessed's `strWidth` says). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += drawnWidth(ch);
  return width;
}

/** The longest prefix of `text` that fits in `width` cells. */
export function cut(text: string, width: number): string {
  let w = 0;
  let out = '';
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width) break;
    w += cw;
    out += ch;
  }
  return out;
}

/** Fit text into exactly `width` cells: cut with an ellipsis when too long, padded when short. */
export function fit(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  const w = displayWidth(text);
  if (w <= width) return text + ' '.repeat(width - w);
  const head = cut(text, width - displayWidth(ellipsis));
  return head + ellipsis + ' '.repeat(width - displayWidth(head) - displayWidth(ellipsis));
}

/** The last part of `text` that fits in `width` cells (for showing the end of a long input). */
export function tail(text: string, width: number): string {
  const chars = [...text];
  let w = 0;
  let start = chars.length;
  while (start > 0) {
    const cw = charWidth(chars[start - 1]!);
    if (w + cw > width) break;
    w += cw;
    start--;
  }
  return chars.slice(start).join('');
}

/** Word-wrap sanitised text into lines of at most `width` cells (long words are cut). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of sanitize(text).split(' ')) {
    let rest = word;
    while (displayWidth(rest) > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      const head = cut(rest, width);
      lines.push(head);
      rest = rest.slice(head.length);
    }
    if (!line) line = rest;
    else if (displayWidth(line) + 1 + displayWidth(rest) <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Fit text into at most `width` cells by cutting its middle: both ends stay readable. */
export function cutMiddle(text: string, width: number, ellipsis = '…'): string {
  if (displayWidth(text) <= width) return text;
  const room = width - displayWidth(ellipsis);
  if (room < 0) return '';
  const head = cut(text, Math.ceil(room / 2));
  return head + ellipsis + tail(text.slice(head.length), room - displayWidth(head));
}

/**
 * Word-wrap into at most `maxRows` rows; `keep` (e.g. what to do about it) is never split and
 * ends the last row. When the rows cannot hold it all, the text is cut with an ellipsis before
 * `keep`, so the part that matters stays visible.
 */
export function wrapRows(
  text: string,
  width: number,
  maxRows: number,
  keep = '',
  ellipsis = '…',
): { rows: string[]; cut: boolean } {
  const end = keep ? ` ${sanitize(keep)}` : '';
  const body = wrap(text, width);
  const last = body.at(-1) ?? '';
  const whole = !end
    ? body
    : displayWidth(last + end) <= width
      ? [...body.slice(0, -1), last + end]
      : [...body, ...wrap(keep, width)];
  if (whole.length <= maxRows) return { rows: whole, cut: false };
  if (maxRows < 1 || width < 1) return { rows: [], cut: true };
  const rest = body.slice(maxRows - 1).join(' ');
  const room = width - displayWidth(end);
  const cutRow =
    room > displayWidth(ellipsis)
      ? fit(rest, room, ellipsis).trimEnd() + end
      : fit(end.trim(), width, ellipsis).trimEnd();
  return { rows: [...body.slice(0, maxRows - 1), cutRow], cut: true };
}
