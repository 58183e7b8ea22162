/**
 * What pvevm starts with: command-line flags beat environment variables beat the config file
 * beat built-in defaults. The config file is checked field by field; a broken one is refused
 * with the file's name and the problem. Secrets never come from the command line.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as yup from 'yup';

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
  demo: boolean;
  configFile: string;
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
}

export class SettingsError extends Error {}

const TOKEN = /^[^@!\s]+@[A-Za-z][A-Za-z0-9.\-_]+![A-Za-z][A-Za-z0-9.\-_]+$/;

const configSchema = yup
  .object({
    server: yup.string().optional(),
    user: yup.string().optional(),
    realm: yup.string().optional(),
    token: yup.string().optional().matches(TOKEN, 'token must look like user@realm!tokenid'),
    tokenSecret: yup.string().optional(),
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
      .noUnknown(({ unknown }) => `defaults has unknown keys: ${unknown}`)
      .default(undefined)
      .optional(),
  })
  .noUnknown(({ unknown }) => `unknown keys: ${unknown}`)
  .strict();

type ConfigFile = yup.InferType<typeof configSchema>;

export function defaultConfigPath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'pvevm', 'config.json');
}

export function readConfigFile(path: string, required: boolean): ConfigFile {
  if (!existsSync(path)) {
    if (required) throw new SettingsError(`Config file ${path} does not exist`);
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new SettingsError(`Config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  let config: ConfigFile;
  try {
    config = configSchema.validateSync(data, { abortEarly: false });
  } catch (err) {
    const problems = err instanceof yup.ValidationError ? err.errors.join('; ') : String(err);
    throw new SettingsError(`Config file ${path}: ${problems}`);
  }
  const mode = statSync(path).mode & 0o777;
  if (config.tokenSecret !== undefined && (mode & 0o077) !== 0) {
    throw new SettingsError(
      `Config file ${path} holds a token secret but others can read it (mode ${mode.toString(8)}): run chmod 600 ${path}`,
    );
  }
  return config;
}

export function resolveSettings(flags: Flags, env: Record<string, string | undefined>): Settings {
  const configFile = flags.config ?? defaultConfigPath(env);
  const file = readConfigFile(configFile, flags.config !== undefined);
  const pick = <T>(...values: (T | undefined)[]) => values.find((v) => v !== undefined && v !== '');
  const token = pick(flags.token, env.PVEVM_TOKEN, file.token);
  if (token !== undefined && !TOKEN.test(token))
    throw new SettingsError(`--token must look like user@realm!tokenid (got "${token}")`);
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
    demo: flags.demo ?? false,
    configFile,
  };
}

/**
 * Drop the token secret from the process environment once it was read, so no child process
 * (an editor, a pager, a shell a user opens later) can inherit it.
 */
export function forgetSecretEnv(env: Record<string, string | undefined>): void {
  delete env.PVEVM_TOKEN_SECRET;
}
