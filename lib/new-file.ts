/** Writing a file pvevm makes for the user: never over an existing one, 0600, failures in words. */
import { writeFileSync } from 'node:fs';

export type WriteOutcome = { ok: true } | { ok: false; message: string };

export function writeNewFile(path: string, text: string): WriteOutcome {
  if (!path.trim()) return { ok: false, message: 'Enter a file name.' };
  try {
    // `wx`: an existing file is never overwritten. 0600 like everything else pvevm writes: it
    // names the cluster's nodes, storages and networks.
    writeFileSync(path, text, { flag: 'wx', mode: 0o600 });
    return { ok: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === 'EEXIST'
        ? `${path} exists already: choose another name.`
        : code === 'ENOENT'
          ? `The folder of ${path} does not exist.`
          : `Could not write ${path}: ${(err as Error).message}`;
    return { ok: false, message };
  }
}
