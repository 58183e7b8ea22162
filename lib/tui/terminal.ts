/**
 * What the terminal can show, decided once from the environment: Unicode lines or ASCII,
 * colour or not and how many colours, what is known of its background, and which terminfo
 * entry blessed drives it with. Pure.
 */
import type { Background } from '../theme-choice';
import { backgroundFromColorFgBg } from './background';

export interface TerminalProfile {
  /** terminfo entry blessed uses (pinned to a known one per terminal family). */
  terminfo: string;
  unicode: boolean;
  color: boolean;
  /** Colours the terminfo entry allows; blessed maps every colour to the nearest of them. */
  colors: 8 | 256;
  /** The background, when the environment says (COLORFGBG). */
  background?: Background;
  /** The terminal may be asked for its background colour (OSC 11). */
  asksBackground: boolean;
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
 * terminfo entries get wrong), or as ASCII when the locale is not UTF-8. The Linux console
 * prints an OSC it does not know as text, so it is not asked for its background.
 */
export function terminalProfile(term: string | undefined, env: Env): TerminalProfile {
  const name = term ?? 'xterm';
  const many =
    /256color|truecolor|direct/.test(name) || /truecolor|24bit/.test(env.COLORTERM ?? '');
  const terminfo = name === 'linux' ? 'linux' : many ? 'xterm-256color' : 'xterm';
  const color = env.NO_COLOR === undefined || env.NO_COLOR === '';
  return {
    terminfo,
    unicode: localeIsUtf8(env) && name !== 'linux',
    color,
    colors: terminfo === 'xterm-256color' ? 256 : 8,
    background: backgroundFromColorFgBg(env.COLORFGBG),
    asksBackground: color && name !== 'linux',
  };
}
