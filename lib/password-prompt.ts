/**
 * `--password-stdin` when standard input is a terminal: a prompt on stderr, the terminal's echo
 * off (raw mode) while the line is typed, and the mode it had put back afterwards — also on
 * Ctrl-C. Raw mode takes the terminal's own line editing away, so Backspace is handled here.
 */
import { StringDecoder } from 'node:string_decoder';

/** What is used of a terminal's input (`process.stdin` when it is a TTY). */
export interface RawInput {
  isRaw: boolean;
  setRawMode(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export class PromptCancelled extends Error {
  constructor() {
    super('Cancelled');
  }
}

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\x7f', '\b']);
const CTRL_C = '\x03';
const CTRL_D = '\x04';
/** Ctrl-U: erase the whole line, as a terminal in canonical mode does. */
const CTRL_U = '\x15';

export function promptPassword(
  input: RawInput,
  output: { write(text: string): unknown },
  prompt: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const wasRaw = input.isRaw;
    const decoder = new StringDecoder('utf8');
    // Code points, so Backspace removes a whole character (an emoji is one, not two halves).
    const typed: string[] = [];
    const finish = (done: () => void) => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      done();
    };
    const onData = (chunk: Buffer) => {
      for (const char of decoder.write(chunk)) {
        if (ENTER.has(char) || (char === CTRL_D && typed.length === 0))
          return finish(() => resolve(typed.join('')));
        if (char === CTRL_C) return finish(() => reject(new PromptCancelled()));
        if (ERASE.has(char)) typed.pop();
        else if (char === CTRL_U) typed.length = 0;
        else typed.push(char);
      }
    };
    output.write(prompt);
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}
