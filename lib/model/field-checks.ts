/**
 * The live check of one field: the step schema's check of that field's path, against the
 * configuration holding the typed value, with the schema's message. The form shows it while
 * the value is typed, so the field says exactly what Next would say. Pure.
 */
import * as yup from 'yup';
import type { VmConfig } from './config';
import { cdSlots } from './derive';
import { couldBecomeDnsName, dnsNameTooLong } from './rules';
import { schemaFor, type ValidatedSection } from './schemas';

/**
 * The problem the step schema finds at `path` of `section` (`vmid`, `[0].size` for disks), or
 * undefined. Rules between fields of a list (two disks on one slot) are left to Next.
 */
export function fieldProblem(
  config: VmConfig,
  section: ValidatedSection,
  path: string,
): string | undefined {
  try {
    schemaFor(section).validateSyncAt(path, config[section], {
      context: { cds: cdSlots(config), arch: config.os.arch },
    });
    return undefined;
  } catch (err) {
    if (err instanceof yup.ValidationError) return err.message;
    throw err;
  }
}

/**
 * Values that are only unfinished while typed: `web-` may still become `web-01`. Keyed by
 * section and field (a disk's field without its `[i].`).
 */
const UNFINISHED: Partial<Record<string, (config: VmConfig) => boolean>> = {
  'general.name': ({ general: { name } }) => !dnsNameTooLong(name) && couldBecomeDnsName(name),
};
const unfinished = (section: ValidatedSection, path: string) =>
  UNFINISHED[`${section}.${path.replace(/^\[\d+\]\./, '')}`];

/** The check while typing: an unfinished value passes until the focus leaves the field. */
export function typingProblem(
  config: VmConfig,
  section: ValidatedSection,
  path: string,
): string | undefined {
  const problem = fieldProblem(config, section, path);
  return problem && unfinished(section, path)?.(config) ? undefined : problem;
}

/** Whether the field is checked again, as finished, when the focus leaves it. */
export function checkedOnLeave(section: ValidatedSection, path: string): boolean {
  return unfinished(section, path) !== undefined;
}
