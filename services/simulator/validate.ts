/**
 * Checks request parameters against the derived API schema the way Proxmox VE's JSONSchema
 * does, with its error texts: unknown and missing properties, types (booleans only `0`/`1` at
 * the top level), ranges, lengths, enums, patterns, named formats and property strings.
 */
import { cpusetProblem, vmCpuConfProblem } from './cpu-format';

export interface ParamSpec {
  type?: 'string' | 'integer' | 'number' | 'boolean';
  optional?: number;
  enum?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  format?: string | Record<string, ParamSpec>;
  requires?: string;
  /** `scsi[n]` parameters: the highest n. */
  maxIndex?: number;
  /** Property-string keys. */
  default_key?: number;
  alias?: string;
  keyAlias?: string;
}

export type EndpointSchema = Record<string, ParamSpec>;
export type FieldErrors = Record<string, string>;

const DNS_LABEL = '[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?';

/** Named formats the endpoints pvevm uses rely on; a format not listed here is not checked. */
const NAMED_FORMATS: Record<string, (value: string) => string | undefined> = {
  'dns-name': (v) =>
    new RegExp(`^(${DNS_LABEL}\\.)*${DNS_LABEL}$`).test(v) && v.length <= 255
      ? undefined
      : 'value does not look like a valid DNS name',
  'pve-vmid': (v) =>
    /^[1-9][0-9]{2,8}$/.test(v) ? undefined : 'value does not look like a valid VM ID',
  'pve-node': (v) =>
    new RegExp(`^${DNS_LABEL}$`).test(v) ? undefined : 'value does not look like a valid node name',
  'pve-poolid': (v) =>
    /^[A-Za-z0-9.\-_]+(\/[A-Za-z0-9.\-_]+){0,2}$/.test(v)
      ? undefined
      : `pool name '${v}' contains invalid characters`,
  'pve-storage-id': (v) =>
    /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(v)
      ? undefined
      : `storage ID '${v}' contains illegal characters`,
  'pve-realm': (v) =>
    /^[A-Za-z][A-Za-z0-9.\-_]+$/.test(v) ? undefined : 'value does not look like a valid realm',
  'pve-tag-list': (v) => {
    const bad = v.split(/[;,\s]+/).find((t) => t !== '' && !/^[a-z0-9_][a-z0-9_\-+.]*$/i.test(t));
    return bad === undefined ? undefined : `invalid tag '${bad}'`;
  },
  'pve-startup-order': (v) =>
    /^((order=)?\d+)?(,?up=\d+)?(,?down=\d+)?$/.test(v) && v !== ''
      ? undefined
      : 'value does not look like a valid startup order',
  'pve-bridge-id': (v) => (/^[-_.\w\d]+$/.test(v) ? undefined : `invalid bridge ID '${v}'`),
  'mac-addr': (v) =>
    /^[a-f0-9][02468ace](:[a-f0-9]{2}){5}$/i.test(v)
      ? undefined
      : `value does not look like a valid unicast MAC address`,
  'disk-size': (v) =>
    /^\d+(\.\d+)?[KMGT]?$/.test(v) ? undefined : 'value does not look like a valid disk size',
  'pve-ha-resource-or-vm-id': (v) =>
    /^((vm|ct):)?[1-9][0-9]{2,8}$/.test(v)
      ? undefined
      : 'value does not look like a valid ha resource id',
};

/** Where a drive's volume may be: `storage:size` for a new disk, an existing volume, `none`, `cdrom`. */
const VOLUME = /^(none|cdrom|([^/:\s]+:)?\d+(\.\d+)?|[a-z][a-z0-9\-_.]*[a-z0-9]:.+|\/.+)$/i;
NAMED_FORMATS['pve-volume-id-or-qm-path'] = (v) =>
  VOLUME.test(v) ? undefined : `unable to parse volume ID '${v}'`;

NAMED_FORMATS['pve-vm-cpu-conf'] = vmCpuConfProblem;
NAMED_FORMATS['pve-cpuset'] = cpusetProblem;

/** The schema entry of a parameter name, resolving `scsi12` to `scsi[n]`. */
export function specFor(schema: EndpointSchema, name: string): ParamSpec | undefined {
  const direct = schema[name];
  if (direct) return direct;
  const m = /^([a-z]+)(\d+)$/.exec(name);
  if (!m) return undefined;
  const indexed = schema[`${m[1]}[n]`];
  return indexed && indexed.maxIndex !== undefined && Number(m[2]) <= indexed.maxIndex
    ? indexed
    : undefined;
}

