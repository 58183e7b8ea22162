/**
 * The keyboard contract, one table: the app binds these keys, the footer and the F1 help are
 * generated from it, so what is shown and what works cannot drift apart. Never Ctrl-B (tmux).
 */
export type KeyAction =
  | 'nextField'
  | 'previousField'
  | 'confirm'
  | 'toggle'
  | 'forward'
  | 'back'
  | 'close'
  | 'help'
  | 'jump'
  | 'reload'
  | 'quit';

export interface KeyBinding {
  action: KeyAction;
  /** blessed key names, as in `key.full`. */
  keys: string[];
  /** How the keys are written for people. */
  label: string;
  /** What the key does, for the help overlay. */
  help: string;
  /** Short word for the footer; absent = help overlay only. */
  footer?: string;
  /** Bound globally by the app (the others are handled by the focused field and the form). */
  global?: boolean;
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  {
    action: 'nextField',
    keys: ['tab', 'down'],
    label: 'Tab/Down',
    help: 'Next field',
    footer: 'next field',
  },
  { action: 'previousField', keys: ['S-tab', 'up'], label: 'S-Tab/Up', help: 'Previous field' },
  {
    action: 'confirm',
    keys: ['enter'],
    label: 'Enter',
    help: 'Confirm the field and move on; press the focused button',
  },
  { action: 'toggle', keys: ['space'], label: 'Space', help: 'Toggle a checkbox; open a list' },
  {
    action: 'forward',
    keys: ['C-n'],
    label: 'Ctrl-N',
    help: "The step's main action: Log in, Next (checks first), Create VM",
    footer: 'next',
    global: true,
  },
  {
    action: 'back',
    keys: ['C-p'],
    label: 'Ctrl-P',
    help: 'Previous step (every value is kept)',
    footer: 'back',
    global: true,
  },
  { action: 'close', keys: ['escape'], label: 'Esc', help: 'Close an open list or dialog' },
  {
    action: 'jump',
    keys: ['M-1', 'M-2', 'M-3', 'M-4', 'M-5', 'M-6', 'M-7', 'M-8'],
    label: 'Alt-1..8',
    help: 'Jump to a visited step (1 General to 8 Confirm; or click it)',
    global: true,
  },
  {
    action: 'reload',
    keys: ['C-r'],
    label: 'Ctrl-R',
    help: "Load the step's data from the server again (after an error)",
    global: true,
  },
  { action: 'help', keys: ['f1'], label: 'F1', help: 'This help', footer: 'help', global: true },
  {
    action: 'quit',
    keys: ['C-c', 'C-q'],
    label: 'Ctrl-Q',
    help: 'Quit (asks first once anything was typed); Ctrl-C too',
    footer: 'quit',
    global: true,
  },
];

/** Keys a step screen adds (and binds from the same list), shown in the help under the step. */
export interface ScreenKey {
  keys: string[];
  label: string;
  help: string;
}

export function keysFor(action: KeyAction): string[] {
  return KEY_BINDINGS.find((b) => b.action === action)?.keys ?? [];
}

/** The footer's key hints, e.g. `Tab/Down next field`, optionally without some actions. */
export function footerHints(hidden: readonly KeyAction[] = []): { key: string; text: string }[] {
  return KEY_BINDINGS.filter((b) => b.footer && !hidden.includes(b.action)).map((b) => ({
    key: b.label,
    text: b.footer!,
  }));
}
