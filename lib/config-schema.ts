/**
 * The config file's schema: each key checked (presets like specs, by the steps' schemas). Loaded
 * by config-file.ts only when there is a file to check, so a start without one never builds it.
 */
import * as yup from 'yup';
import { THEME_CHOICES } from './theme-choice';
import { defaultConfig } from './model/config';
import { validateConfig } from './model/schemas';
import { applySpec, SpecError } from './model/spec';
import { TOKEN } from './config-values';
import { isObject } from './model/json';

export { ValidationError } from 'yup';

/** One schema per key of the object being checked, for objects keyed by the user's names. */
const namedObjects = <S extends yup.Schema>(entry: S) =>
  yup.lazy((value: unknown) =>
    yup
      .object(Object.fromEntries(Object.keys(isObject(value) ? value : {}).map((k) => [k, entry])))
      .default(undefined)
      .optional(),
  );

/** `memory.memory`, `disks[0].size`: the fields a preset gives a value. */
function presetPaths(preset: Record<string, unknown>): Set<string> {
  const paths = new Set<string>();
  const add = (prefix: string, item: unknown) => {
    if (isObject(item)) for (const key of Object.keys(item)) paths.add(`${prefix}.${key}`);
  };
  for (const [section, fields] of Object.entries(preset)) {
    if (Array.isArray(fields)) fields.forEach((item, i) => add(`${section}[${i}]`, item));
    else add(section, fields);
  }
  return paths;
}

/**
 * A preset is checked like a spec, so its problems read the same (`presets.small.memory.memory:
 * must be a number`), and its values by the steps' schemas, so a bad one stops pvevm at the
 * start instead of on a step.
 */
const presetSchema = yup.mixed<Record<string, unknown>>().test({
  name: 'preset',
  test(value) {
    if (!isObject(value)) return this.createError({ message: `${this.path}: must be an object` });
    let problems: string[];
    try {
      const paths = presetPaths(value);
      problems = validateConfig(applySpec(defaultConfig(), value, { preset: true }))
        .map((issue) => ({
          ...issue,
          path: issue.field.startsWith('[')
            ? `${issue.section}${issue.field}`
            : `${issue.section}.${issue.field}`,
        }))
        .filter((issue) => paths.has(issue.path))
        .map((issue) => `${issue.path}: ${issue.message}`);
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      problems = err.problems;
    }
    if (problems.length === 0) return true;
    return this.createError({
      message: problems.map((problem) => `${this.path}.${problem}`).join('; '),
    });
  },
});

/** What the top level and each profile may say. */
const serverFields = {
  server: yup.string().optional(),
  user: yup.string().optional(),
  realm: yup.string().optional(),
  token: yup
    .string()
    .optional()
    .typeError(({ path }) => `${path} must be a string`)
    .matches(TOKEN, ({ path }) => `${path} must look like user@realm!tokenid`),
  // A value of the wrong type is never echoed: it may be the secret itself.
  tokenSecret: yup
    .string()
    .optional()
    .typeError(({ path }) => `${path} must be a string`),
  fingerprint: yup.string().optional(),
  ca: yup.string().optional(),
  insecure: yup.boolean().strict().optional(),
  defaults: yup
    .object({
      isoStorage: yup.string().optional(),
      diskStorage: yup.string().optional(),
      bridge: yup.string().optional(),
      cpuType: yup.string().optional(),
      node: yup.string().optional(),
    })
    .noUnknown(({ path, unknown }) => `${path} has unknown keys: ${unknown}`)
    .default(undefined)
    .optional(),
  presets: namedObjects(presetSchema),
  /** The preset to start from without --preset. */
  preset: yup.string().optional(),
};

const profileSchema = yup
  .object(serverFields)
  .noUnknown(({ path, unknown }) => `${path} has unknown keys: ${unknown}`)
  .strict();

export const configSchema = yup
  .object({
    ...serverFields,
    profiles: namedObjects(profileSchema),
    /** The profile to use without --profile. */
    profile: yup.string().optional(),
    /** The terminal's, not a server's: top level only. */
    theme: yup
      .string()
      .optional()
      .oneOf(THEME_CHOICES, ({ path }) => `${path} must be one of ${THEME_CHOICES.join(', ')}`),
    /** For a cluster whose lists outgrow the default; top level only. */
    maxAnswerMiB: yup
      .number()
      .strict()
      .optional()
      .integer(({ path }) => `${path} must be a whole number of MiB`)
      .min(1, ({ path }) => `${path} must be 1 to 1024`)
      .max(1024, ({ path }) => `${path} must be 1 to 1024`),
  })
  .noUnknown(({ unknown }) => `unknown keys: ${unknown}`)
  .strict();

export type ConfigFile = yup.InferType<typeof configSchema>;
/** The top level or one profile: a server, its credentials, trust, defaults and presets. */
export type ServerLayer = yup.InferType<typeof profileSchema>;
