/**
 * What pvevm starts with: command-line flags beat environment variables beat the config file
 * beat built-in defaults. The config file (lib/config-file.ts) is checked field by field; a
 * broken one is refused with the file's name and the problem. Secrets never come from the
 * command line. A server profile of the file overrides the file's top level; a preset replaces
 * the built-in defaults of the VM's answers.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ThemeChoice } from './theme-choice';
import {
  readConfigFile,
  SettingsError,
  TOKEN,
  type ConfigFile,
  type ServerLayer,
} from './config-file';

export { SettingsError } from './config-file';

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

export function defaultConfigPath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'pvevm', 'config.json');
}

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
