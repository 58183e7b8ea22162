/**
 * Shell commands laid out in rows of a given width for copying off the screen: the words of a
 * command packed into rows, each row but the last ending in ` \` (a break between words), the
 * next one indented; a `--key value` stays on one row. Only a word longer than a whole row is
 * broken inside: after a comma where it can, with a bare `\` and the rest from the next row's
 * start (the shell joins the two halves, outside quotes or inside double quotes). Pure.
 */
import { displayWidth } from './terminal-text';

const INDENT = '  ';

/** The words of a command line as the shell splits it, quotes and backslashes kept as written. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | undefined;
  const chars = Array.from(line);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!quote && /\s/.test(c)) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += c;
    if (c === '\\' && quote !== "'" && i + 1 < chars.length) word += chars[++i]!;
    else if (quote === c) quote = undefined;
    else if (!quote && (c === '"' || c === "'")) quote = c;
  }
  if (word) words.push(word);
  return words;
}

/** The command's name and its arguments before the first option as one unit, then `--key value`. */
function units(words: string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    const head = out.length === 1 && !last!.startsWith('--');
    const option = last?.startsWith('--') === true && !last.includes(' ');
    if (last !== undefined && !w.startsWith('--') && (head || option))
      out[out.length - 1] += ` ${w}`;
    else out.push(w);
  }
  return out;
}

/** The quoting before each character: where a cut may go (never inside single quotes). */
export function quoting(chars: string[]): ('' | '"' | "'" | 'escaped')[] {
  const out: ('' | '"' | "'" | 'escaped')[] = [];
  let quote: '' | '"' | "'" = '';
  for (let i = 0; i < chars.length; i++) {
    out[i] = quote;
    const c = chars[i]!;
    if (c === '\\' && quote !== "'") out[++i] = 'escaped';
    else if (quote === c) quote = '';
    else if (!quote && (c === '"' || c === "'")) quote = c;
  }
  return out;
}

/**
 * A unit (`--key value`) in pieces of at most `width` cells: cut at the space after the key or
 * after the last comma that fits, else anywhere but inside single quotes or an escape. A piece
 * cut at a space ends in ` \` and the next is indented; one cut inside a word ends in `\` and
 * the next starts at the row's start (the shell joins them).
 */
function breakUnit(unit: string, width: number): string[] {
  const chars = Array.from(unit);
  const q = quoting(chars);
  const pieces: string[] = [];
  let at = 0;
  let lead = '';
  const rest = () => lead + chars.slice(at).join('');
  while (displayWidth(rest()) > width) {
    let end = at;
    let used = displayWidth(lead);
    while (end < chars.length && used + displayWidth(chars[end]!) <= width - 2)
      used += displayWidth(chars[end++]!);
    let cut = -1;
    for (let i = end; i > at && cut < 0; i--) {
      if (q[i] === '' && chars[i - 1] === ' ') cut = i;
      else if (chars[i - 1] === ',' && (q[i] === '' || q[i] === '"')) cut = i;
    }
    if (cut < 0) for (let i = end; i > at && cut < 0; i--) if (q[i] === '' || q[i] === '"') cut = i;
    if (cut < 0) break;
    const spaced = chars[cut - 1] === ' ' && q[cut] === '';
    pieces.push(lead + chars.slice(at, spaced ? cut - 1 : cut).join('') + (spaced ? ' \\' : '\\'));
    lead = spaced ? INDENT : '';
    at = cut;
  }
  pieces.push(rest());
  return pieces;
}

/** One command (a line, or lines continued with ` \`) in rows of at most `width` cells. */
export function packCommand(command: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  // After a unit cut inside a word, the next one starts a row of its own.
  let cutInside = false;
  const room = (text: string) => displayWidth(text) + 2 <= width;
  for (const unit of units(shellWords(command.replace(/ \\\n/g, ' ')))) {
    if (row === '' && room(unit)) row = unit;
    else if (row !== '' && !cutInside && room(`${row} ${unit}`)) row += ` ${unit}`;
    else {
      if (row !== '') rows.push(`${row} \\`);
      const lead = row === '' ? '' : INDENT;
      const [first, ...rest] = breakUnit(lead + unit, width - 2);
      row = first!;
      cutInside = rest.length > 0;
      for (const piece of rest) {
        rows.push(row);
        row = piece;
      }
    }
  }
  rows.push(row);
  return rows;
}
