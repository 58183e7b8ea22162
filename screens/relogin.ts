/**
 * The question asked when the session ran out mid-wizard: the password again, or quit. The
 * wizard behind it stays as it is; whatever was loading carries on once the answer is in.
 */
import type { Widgets } from 'blessed';
import { Dialog } from '../widgets/dialog';
import { TextField } from '../widgets/text-field';

export interface ReloginOptions {
  username: string;
  server: string;
  /** Why it is asked again (the previous attempt failed). */
  problem?: string;
  logIn(password: string): void;
  quit(): void;
}

export function openReloginDialog(screen: Widgets.Screen, options: ReloginOptions): Dialog {
  const password = new TextField(screen, { label: 'Password', mask: true });
  const lines = [
    `The session of ${options.username} on ${options.server} has expired.`,
    'Log in again to carry on: everything entered is kept.',
    'Quit leaves without creating the VM.',
  ];
  if (options.problem) lines.push(options.problem);
  return new Dialog(screen, {
    title: 'Session expired',
    lines,
    field: password,
    role: 'borderError',
    // Esc does nothing: closing the question would leave the wizard waiting for an answer.
    cancel: -1,
    buttons: [
      { label: 'Log in', onPress: () => options.logIn(password.value) },
      { label: 'Quit', onPress: () => options.quit() },
    ],
  });
}
