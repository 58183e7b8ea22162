import { EventEmitter } from 'node:events';
import { PromptCancelled, promptPassword } from '../../lib/password-prompt';

/** A terminal's input as promptPassword uses it: raw mode recorded, keys sent as bytes. */
class FakeTty extends EventEmitter {
  isRaw = false;
  modes: boolean[] = [];
  setRawMode(mode: boolean) {
    this.isRaw = mode;
    this.modes.push(mode);
    return this;
  }
  resume() {
    return this;
  }
  pause() {
    return this;
  }
  keys(...chunks: string[]) {
    for (const chunk of chunks) this.emit('data', Buffer.from(chunk, 'utf8'));
  }
}

function prompt() {
  const tty = new FakeTty();
  let written = '';
  const result = promptPassword(tty, { write: (t: string) => (written += t) }, 'Password: ');
  return { tty, result, written: () => written };
}

it('keeps exactly what was typed (any Unicode, tabs); Backspace removes one character', async () => {
  const { tty, result, written } = prompt();
  tty.keys('p😀\tw', 'X\x7f', 'é\u200b', '\r');
  await expect(result).resolves.toBe('p😀\twé\u200b');
  expect(written()).toBe('Password: \n');
  expect(tty.modes).toEqual([true, false]);
  expect(tty.listenerCount('data')).toBe(0);
});

it('an emoji split across chunks is one character; Ctrl-U erases the line', async () => {
  const { tty, result } = prompt();
  const emoji = Buffer.from('😀', 'utf8');
  tty.emit('data', emoji.subarray(0, 2));
  tty.emit('data', emoji.subarray(2));
  tty.keys('\b', 'abc\x15', 'ok\n');
  await expect(result).resolves.toBe('ok');
});

it('Ctrl-C cancels and restores the mode the terminal had', async () => {
  const { tty, result } = prompt();
  tty.keys('half\x03');
  await expect(result).rejects.toBeInstanceOf(PromptCancelled);
  expect(tty.isRaw).toBe(false);
});
