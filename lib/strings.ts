/** User-facing words that more than one place shows, in one place. */
import { KEY_BINDINGS, type ScreenKey } from './wizard/keys';

export const QUIT_TITLE = 'Quit pvevm?';
export const QUIT_LINES = ['What you entered so far will be lost.', 'No VM has been created.'];
/** Quitting while a create task runs: which VM, where, and that pvevm says how to check it. */
export const quitWhileCreatingLines = (vm?: { vmid: string; node: string }): string[] =>
  vm
    ? [
        `VM ${vm.vmid} is being created on ${vm.node} right now.`,
        'Quitting does not stop its task on the server;',
        `pvevm then prints how to check it (qm status ${vm.vmid}).`,
      ]
    : ['A VM is being created right now.', 'Quitting does not stop its task on the server.'];
export const QUIT_BUTTON = 'Quit';
export const STAY_BUTTON = 'Keep working';
export const HELP_TITLE = 'Keys';
/** Shown under the header of every screen while certificates are not checked. */
/** Short enough to stand whole beside who and where on the row under the breadcrumb at 80. */
export const INSECURE_WARNING = 'INSECURE: certificate not checked (--insecure)';
export const CLOSE_BUTTON = 'Close';

/** The help overlay's lines, generated from the key tables the app and the screen bind. */
export function helpLines(screenKeys: readonly ScreenKey[] = [], stepTitle = ''): string[] {
  const all = [...KEY_BINDINGS, ...screenKeys];
  const width = Math.max(...all.map((b) => b.label.length));
  const lines = KEY_BINDINGS.map((b) => `${b.label.padEnd(width)}  ${b.help}`);
  if (screenKeys.length === 0) return lines;
  return [
    ...lines,
    '',
    `On ${stepTitle}:`,
    ...screenKeys.map((k) => `${k.label.padEnd(width)}  ${k.help}`),
  ];
}

export const TOO_SMALL = (cols: number, rows: number, minCols: number, minRows: number) =>
  `The terminal is ${cols}x${rows}; pvevm needs at least ${minCols}x${minRows}. Make the window larger (Ctrl-Q quits).`;

export const USAGE = `Usage: pvevm [options] [--spec FILE]
       pvevm create --spec FILE [--dry-run] [--password-stdin] [options]

Create a virtual machine on a Proxmox VE cluster, step by step, in the terminal;
or from a spec saved by the wizard (Confirm, F3), without it.

Options:
  --server URL          host, host:port or https://host:port (port 8006 by default)
  --user USER           user name, or user@realm
  --realm REALM         realm to log in to (default pam)
  --token USER@REALM!ID log in with an API token; the secret comes from PVEVM_TOKEN_SECRET
                        or is asked for on screen (never give it on the command line)
  --fingerprint SHA256  trust the server certificate with this SHA-256 fingerprint
  --ca FILE             trust certificates signed by this CA (e.g. pve-root-ca.pem)
  --insecure            do not check the server certificate at all
  --config FILE         config file (default $XDG_CONFIG_HOME/pvevm/config.json)
  --demo                run against a built-in simulated Proxmox VE cluster
  --profile NAME        a server profile of the config file
  --preset NAME         start from a preset of the config file (or of the profile)
  --spec FILE           the wizard: start from a saved spec; create: the VM to create
  --theme auto|dark|light
                        colours for the terminal's background; auto (default) reads on
                        any and takes richer ones when the terminal tells its background
  --dry-run             create: print the API parameters and the qm commands, create nothing
  --password-stdin      create: read the password from standard input (a pipe), or ask
                        for it with echo off when that is a terminal
  -h, --help            show this help and exit
  -V, --version         print the version and exit

Environment: PVEVM_SERVER, PVEVM_USER, PVEVM_TOKEN, PVEVM_TOKEN_SECRET, PVEVM_PROFILE,
PVEVM_PRESET.
Flags beat the environment, which beats the config file.

Exit codes: 0 VM created, 1 failed, 2 usage or config error, 130 cancelled.`;

/**
 * What a server list held that names nothing (`null`, a number, an entry without its id), per
 * kind of entry: "5 unreadable node entries, 1 unreadable pool entry: left out".
 */
export function leftOutNote(
  counts: ReadonlyArray<readonly [what: string, leftOut: number | undefined]>,
): string | undefined {
  const parts = counts
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([what, n]) => `${n} unreadable ${what} ${n === 1 ? 'entry' : 'entries'}`);
  return parts.length > 0 ? `${parts.join(', ')}: left out` : undefined;
}
