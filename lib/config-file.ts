/**
 * The config file: its schema, checked field by field (presets like specs), and reading it —
 * bounded, with the file's name and every problem in a refusal, and refused when it holds a
 * token secret others can read.
 */
import { existsSync, statSync } from 'node:fs';
import { readSmallFile, SmallFileError } from './bounded-read';
import type { ConfigFile } from './config-schema';
import { isObject } from './model/json';

export type { ConfigFile, ServerLayer } from './config-schema';
export { TOKEN } from './config-values';

export class SettingsError extends Error {}

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
  // The schema (and yup with it) only when there is a file to check.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schema = require('./config-schema') as typeof import('./config-schema');
  let config: ConfigFile;
  try {
    config = schema.configSchema.validateSync(data, { abortEarly: false });
  } catch (err) {
    const problems = err instanceof schema.ValidationError ? err.errors.join('; ') : String(err);
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