function checkScalar(spec: ParamSpec, value: string, lenientBoolean: boolean): string[] {
  const errors: string[] = [];
  switch (spec.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value)) return [`type check ('integer') failed - got '${value}'`];
      break;
    case 'number':
      if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value))
        return [`type check ('number') failed - got '${value}'`];
      break;
    case 'boolean': {
      const ok = lenientBoolean
        ? /^(0|1|on|off|yes|no|true|false)$/i.test(value)
        : /^[01]$/.test(value);
      if (!ok) return [`type check ('boolean') failed - got '${value}'`];
      break;
    }
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    const n = Number(value);
    if (spec.minimum !== undefined && n < spec.minimum)
      errors.push(`value must have a minimum value of ${spec.minimum}`);
    if (spec.maximum !== undefined && n > spec.maximum)
      errors.push(`value must have a maximum value of ${spec.maximum}`);
  }
  if (spec.maxLength !== undefined && value.length > spec.maxLength) {
    errors.push(`value may only be ${spec.maxLength} characters long`);
  }
  if (spec.minLength !== undefined && value.length < spec.minLength) {
    errors.push(`value must be at least ${spec.minLength} characters long`);
  }
  if (spec.enum && !spec.enum.includes(value)) {
    errors.push(
      `value '${value}' does not have a value in the enumeration '${spec.enum.join(', ')}'`,
    );
  }
  // Perl's `(?^:…)` (a group with default flags, as qr// stringifies) is `(?:…)` here. A
  // `(?^i:…)` group (PVE's tag names) makes the whole pattern case-insensitive: exact for the
  // schema's patterns, whose other parts allow both cases anyway (hex digits `[0-9a-fA-F]`).
  const caseless = spec.pattern?.includes('(?^i:') ?? false;
  const pattern = spec.pattern?.replace(/\(\?\^i?:/g, '(?:');
  if (pattern && !new RegExp(`^(?:${pattern})$`, caseless ? 'i' : '').test(value)) {
    errors.push('value does not match the regex pattern');
  }
  if (typeof spec.format === 'string') {
    const problem = NAMED_FORMATS[spec.format]?.(value);
    if (problem) errors.push(`invalid format - ${problem}`);
  }
  return errors;
}

/** Split `a=1,b=2` (or `value,b=2` with a default key) into pairs; `=` may appear in values. */
export function parsePropertyString(
  text: string,
  format: Record<string, ParamSpec>,
): { values: Record<string, string>; errors: FieldErrors } {
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  const defaultKey = Object.keys(format).find((k) => format[k]!.default_key);
  for (const part of text.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key = eq < 0 ? undefined : part.slice(0, eq);
    const value = eq < 0 ? part : part.slice(eq + 1);
    if (key === undefined) {
      if (!defaultKey) {
        errors[part] = `value without key, but schema does not define a default key`;
        continue;
      }
      // A key-alias key (`virtio` in `virtio=MAC`) names the default key's value.
      const aliased = Object.entries(format).find(([k, s]) => s.keyAlias && k === part);
      if (aliased) {
        values[aliased[1].keyAlias!] = part;
        continue;
      }
      key = defaultKey;
    }
    const spec = format[key];
    if (!spec) {
      errors[key] =
        'property is not defined in schema and the schema does not allow additional properties';
      continue;
    }
    if (spec.keyAlias) {
      values[spec.keyAlias] = key;
      key = spec.alias!;
    } else if (spec.alias) {
      key = spec.alias;
    }
    if (key in values) {
      errors[key] = 'duplicate key in comma-separated list property';
      continue;
    }
    values[key] = value;
  }
  return { values, errors };
}

function checkPropertyString(
  name: string,
  text: string,
  format: Record<string, ParamSpec>,
): string[] {
  const { values, errors } = parsePropertyString(text, format);
  for (const [key, value] of Object.entries(values)) {
    if (key in errors) continue;
    const spec = format[key];
    if (!spec) continue;
    const problems = checkScalar(spec, value, true);
    if (problems.length > 0) errors[key] = problems.join('\\n');
  }
  for (const [key, spec] of Object.entries(format)) {
    if (!spec.optional && !spec.alias && !spec.keyAlias && !(key in values) && !(key in errors)) {
      errors[key] = 'property is missing and it is not optional';
    }
  }
  const lines = Object.entries(errors).map(([k, e]) => `${name}.${k}: ${e}`);
  return lines.length > 0 ? [`invalid format - format error\n${lines.join('\n')}`] : [];
}

/** Check `params` against one endpoint's schema; path parameters count as given. */
export function validateParams(
  schema: EndpointSchema,
  params: Record<string, string>,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, value] of Object.entries(params)) {
    const spec = specFor(schema, name);
    if (!spec) {
      errors[name] =
        'property is not defined in schema and the schema does not allow additional properties';
      continue;
    }
    const problems =
      spec.format && typeof spec.format === 'object'
        ? checkPropertyString(name, value, spec.format)
        : checkScalar(spec, value, false);
    if (problems.length > 0) errors[name] = problems.join('\\n');
  }
  for (const [name, spec] of Object.entries(schema)) {
    if (spec.maxIndex !== undefined) continue;
    if (!spec.optional && !(name in params))
      errors[name] = 'property is missing and it is not optional';
    if (spec.requires && name in params && !(spec.requires in params)) {
      errors[spec.requires] = `missing property required by '${name}'`;
    }
  }
  return errors;
}
