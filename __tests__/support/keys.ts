/** The bytes a terminal sends for each key, by blessed key name. */
const NAMED: Record<string, string> = {
  tab: '\t',
  'S-tab': '\x1b[Z',
  enter: '\r',
  escape: '\x1b',
  space: ' ',
  backspace: '\x7f',
  delete: '\x1b[3~',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  f1: '\x1bOP',
  f2: '\x1bOQ',
  f3: '\x1bOR',
  f4: '\x1bOS',
  f5: '\x1b[15~',
};

/** `C-n` → Ctrl-N's byte; named keys → their sequence; anything else is sent as it is. */
export function keyBytes(key: string): string {
  const named = NAMED[key];
  if (named !== undefined) return named;
  const ctrl = /^C-([a-z])$/.exec(key);
  if (ctrl) return String.fromCharCode(ctrl[1]!.charCodeAt(0) - 96);
  // Alt/Meta: the key prefixed with Esc, as terminals send it.
  const meta = /^M-(.)$/.exec(key);
  if (meta) return `\x1b${meta[1]}`;
  return key;
}
