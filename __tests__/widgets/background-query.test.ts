/**
 * Asking the terminal for its background (OSC 11) after the first frame: an answer in time
 * re-themes the screen; any answer — in time, late, split over reads — is taken out of the
 * input before blessed reads keys, so nothing of it is typed or shown.
 */
import { BACKGROUND_QUERY } from '../../lib/tui/background';
import { TextField } from '../../widgets/text-field';
import type { HarnessOptions } from '../support/harness';
import { fgAt, formHarness, type FormHarness } from '../support/widgets';

const DARK_REPLY = '\x1b]11;rgb:0000/0000/0000\x07';
const LIGHT_REPLY = '\x1b]11;rgb:ffff/ffff/ffff\x1b\\';

let t: FormHarness;
let field: TextField;
/** Ends the wait for the answer, as the 100 ms timeout would. */
let expire: () => void;
let waiting: boolean;

async function start(options: HarnessOptions = {}): Promise<void> {
  waiting = false;
  t = formHarness({
    cols: 30,
    rows: 6,
    ...options,
    host: {
      replyWindow: (close) => {
        waiting = true;
        expire = () => {
          waiting = false;
          close();
        };
        return () => (waiting = false);
      },
      ...options.host,
    },
  });
  field = t.form.add(new TextField(t.screen, { label: 'Name', value: 'web' }));
  t.form.focus(field);
}
afterEach(() => t.h.destroy());

/** What reads as typed or shown: the field's value and the screen text. */
function nothingLeaked(): void {
  expect(field.value).toBe('web');
  expect(t.h.text()).not.toMatch(/11;|rgb|\]/);
}

describe('the query', () => {
  it('is sent once, after the first frame was written, and waits for the answer', async () => {
    await start();
    await t.h.settle();
    const at = t.h.written.indexOf(BACKGROUND_QUERY);
    // The whole first frame (down to the field's last corner) is out before the question.
    expect(at).toBeGreaterThan(t.h.written.indexOf('┘'));
    expect(t.h.written.indexOf('┘')).toBeGreaterThan(0);
    expect(waiting).toBe(true);
    await t.h.render();
    await t.h.press('x');
    expect(t.h.written.split(BACKGROUND_QUERY)).toHaveLength(2);
  });

  it.each<[string, HarnessOptions]>([
    ['NO_COLOR', { env: { LANG: 'C.UTF-8', NO_COLOR: '1' } }],
    ['the Linux console', { term: 'linux' }],
    ['--theme dark', { host: { theme: 'dark' } }],
  ])('is not sent with %s', async (_what, options) => {
    await start(options);
    await t.h.settle();
    expect(t.h.written).toContain('web');
    expect(t.h.written).not.toContain(BACKGROUND_QUERY);
  });
});

describe('an answer in time', () => {
  it.each([
    ['dark', [DARK_REPLY]],
    ['light', [LIGHT_REPLY]],
    ['dark', [DARK_REPLY.slice(0, 3), DARK_REPLY.slice(3, 12), DARK_REPLY.slice(12)]],
    ['light', [LIGHT_REPLY.slice(0, -1), LIGHT_REPLY.slice(-1)]],
  ])('re-themes the screen for a %s background (%j), and is not typed', async (bg, chunks) => {
    await start();
    await t.h.render();
    const before = fgAt(t.h, 0, 1);
    for (const chunk of chunks) {
      t.h.input.write(chunk);
      await t.h.settle();
    }
    expect(t.h.host.theme.background).toBe(bg);
    expect(fgAt(t.h, 0, 1)).not.toBe(before);
    expect(waiting).toBe(false);
    nothingLeaked();
    await t.h.type('x');
    expect(field.value).toBe('webx');
  });

  it('with keys in the same read: the keys arrive, the answer does not', async () => {
    await start();
    await t.h.render();
    t.h.input.write('a' + DARK_REPLY + 'b');
    await t.h.settle();
    expect(field.value).toBe('webab');
    expect(t.h.host.theme.background).toBe('dark');
  });
});

describe('an answer after the wait', () => {
  it('is swallowed, whole or split, and the universal theme stays', async () => {
    await start();
    await t.h.render();
    const before = fgAt(t.h, 0, 1);
    expire();
    t.h.input.write(LIGHT_REPLY.slice(0, 7));
    await t.h.settle();
    t.h.input.write(LIGHT_REPLY.slice(7));
    await t.h.settle();
    t.h.input.write(DARK_REPLY);
    await t.h.settle();
    expect(t.h.host.theme.background).toBeUndefined();
    expect(fgAt(t.h, 0, 1)).toBe(before);
    nothingLeaked();
  });
});

it('no answer: the universal theme stays and keys work as ever', async () => {
  await start();
  await t.h.render();
  expire();
  await t.h.press('escape');
  await t.h.type('x');
  expect(field.value).toBe('webx');
  expect(t.h.host.theme.background).toBeUndefined();
});
