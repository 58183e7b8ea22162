/** User-facing words that more than one place shows, in one place. */
import { KEY_BINDINGS } from './keys';

export const QUIT_TITLE = 'Quit pvevm?';
export const QUIT_LINES = ['What you entered so far will be lost.', 'No VM has been created.'];
export const QUIT_WHILE_CREATING_LINES = [
  'A VM is being created right now.',
  'Quitting does not stop the task on the server; check the node afterwards.',
];
export const QUIT_BUTTON = 'Quit';
export const STAY_BUTTON = 'Keep working';
export const HELP_TITLE = 'Keys';
export const CLOSE_BUTTON = 'Close';

/** The help overlay's lines, generated from the key table the app binds. */
export function helpLines(): string[] {
  const width = Math.max(...KEY_BINDINGS.map((b) => b.label.length));
  return KEY_BINDINGS.map((b) => `${b.label.padEnd(width)}  ${b.help}`);
}

export const USAGE = `Usage: pvevm [options]

Create a virtual machine on a Proxmox VE cluster, step by step, in the terminal.

Options:
  -h, --help       Show this help and exit
  -V, --version    Print the version and exit

Exit codes: 0 VM created, 1 failed, 2 usage or config error, 130 cancelled.`;
