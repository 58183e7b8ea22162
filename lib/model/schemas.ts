/**
 * The wizard's validation: each step's answers against its yup schema (step-schemas.ts), with
 * the messages shown at the fields. Pure: no terminal, no network.
 */
import type * as yup from 'yup';
import type { ConfigSection, VmConfig } from './config';
import { cdSlots } from './derive';
import { VALIDATED_SECTIONS, type ValidatedSection } from './sections';

export { VALIDATED_SECTIONS, type ValidatedSection } from './sections';

let loaded: typeof import('./step-schemas') | undefined;

/** step-schemas.ts (and yup with it), loaded on first use. */
function stepSchemas(): typeof import('./step-schemas') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./step-schemas') as typeof import('./step-schemas');
  return loaded;
}

/** Build the schemas now (while the login's answer is awaited), not at the first check. */
export function prepareSchemas(): void {
  stepSchemas();
}

/**
 * The step's schema. The schemas are built on first use, not when pvevm starts: building them
 * costs a start several milliseconds before its first frame, and the login screen needs none.
 */
export function schemaFor(section: ValidatedSection): yup.Schema {
  return stepSchemas().STEP_SCHEMAS[section];
}

export interface FieldIssue {
  section: ValidatedSection;
  /** Field path inside the section, e.g. `vmid` or `[1].size` for disks. */
  field: string;
  message: string;
}

/** The problems of one section in field order (the first is where focus goes). */
export function validateSection(config: VmConfig, section: ValidatedSection): FieldIssue[] {
  const value = config[section as ConfigSection];
  try {
    schemaFor(section).validateSync(value, {
      abortEarly: false,
      context: { cds: cdSlots(config), arch: config.os.arch },
    });
    return [];
  } catch (err) {
    if (!(err instanceof stepSchemas().ValidationError)) throw err;
    const issues = (err.inner.length > 0 ? err.inner : [err]).map((e) => ({
      section,
      field: e.path ?? '',
      message: e.message,
    }));
    return dedupeByField(issues);
  }
}

function dedupeByField(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.field) ? false : (seen.add(i.field), true)));
}

/** Every problem of the whole configuration, grouped by step in wizard order. */
export function validateConfig(config: VmConfig): FieldIssue[] {
  return VALIDATED_SECTIONS.flatMap((s) => validateSection(config, s));
}
