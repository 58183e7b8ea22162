/**
 * Spec files: reading one (every problem named by the file and the field), where "Save as spec"
 * suggests writing, and writing one without overwriting.
 */
import { join } from 'node:path';
import { readSmallFile, SmallFileError } from './bounded-read';
import type { Answers } from './initial-config';
import { writeNewFile, type WriteOutcome } from './new-file';
import { explicitChoices } from './model/choices';
import type { VmConfig } from './model/config';
import { applySpec, SpecError, specFromConfig } from './model/spec';
import { checkSpec, type SpecJudgement } from './model/spec-check';

/** A spec file that cannot be read or does not have the spec's shape; one problem a line. */
export class SpecFileError extends Error {}

/** The JSON a spec file holds; unreadable, too large or not JSON is a `SpecFileError`. */
function readSpecData(path: string): unknown {
  try {
    return JSON.parse(readSmallFile(path));
  } catch (err) {
    const why =
      err instanceof SmallFileError
        ? err.message
        : (err as Error).name === 'SyntaxError'
          ? `not valid JSON (${(err as Error).message})`
          : (err as Error).message;
    throw new SpecFileError(`${path}: ${why}`);
  }
}

/**
 * Read a spec file over `base` (its shape checked; its values are the step schemas' to check).
 * The choices it names join the base's explicit ones.
 */
export function readSpecFile(path: string, base: Answers): Answers {
  const data = readSpecData(path);
  try {
    return {
      config: applySpec(base.config, data),
      explicit: explicitChoices(data, base.explicit),
    };
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    throw new SpecFileError(err.problems.map((p) => `${path}: ${p}`).join('\n'));
  }
}

/**
 * Read a spec file for `pvevm create`: every problem of its shape and its values (those `judge`
 * covers) in one `SpecFileError`, a line each, named by the file and the field.
 */
export function checkSpecFile(path: string, base: Answers, judge: SpecJudgement): Answers {
  const { config, explicit, problems } = checkSpec(base, readSpecData(path), judge);
  if (problems.length > 0) throw new SpecFileError(problems.map((p) => `${path}: ${p}`).join('\n'));
  return { config, explicit };
}

/** `DIR/web-01.json`, or `DIR/vm-103.json` for a VM without a name. */
export function suggestedSpecPath(dir: string, config: VmConfig): string {
  const { name, vmid } = config.general;
  return join(dir, `${name || `vm-${vmid || 'new'}`}.json`);
}

export function writeSpecFile(path: string, config: VmConfig): WriteOutcome {
  return writeNewFile(path, JSON.stringify(specFromConfig(config), null, 2) + '\n');
}

/** Where the wizard suggests saving the node's commands: next to the specs, named as the VM. */
export function suggestedCommandsPath(dir: string, config: VmConfig): string {
  const { name, vmid } = config.general;
  return join(dir, `${name || `vm-${vmid || 'new'}`}-qm.sh`);
}
