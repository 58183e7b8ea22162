/**
 * The terminal's background colour, where it can be known: COLORFGBG (set by rxvt, Konsole and
 * others) and the terminal's answer to an OSC 11 query. Unknown is the normal case; the default
 * theme reads on both. Pure: writing and waiting are given.
 */
import type { Background } from '../theme-choice';

/**
 * `fg;bg` or `fg;xpm;bg` with palette indices; rxvt's rule: backgrounds 0–6 and 8 are dark,
 * 7 and 9–15 light. `default` or anything else says nothing.
 */
export function backgroundFromColorFgBg(value: string | undefined): Background | undefined {
  const parts = (value ?? '').split(';');
  if (parts.length < 2) return undefined;
  const bg = parts[parts.length - 1]!;
  if (!/^\d+$/.test(bg) || Number(bg) > 15) return undefined;
  const index = Number(bg);
  return index <= 6 || index === 8 ? 'dark' : 'light';
}

/** "What is your background colour?" — answered as `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` + BEL or ST. */
export const BACKGROUND_QUERY = '\x1b]11;?\x07';

export type RGB = readonly [number, number, number];

/** The colour of an answer's body (`rgb:` or `rgba:`, 1–4 hex digits a channel). */
export function parseBackgroundReply(body: string): RGB | undefined {
  const m = /^rgba?:([0-9a-f]{1,4})\/([0-9a-f]{1,4})\/([0-9a-f]{1,4})(\/[0-9a-f]{1,4})?$/i.exec(
    body,
  );
  if (!m) return undefined;
  const channel = (hex: string) => Math.round((parseInt(hex, 16) / (16 ** hex.length - 1)) * 255);
  return [channel(m[1]!), channel(m[2]!), channel(m[3]!)];
}

/**
 * Light when black text reads better on it than white: relative luminance above 0.179, where
 * the two contrasts are equal.
 */
export function backgroundOfColor([r, g, b]: RGB): Background {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return luminance > 0.179 ? 'light' : 'dark';
}

// eslint-disable-next-line no-control-regex -- the answer is a control sequence
const REPLY = /\x1b\]11;([^\x07\x1b]*)(?:\x07|\x1b\\)/;
/** The start of an answer cut at the end of a read: ESC ] up to the first half of ST. */
// eslint-disable-next-line no-control-regex -- the answer is a control sequence
const PARTIAL = /\x1b\](?:1(?:1(?:;[^\x07\x1b]*\x1b?)?)?)?$/;
/** Longer than any answer: what is held is not one, and goes on as input. */
const MOST_HELD = 64;

/**
 * A filter for the terminal's input, read by read: answers to the query are taken out (and
 * handed to `onReply`) before blessed splits the input into keys, whenever they come; an answer
 * split over reads is held until its end. Like blessed itself, it takes a key sequence to
 * arrive whole up to its ESC ] (a lone ESC is the Escape key).
 */
export function createReplyFilter(onReply: (body: string) => void): (chunk: string) => string {
  let held = '';
  return (chunk) => {
    let text = held + chunk;
    held = '';
    let out = '';
    for (let m = REPLY.exec(text); m; m = REPLY.exec(text)) {
      out += text.slice(0, m.index);
      onReply(m[1]!);
      text = text.slice(m.index + m[0].length);
    }
    const partial = PARTIAL.exec(text);
    if (partial && partial[0].length < MOST_HELD) {
      held = partial[0];
      text = text.slice(0, partial.index);
    }
    return out + text;
  };
}

export interface BackgroundQuery {
  /** Send the question and start the wait for its answer. */
  ask(): void;
  /** An answer's body, from the input filter: it counts only while the wait lasts. */
  answer(body: string): void;
  /** Stop waiting (the terminal is given back). */
  stop(): void;
}

/**
 * One question, one wait: an answer within the wait tells `found` the background; one after it
 * (or a second one) changes nothing. `wait` starts the wait, calls `close` when it is over and
 * returns what cancels it.
 */
export function createBackgroundQuery(options: {
  write(text: string): void;
  wait(close: () => void): () => void;
  found(background: Background): void;
}): BackgroundQuery {
  let waiting = false;
  let cancel = () => {};
  const stop = () => {
    waiting = false;
    cancel();
  };
  return {
    ask() {
      options.write(BACKGROUND_QUERY);
      waiting = true;
      cancel = options.wait(() => (waiting = false));
    },
    answer(body) {
      if (!waiting) return;
      stop();
      const color = parseBackgroundReply(body);
      if (color) options.found(backgroundOfColor(color));
    },
    stop,
  };
}
