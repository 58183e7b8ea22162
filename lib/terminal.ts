/**
 * What the terminal can show, decided once from the environment: Unicode lines or ASCII,
 * colour or not, and which terminfo entry blessed drives it with. Pure.
 */
export interface TerminalProfile {
  /** terminfo entry blessed uses (pinned to a known one per terminal family). */
  terminfo: string;
  unicode: boolean;
  color: boolean;
}

type Env = Record<string, string | undefined>;

/** A UTF-8 locale, judged as ncurses does: LC_ALL, then LC_CTYPE, then LANG. */
export function localeIsUtf8(env: Env): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}

/**
 * xterm, screen and tmux all understand xterm's sequences (tmux and screen translate them), so
 * they share one well-known terminfo entry; the Linux console keeps its own. Box lines are
 * always written as Unicode characters (never the ACS charset switch, which screen/tmux
 * terminfo entries get wrong), or as ASCII when the locale is not UTF-8.
 */
export function terminalProfile(term: string | undefined, env: Env): TerminalProfile {
  const name = term ?? 'xterm';
  const many =
    /256color|truecolor|direct/.test(name) || /truecolor|24bit/.test(env.COLORTERM ?? '');
  const terminfo = name === 'linux' ? 'linux' : many ? 'xterm-256color' : 'xterm';
  return {
    terminfo,
    unicode: localeIsUtf8(env) && name !== 'linux',
    color: env.NO_COLOR === undefined || env.NO_COLOR === '',
  };
}
