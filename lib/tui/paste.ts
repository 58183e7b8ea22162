/**
 * Pasted text reaches the fields as text, never as keys: a line break or tab inside a paste
 * must not press Enter (submit, move on) or Tab (move the focus) halfway through it.
 *
 * Every field is single-line, so line breaks inside a paste become one space (a tab arrives as
 * `PASTED_TAB`: a password keeps it, other fields show a space): two
 * pasted lines stay visible and the field's check flags them, instead of silently joining
 * `4096` and `2048` into `40962048`. Line breaks at either end are dropped: copying a whole
 * line takes its newline along. A terminal in bracketed-paste mode marks pastes; without the marks, a chunk of input that has a line break followed by more text is taken
 * as a paste; a single trailing line break is left alone, so typed-ahead `proxmox⏎` still
 * logs in.
 */

import { PASTED_TAB } from '../../widgets/terminal-text';

/** Ask the terminal to mark pastes, and stop asking. */
export const BRACKETED_PASTE_ON = '\x1b[?2004h';
export const BRACKETED_PASTE_OFF = '\x1b[?2004l';

const START = '\x1b[200~';
const END = '\x1b[201~';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPE_SEQUENCE = /\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])?/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x1f\x7f]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TEXT_BREAK_TEXT = /[^\x00-\x1f\x7f][\r\n]+[^\x00-\x1f\x7f]/;

/** The plain text a paste stands for. */
export function pastedText(raw: string): string {
  return raw
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/^[\r\n]+|[\r\n]+$/g, '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/\t/g, PASTED_TAB)
    .replace(CONTROL, '');
}

/** An unmarked chunk that can only be a paste: text, a line break, more text, no key sequence. */
export function looksPasted(chunk: string): boolean {
  return !chunk.includes('\x1b') && TEXT_BREAK_TEXT.test(chunk);
}

/** A piece of the terminal's input: keys, or one paste's text. */
export type InputPiece = { keys: string } | { paste: string };

/**
 * Splits the terminal's input, chunk by chunk, into keys and pastes, in order. A marked paste
 * split over chunks is held until its end mark arrives. A paste is delivered whole, as one
 * edit (the screen host hands it to the focused field), never as one key per character.
 */
export function createPasteSplitter(): (chunk: string) => InputPiece[] {
  let held: string | undefined;
  return (chunk) => {
    const pieces: InputPiece[] = [];
    const keys = (text: string) => {
      if (text !== '') pieces.push({ keys: text });
    };
    const paste = (text: string) => {
      if (text !== '') pieces.push({ paste: text });
    };
    let rest = chunk;
    while (rest !== '') {
      if (held === undefined) {
        const start = rest.indexOf(START);
        if (start < 0) {
          if (looksPasted(rest)) paste(pastedText(rest));
          else keys(rest);
          break;
        }
        keys(rest.slice(0, start));
        held = '';
        rest = rest.slice(start + START.length);
      } else {
        const buffered = held + rest;
        // Look only where the end mark can be: a long paste in many chunks stays linear.
        const end = buffered.indexOf(END, Math.max(0, held.length - END.length + 1));
        if (end < 0) {
          held = buffered;
          break;
        }
        paste(pastedText(buffered.slice(0, end)));
        held = undefined;
        rest = buffered.slice(end + END.length);
      }
    }
    return pieces;
  };
}

/** The splitter as a plain filter: keys pass unchanged, pastes come out as their text. */
export function createPasteFilter(): (chunk: string) => string {
  const split = createPasteSplitter();
  return (chunk) =>
    split(chunk)
      .map((p) => ('keys' in p ? p.keys : p.paste))
      .join('');
}
