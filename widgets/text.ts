/**
 * Text as widgets render it: the shared terminal text functions (sanitise, measure, cut, wrap),
 * and escaping for blessed tags. Every string a widget shows passes through here.
 */
export {
  charWidth,
  cut,
  cutMiddle,
  displayWidth,
  fit,
  PASTED_TAB,
  sanitize,
  tail,
  wrap,
  wrapRows,
} from './terminal-text';

/** Make `{` and `}` literal for a blessed element rendered with `tags: true`. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));
}
