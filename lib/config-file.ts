/**
 * The config file: its schema, checked field by field (presets like specs), and reading it —
 * bounded, with the file's name and every problem in a refusal, and refused when it holds a
 * token secret others can read.
 */
import { existsSync, statSync } from 'node:fs';
import * as yup from 'yup';
import { readSmallFile, SmallFileError } from './bounded-read';
import { THEME_CHOICES } from './theme-choice';
import { defaultConfig } from './model/config';
import { validateConfig } from './model/schemas';
import { applySpec, SpecError } from './model/spec';

export class SettingsError extends Error {}

/** `user@realm!tokenid` */
export const TOKEN = /^[^@!\s]+@[A-Za-z][A-Za-z0-9.\-_]+![A-Za-z][A-Za-z0-9.\-_]+$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

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

const configSchema = yup
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

/** ` (line 2, column 5)` from a JSON.parse error that gives a position, else nothing. */
function whereInText(text: string, err: unknown): string {
  const position = /at position (\d+)/.exec(err instanceof Error ? err.message : '');
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}

/** A property every object has (`constructor`, `__proto__`, `toString`): never a user's name. */
const isReservedName = (name: string) => name in Object.prototype;

/** Profile and preset names of the raw file that would name an object's own machinery. */
function reservedNames(data: unknown): string[] {
  if (!isObject(data)) return [];
  const names = (group: unknown, prefix: string) =>
    isObject(group)
      ? Object.keys(group)
          .filter(isReservedName)
          .map((name) => `${prefix}.${name}`)
      : [];
  const profiles = isObject(data.profiles) ? data.profiles : {};
  return [
    ...names(data.profiles, 'profiles'),
    ...names(data.presets, 'presets'),
    ...Object.entries(profiles).flatMap(([name, profile]) =>
      isObject(profile) ? names(profile.presets, `profiles.${name}.presets`) : [],
    ),
  ];
}

export function readConfigFile(path: string, required: boolean): ConfigFile {
  if (!existsSync(path)) {
    if (required) throw new SettingsError(`Config file ${path} does not exist`);
    return {};
  }
  let text: string;
  try {
    text = readSmallFile(path);
  } catch (err) {
    if (!(err instanceof SmallFileError)) throw err;
    throw new SettingsError(`Config file ${path}: ${err.message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // V8's message quotes the text around the error, which may be the token secret.
    throw new SettingsError(`Config file ${path} is not valid JSON${whereInText(text, err)}`);
  }
  const reserved = reservedNames(data);
  if (reserved.length > 0) {
    throw new SettingsError(
      `Config file ${path}: ${reserved.map((name) => `"${name}" is not allowed as a name`).join('; ')}`,
    );
  }
  let config: ConfigFile;
  try {
    config = configSchema.validateSync(data, { abortEarly: false });
  } catch (err) {
    const problems = err instanceof yup.ValidationError ? err.errors.join('; ') : String(err);
    throw new SettingsError(`Config file ${path}: ${problems}`);
  }
  const mode = statSync(path).mode & 0o777;
  const secrets = [config, ...Object.values(config.profiles ?? {})].some(
    (layer) => layer.tokenSecret !== undefined,
  );
  if (secrets && (mode & 0o077) !== 0) {
    throw new SettingsError(
      `Config file ${path} holds a token secret but others can read it (mode ${mode.toString(8)}): run chmod 600 ${path}`,
    );
  }
  return config;
}
