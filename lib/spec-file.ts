/** Spec files: where "Save as spec" suggests writing, and writing one without overwriting. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VmConfig } from './model/config';
import { specFromConfig } from './model/spec';

/** `DIR/web-01.json`, or `DIR/vm-103.json` for a VM without a name. */
export function suggestedSpecPath(dir: string, config: VmConfig): string {
  const { name, vmid } = config.general;
  return join(dir, `${name || `vm-${vmid || 'new'}`}.json`);
}

export function writeSpecFile(
  path: string,
  config: VmConfig,
): { ok: true } | { ok: false; message: string } {
  if (!path.trim()) return { ok: false, message: 'Enter a file name.' };
  try {
    // `wx`: an existing file (another VM's spec) is never overwritten.
    writeFileSync(path, JSON.stringify(specFromConfig(config), null, 2) + '\n', { flag: 'wx' });
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
