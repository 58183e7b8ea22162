/**
 * What pvevm starts with: command-line flags beat environment variables beat the config file
 * beat built-in defaults. The config file is checked field by field; a broken one is refused
 * with the file's name and the problem. Secrets never come from the command line. A server
 * profile of the file overrides the file's top level; a preset replaces the built-in defaults
 * of the VM's answers.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as yup from 'yup';
import { readSmallFile, SmallFileError } from './bounded-read';
import { THEME_CHOICES, type ThemeChoice } from './theme-choice';
import { defaultConfig } from './model/config';
import { validateConfig } from './model/schemas';
import { applySpec, SpecError } from './model/spec';

export interface TlsSettings {
  fingerprint?: string;
  /** Path of a CA file. */
  ca?: string;
  insecure?: boolean;
}

export interface SiteDefaults {
  isoStorage?: string;
  diskStorage?: string;
  bridge?: string;
  cpuType?: string;
  node?: string;
}

export interface Settings {
  server?: string;
  user?: string;
  realm?: string;
  /** `user@realm!tokenid` */
  token?: string;
  /** From PVEVM_TOKEN_SECRET, or a config file only its owner can read. */
  tokenSecret?: string;
  tls: TlsSettings;
  defaults: SiteDefaults;
  /** The preset the wizard starts from: a partial spec (sections, no `version`). */
  preset?: { name: string; spec: Record<string, unknown> };
  /** The config file's server profile in use. */
  profile?: string;
  demo: boolean;
  configFile: string;
  /** The colours follow the terminal's background (auto) or a named one. */
  theme: ThemeChoice;
  /** The client's answer limit (its default without one). */
  maxAnswerBytes?: number;
}

export interface Flags {
  server?: string;
  user?: string;
  realm?: string;
  token?: string;
  fingerprint?: string;
  ca?: string;
  insecure?: boolean;
  config?: string;
  demo?: boolean;
  /** A preset of the config file (or of the profile) to start from. */
  preset?: string;
  /** A server profile of the config file. */
  profile?: string;
  theme?: ThemeChoice;
}

export class SettingsError extends Error {}

const TOKEN = /^[^@!\s]+@[A-Za-z][A-Za-z0-9.\-_]+![A-Za-z][A-Za-z0-9.\-_]+$/;

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

type ConfigFile = yup.InferType<typeof configSchema>;

export function defaultConfigPath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'pvevm', 'config.json');
}

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

type ServerLayer = yup.InferType<typeof profileSchema>;

const known = (names: string[]) => (names.length > 0 ? names.join(', ') : 'none');

/**
 * The top level with the chosen profile's keys over it. Trust (fingerprint, CA, insecure) is one
 * choice and a token secret belongs to its token, so neither is mixed across the two layers; a
 * profile with a server of its own takes no credentials or trust from the top level, which
 * belong to another server.
 */
function withProfile(file: ConfigFile, name: string | undefined, path: string): ServerLayer {
  if (name === undefined) return file;
  const profiles = file.profiles ?? {};
  const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  if (profile === undefined) {
    throw new SettingsError(
      `Unknown profile "${name}"; profiles in config file ${path}: ${known(Object.keys(profiles))}`,
    );
  }
  const own = Object.fromEntries(
    Object.entries(profile).filter(([, v]) => v !== undefined),
  ) as ServerLayer;
  const ownServer = own.server !== undefined;
  const ownTrust = ownServer || ['fingerprint', 'ca', 'insecure'].some((k) => k in own);
  return {
    ...file,
    ...(ownTrust ? { fingerprint: undefined, ca: undefined, insecure: undefined } : {}),
    ...(ownServer
      ? { user: undefined, realm: undefined, token: undefined, tokenSecret: undefined }
      : {}),
    ...(own.token !== undefined ? { tokenSecret: undefined } : {}),
    ...own,
    defaults: { ...file.defaults, ...own.defaults },
    presets: { ...file.presets, ...own.presets },
  };
}

export function resolveSettings(flags: Flags, env: Record<string, string | undefined>): Settings {
  const configFile = flags.config ?? defaultConfigPath(env);
  const pick = <T>(...values: (T | undefined)[]) => values.find((v) => v !== undefined && v !== '');
  const config = readConfigFile(configFile, flags.config !== undefined);
  const profile = pick(flags.profile, env.PVEVM_PROFILE, config.profile);
  const file = withProfile(config, profile, configFile);
  const presetName = pick(flags.preset, env.PVEVM_PRESET, file.preset);
  let preset: Settings['preset'];
  if (presetName !== undefined) {
    const presets = file.presets ?? {};
    const spec = Object.hasOwn(presets, presetName) ? presets[presetName] : undefined;
    if (spec === undefined) {
      const where = profile === undefined ? '' : ` (profile ${profile})`;
      throw new SettingsError(
        `Unknown preset "${presetName}"; presets in config file ${configFile}${where}: ${known(Object.keys(presets))}`,
      );
    }
    preset = { name: presetName, spec };
  }
  const token = pick(flags.token, env.PVEVM_TOKEN, file.token);
  // Never echoed: a token pasted as `user@realm!id=secret` carries the secret.
  if (token !== undefined && !TOKEN.test(token))
    throw new SettingsError(
      '--token must look like user@realm!tokenid; the secret goes in PVEVM_TOKEN_SECRET or the config file, never on the command line',
    );
  const trustFlags = [flags.fingerprint, flags.ca, flags.insecure ? 'x' : undefined].filter(
    Boolean,
  );
  if (trustFlags.length > 1)
    throw new SettingsError('Use only one of --fingerprint, --ca and --insecure');
  const tls: TlsSettings =
    trustFlags.length === 1
      ? { fingerprint: flags.fingerprint, ca: flags.ca, insecure: flags.insecure }
      : { fingerprint: file.fingerprint, ca: file.ca, insecure: file.insecure };
  return {
    server: pick(flags.server, env.PVEVM_SERVER, file.server),
    user: pick(flags.user, env.PVEVM_USER, file.user),
    realm: pick(flags.realm, file.realm),
    token,
    tokenSecret: pick(env.PVEVM_TOKEN_SECRET, file.tokenSecret),
    tls: Object.fromEntries(Object.entries(tls).filter(([, v]) => v !== undefined)) as TlsSettings,
    defaults: file.defaults ?? {},
    preset,
    profile,
    demo: flags.demo ?? false,
    configFile,
    theme: pick<ThemeChoice>(flags.theme, config.theme as ThemeChoice | undefined) ?? 'auto',
    ...(config.maxAnswerMiB !== undefined
      ? { maxAnswerBytes: config.maxAnswerMiB * 1024 * 1024 }
      : {}),
  };
}

/**
 * Drop the token secret from the process environment once it was read, so no child process
 * (an editor, a pager, a shell a user opens later) can inherit it.
 */
export function forgetSecretEnv(env: Record<string, string | undefined>): void {
  delete env.PVEVM_TOKEN_SECRET;
}
