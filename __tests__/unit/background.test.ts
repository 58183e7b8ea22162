import {
  BACKGROUND_QUERY,
  backgroundFromColorFgBg,
  backgroundOfColor,
  createBackgroundQuery,
  createReplyFilter,
  parseBackgroundReply,
} from '../../lib/tui/background';

describe('COLORFGBG', () => {
  it.each([
    ['15;0', 'dark'],
    ['0;15', 'light'],
    ['7;0', 'dark'],
    ['0;7', 'light'],
    ['12;8', 'dark'],
    ['default;0', 'dark'],
    // rxvt with a background picture: fg;xpm;bg
    ['15;default;0', 'dark'],
    ['0;default;15', 'light'],
  ])('%s is a %s background', (value, background) => {
    expect(backgroundFromColorFgBg(value)).toBe(background);
  });

  it.each([[undefined], [''], ['15'], ['0;default'], ['default;default'], ['a;b'], ['0;300']])(
    '%j says nothing',
    (value) => {
      expect(backgroundFromColorFgBg(value)).toBeUndefined();
    },
  );
});

describe('OSC 11', () => {
  it('asks with OSC 11 ended by BEL', () => {
    expect(BACKGROUND_QUERY).toBe('\x1b]11;?\x07');
  });

  it.each([
    ['rgb:ffff/ffff/ffff', [255, 255, 255]],
    ['rgb:0000/0000/0000', [0, 0, 0]],
    ['rgb:1e1e/1e1e/2e2e', [30, 30, 46]],
    ['rgb:fd/f6/e3', [253, 246, 227]],
    ['rgb:f/8/0', [255, 136, 0]],
    ['rgba:ffff/ffff/ffff/ffff', [255, 255, 255]],
  ])('reads %s', (body, rgb) => {
    expect(parseBackgroundReply(body)).toEqual(rgb);
  });

  it.each([[''], ['?'], ['rgb:gg/00/00'], ['rgb:00/00'], ['#ffffff'], ['rgb:12345/0/0']])(
    'ignores %j',
    (body) => {
      expect(parseBackgroundReply(body)).toBeUndefined();
    },
  );

  it('calls a background light when black text reads better on it than white', () => {
    expect(backgroundOfColor([255, 255, 255])).toBe('light');
    expect(backgroundOfColor([253, 246, 227])).toBe('light');
    expect(backgroundOfColor([0, 43, 54])).toBe('dark');
    expect(backgroundOfColor([30, 30, 46])).toBe('dark');
    expect(backgroundOfColor([0, 0, 0])).toBe('dark');
  });
});

describe('the reply is taken out of the input', () => {
  const run = (chunks: string[]) => {
    const replies: string[] = [];
    const filter = createReplyFilter((body) => replies.push(body));
    return { out: chunks.map(filter), replies };
  };

  it('whole, with BEL or ST, with keys around it', () => {
    expect(run(['\x1b]11;rgb:0000/0000/0000\x07'])).toEqual({
      out: [''],
      replies: ['rgb:0000/0000/0000'],
    });
    expect(run(['a\x1b]11;rgb:ffff/ffff/ffff\x1b\\b'])).toEqual({
      out: ['ab'],
      replies: ['rgb:ffff/ffff/ffff'],
    });
  });

  it('split across chunks anywhere after its ESC ]', () => {
    const reply = '\x1b]11;rgb:ffff/ffff/ffff\x1b\\';
    for (let at = 2; at < reply.length; at++) {
      expect(run(['x' + reply.slice(0, at), reply.slice(at) + 'y'])).toEqual({
        out: ['x', 'y'],
        replies: ['rgb:ffff/ffff/ffff'],
      });
    }
  });

  it('keys pass untouched: Escape, arrows, Alt-], other OSC-looking input', () => {
    expect(run(['\x1b', '\x1b[A', 'q'])).toEqual({ out: ['\x1b', '\x1b[A', 'q'], replies: [] });
    // Alt-] waits for the next chunk only to see that no reply follows.
    expect(run(['\x1b]', 'a'])).toEqual({ out: ['', '\x1b]a'], replies: [] });
    expect(run(['\x1b]12;x\x07'])).toEqual({ out: ['\x1b]12;x\x07'], replies: [] });
  });

  it('every reply is taken, also a second one', () => {
    const reply = '\x1b]11;rgb:0/0/0\x07';
    expect(run([reply, reply])).toEqual({ out: ['', ''], replies: ['rgb:0/0/0', 'rgb:0/0/0'] });
  });

  it('a held start that grows too long to be a reply is let through', () => {
    const long = '\x1b]11;' + 'x'.repeat(100);
    const { out } = run([long, 'z']);
    expect(out.join('')).toBe(long + 'z');
  });
});

describe('one question, one wait', () => {
  const setup = () => {
    const written: string[] = [];
    const found: string[] = [];
    const waits = { close: () => {}, cancelled: 0 };
    const query = createBackgroundQuery({
      write: (text) => written.push(text),
      wait: (close) => {
        waits.close = close;
        return () => waits.cancelled++;
      },
      found: (background) => found.push(background),
    });
    return { query, written, found, waits };
  };

  it('an answer before the wait ends tells the background, once', () => {
    const { query, written, found, waits } = setup();
    query.answer('rgb:ffff/ffff/ffff');
    expect(found).toEqual([]);
    query.ask();
    expect(written).toEqual([BACKGROUND_QUERY]);
    query.answer('rgb:0000/0000/0000');
    query.answer('rgb:ffff/ffff/ffff');
    expect(found).toEqual(['dark']);
    expect(waits.cancelled).toBe(1);
  });

  it('an answer after the wait, or after stop, or unreadable, tells nothing', () => {
    const late = setup();
    late.query.ask();
    late.waits.close();
    late.query.answer('rgb:0000/0000/0000');
    expect(late.found).toEqual([]);
    const stopped = setup();
    stopped.query.ask();
    stopped.query.stop();
    stopped.query.answer('rgb:0000/0000/0000');
    expect(stopped.found).toEqual([]);
    const garbled = setup();
    garbled.query.ask();
    garbled.query.answer('?');
    expect(garbled.found).toEqual([]);
  });
});
