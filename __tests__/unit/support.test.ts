import { readFileSync } from 'node:fs';
import { parseCommandLine } from '../../bin/args';
import { footerHints, KEY_BINDINGS } from '../../lib/wizard/keys';
import { helpLines } from '../../lib/strings';
import { localeIsUtf8, terminalProfile } from '../../lib/tui/terminal';
import { packageVersion } from '../../lib/version';
import { cut, displayWidth, escapeTags, fit, sanitize, tail } from '../../widgets/text';

describe('command line', () => {
  it.each([
    [['--help'], { kind: 'help' }],
    [['-h'], { kind: 'help' }],
    [['--version'], { kind: 'version' }],
    [['-V'], { kind: 'version' }],
    [[], { kind: 'run', flags: {} }],
    [
      ['--server', 'pve:8006', '--user', 'root@pam', '--fingerprint', 'AB:CD', '--demo'],
      {
        kind: 'run',
        flags: { server: 'pve:8006', user: 'root@pam', fingerprint: 'AB:CD', demo: true },
      },
    ],
    [
      ['--token', 'root@pam!ci', '--insecure'],
      { kind: 'run', flags: { token: 'root@pam!ci', insecure: true } },
    ],
    [
      ['--spec', 'vm.json', '--preset', 'small'],
      { kind: 'run', flags: { preset: 'small' }, spec: 'vm.json' },
    ],
    [
      ['create', '--spec', 'vm.json', '--server', 'pve', '--profile', 'lab'],
      {
        kind: 'create',
        flags: { server: 'pve', profile: 'lab' },
        spec: 'vm.json',
        dryRun: false,
        passwordStdin: false,
      },
    ],
    [
      ['create', '--dry-run', '--spec', 'vm.json', '--password-stdin'],
      { kind: 'create', flags: {}, spec: 'vm.json', dryRun: true, passwordStdin: true },
    ],
  ])('%j', (argv, expected) => {
    expect(parseCommandLine(argv)).toEqual(expected);
  });

  it('refuses unknown options and stray arguments', () => {
    expect(parseCommandLine(['--password', 'x'])).toMatchObject({
      kind: 'usage-error',
      message: expect.stringContaining('--password'),
    });
    expect(parseCommandLine(['create'])).toEqual({
      kind: 'usage-error',
      message: 'create needs --spec FILE',
    });
    expect(parseCommandLine(['destroy'])).toEqual({
      kind: 'usage-error',
      message: 'unknown command: destroy',
    });
    expect(parseCommandLine(['--dry-run'])).toMatchObject({ kind: 'usage-error' });
    expect(parseCommandLine(['create', '--spec', 'a', 'b'])).toMatchObject({ kind: 'usage-error' });
  });

  it('--theme is auto, dark or light', () => {
    for (const theme of ['auto', 'dark', 'light'] as const)
      expect(parseCommandLine(['--theme', theme])).toEqual({ kind: 'run', flags: { theme } });
    expect(parseCommandLine(['--theme', 'solarized'])).toEqual({
      kind: 'usage-error',
      message: '--theme must be auto, dark or light (got "solarized")',
    });
    expect(parseCommandLine(['--theme'])).toMatchObject({ kind: 'usage-error' });
  });

  it('knows its version', () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('terminal profile', () => {
  it.each([
    ['xterm-256color', 'xterm-256color'],
    ['screen-256color', 'xterm-256color'],
    ['tmux-256color', 'xterm-256color'],
    ['xterm', 'xterm'],
    ['screen', 'xterm'],
    ['linux', 'linux'],
  ])('TERM=%s is driven with the %s terminfo entry', (term, terminfo) => {
    expect(terminalProfile(term, { LANG: 'C.UTF-8' }).terminfo).toBe(terminfo);
  });

  it('draws Unicode lines only in a UTF-8 locale, judged LC_ALL, then LC_CTYPE, then LANG', () => {
    expect(localeIsUtf8({ LANG: 'en_US.UTF-8' })).toBe(true);
    expect(localeIsUtf8({ LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(false);
    expect(localeIsUtf8({ LC_CTYPE: 'de_DE.utf8' })).toBe(true);
    expect(localeIsUtf8({})).toBe(false);
    expect(terminalProfile('xterm', {}).unicode).toBe(false);
    expect(terminalProfile('linux', { LANG: 'C.UTF-8' }).unicode).toBe(false);
  });

  it('honours NO_COLOR', () => {
    expect(terminalProfile('xterm', { NO_COLOR: '1' }).color).toBe(false);
    expect(terminalProfile('xterm', {}).color).toBe(true);
  });

  it.each([
    ['xterm-256color', {}, 256],
    ['screen-256color', {}, 256],
    ['xterm', { COLORTERM: 'truecolor' }, 256],
    ['xterm', {}, 8],
    ['screen', {}, 8],
    ['linux', {}, 8],
  ])('TERM=%s %j has %d colours', (term, env, colors) => {
    expect(terminalProfile(term, env).colors).toBe(colors);
  });

  it('knows the background from COLORFGBG, and asks the terminal unless it is the Linux console', () => {
    expect(terminalProfile('xterm-256color', { COLORFGBG: '0;15' }).background).toBe('light');
    expect(terminalProfile('xterm-256color', { COLORFGBG: '15;0' }).background).toBe('dark');
    expect(terminalProfile('xterm-256color', {}).background).toBeUndefined();
    expect(terminalProfile('xterm-256color', {}).asksBackground).toBe(true);
    expect(terminalProfile('screen', {}).asksBackground).toBe(true);
    // The console prints an OSC it does not know as text.
    expect(terminalProfile('linux', {}).asksBackground).toBe(false);
    expect(terminalProfile('xterm-256color', { NO_COLOR: '1' }).asksBackground).toBe(false);
  });
});

describe('text helpers', () => {
  it('shows escape sequences and control characters instead of sending them', () => {
    expect(sanitize('a\x1b[31mred\x1b[0m\x07b\tc\x1b]0;title\x07d')).toBe(
      'a␛[31mred␛[0m␇b c␛]0;title␇d',
    );
    expect(sanitize('a\r\nb\bc\x7fd\x9be')).toBe('a  b␈c␡d\ufffde');
  });

  it('replaces what blessed and terminals would lay out differently', () => {
    // Composed when possible; other marks, format characters (ZWJ, RTL override), emoji and
    // characters beyond the BMP cannot be given the cells a terminal draws them in.
    expect(sanitize('e\u0301')).toBe('é');
    expect(sanitize('a\u202eb\u200dc\u0951d')).toBe('a\ufffdb\ufffdc\ufffdd');
    expect(sanitize('🚀⚡\u2764\ufe0f𝕏')).toBe('\ufffd\ufffd\u2764\ufffd\ufffd');
    expect(sanitize('東京')).toBe('東京');
    for (const text of ['a\u202eb', '🚀', 'e\u0301', '\x1b[2J']) {
      expect(displayWidth(sanitize(text))).toBe([...sanitize(text)].length);
    }
  });

  it('escapes blessed tags', () => {
    expect(escapeTags('{red-fg}x{/}')).toBe('{open}red-fg{close}x{open}/{close}');
  });

  it('measures wide characters as two cells and cuts and pads by cells', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(cut('日本語', 5)).toBe('日本');
    expect(fit('日本語', 5)).toBe('日本…');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(tail('abcdef', 3)).toBe('def');
  });
});

describe('key table', () => {
  it('never binds Ctrl-B (the tmux prefix)', () => {
    expect(KEY_BINDINGS.flatMap((b) => b.keys)).not.toContain('C-b');
  });

  it('feeds the footer and the help overlay from the same table', () => {
    expect(footerHints().map((h) => h.key)).toEqual([
      'Tab/Down',
      'Ctrl-N',
      'Ctrl-P',
      'F1',
      'Ctrl-Q',
    ]);
    expect(footerHints(['back']).map((h) => h.key)).not.toContain('Ctrl-P');
    expect(helpLines()).toHaveLength(KEY_BINDINGS.length);
    expect(helpLines()[0]).toBe('Tab/Down  Next field');
  });
});

describe('one blessed instance', () => {
  it('blessed-contrib resolves the same blessed (neo-blessed) the app uses', () => {
    const contribDir = require.resolve('blessed-contrib');
    const contribBlessed = require.resolve('blessed', { paths: [contribDir] });
    expect(contribBlessed).toBe(require.resolve('blessed'));
    const pkg = JSON.parse(readFileSync(require.resolve('blessed/package.json'), 'utf8')) as {
      name: string;
    };
    expect(pkg.name).toBe('neo-blessed');
  });
});
