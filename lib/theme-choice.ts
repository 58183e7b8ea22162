/** The colours the user asks for: a setting (flag or config file), read before any terminal. */
export type Background = 'dark' | 'light';

/** What the user chose: follow the terminal (auto), or a background they name. */
export type ThemeChoice = 'auto' | Background;
export const THEME_CHOICES: readonly ThemeChoice[] = ['auto', 'dark', 'light'];

export function isThemeChoice(value: string): value is ThemeChoice {
  return (THEME_CHOICES as readonly string[]).includes(value);
}
