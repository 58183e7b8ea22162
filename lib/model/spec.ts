/**
 * VM specs: the wizard's answers as a human-editable, versioned JSON document (README "Specs").
 * A spec has the configuration's sections with the same field names; every section and field
 * is optional and falls back to the defaults (and the preset) it is applied to. Numbers may be
 * written as numbers or strings. Parsing checks the shape and names every problem by its path;
 * the values themselves are checked by the same step schemas as the wizard's. Pure.
 */
import {
  defaultConfig,
  defaultDisk,
  MAX_NICS,
  type DiskSettings,
  type NetworkSettings,
  type NicSettings,
  type VmConfig,
} from './config';
import { cdSlots, nextFreeIndex, updateSection } from './derive';
import { nicOf, usedNics } from './nics';
import type { DiskBus } from './options';
import { markTouched, OS_DEFAULT_FIELDS, osDefaults } from './os-defaults';

export const SPEC_VERSION = 1;

/** Fields kept as typed text in the configuration that a spec may write as numbers. */
const NUMERIC = new Set([
  'general.vmid',
  'general.startupOrder',
  'general.startupDelay',
  'general.shutdownTimeout',
  'disks.size',
  'disks.mbpsRd',
  'disks.mbpsRdMax',
  'disks.mbpsWr',
  'disks.mbpsWrMax',
  'disks.iopsRd',
  'disks.iopsRdMax',
  'disks.iopsWr',
  'disks.iopsWrMax',
  'cpu.cores',
  'cpu.sockets',
  'cpu.vcpus',
  'cpu.cpulimit',
  'cpu.cpuunits',
  'memory.memory',
  'memory.minMemory',
  'memory.shares',
  'network.vlan',
  'network.mtu',
  'network.rate',
  'network.queues',
  'nic.vlan',
  'nic.mtu',
  'nic.rate',
  'nic.queues',
]);

/** Bookkeeping of the form, not answers: never in a spec. */
const INTERNAL = new Set([
  'memory.minMemoryEdited',
  'disks.indexText',
  'network.extraNics',
  'os.arch',
  'os.touched',
]);

type Section = Exclude<keyof VmConfig, 'disks'>;
const SECTIONS: Section[] = ['general', 'os', 'system', 'cpu', 'memory', 'network', 'confirm'];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type VmSpec = { version: number } & Record<string, JsonValue>;

/** What a spec (or a preset) could not say, by path: `general.vmid: must be a number`. */
export class SpecError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'SpecError';
  }
}

/** A list entry's fields: a disk's, or one network device's (`nic`). */
type Part = Section | 'disks' | 'nic';

function fieldsOf(section: Part): Record<string, unknown> {
  const defaults = defaultConfig();
  if (section === 'nic') return nicOf(defaults.network) as unknown as Record<string, unknown>;
  return section === 'disks'
    ? (defaultDisk('scsi', 0, '') as unknown as Record<string, unknown>)
    : (defaults[section] as unknown as Record<string, unknown>);
}

function specValue(path: string, value: unknown): JsonValue {
  if (NUMERIC.has(path) && typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) {
    return Number(value);
  }
  return value as JsonValue;
}

function sectionSpec(section: Part, values: object): Record<string, JsonValue> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([key]) => !INTERNAL.has(`${section}.${key}`))
      .map(([key, value]) => [key, specValue(`${section}.${key}`, value)]),
  );
}

/** The whole configuration as a spec (every answer written out, numbers as numbers). */
export function specFromConfig(config: VmConfig): VmSpec {
  const spec: VmSpec = { version: SPEC_VERSION };
  for (const section of SECTIONS) spec[section] = sectionSpec(section, config[section]);
  // A minimum that only followed the memory is not an answer: it follows again when read.
  if (!config.memory.minMemoryEdited) delete (spec.memory as Record<string, JsonValue>).minMemory;
  spec.disks = config.disks.map((d) => sectionSpec('disks', d));
  // The network devices as a list, net0 first; an empty list is no network device.
  spec.network = usedNics(config.network).map((n) => sectionSpec('nic', n));
  // What only followed the OS defaults is not an answer either: it follows again when read.
  for (const path of OS_DEFAULT_FIELDS) {
    if (config.os.touched.includes(path)) continue;
    const [section, key] = path.split('.') as [string, string];
    // Disks and network devices are lists: the defaults are the first one's.
    const part = spec[section];
    const values = Array.isArray(part) ? part[0] : part;
    if (values && typeof values === 'object') delete (values as Record<string, JsonValue>)[key];
  }
  // Reading the spec back gives the same order of sections as the wizard's steps.
  const { version, general, os, system, disks, cpu, memory, network, confirm } = spec;
  return { version, general, os, system, disks, cpu, memory, network, confirm } as VmSpec;
}

const kindOf = (value: unknown) =>
  Array.isArray(value) ? 'list' : typeof value === 'boolean' ? 'boolean' : typeof value;

/** Check one section's fields against the configuration's, returning its values as typed text. */
function readSection(
  section: Part,
  data: unknown,
  where: string,
  problems: string[],
): Record<string, unknown> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push(`${where}: must be an object`);
    return {};
  }
  const known = fieldsOf(section);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const path = `${where}.${key}`;
    if (!Object.hasOwn(known, key) || INTERNAL.has(`${section}.${key}`)) {
      problems.push(`${path}: unknown key`);
      continue;
    }
    const expected = kindOf(known[key]);
    const numeric = NUMERIC.has(`${section}.${key}`);
    if (numeric && (typeof value === 'number' || typeof value === 'string')) {
      out[key] = String(value);
    } else if (key === 'index' && section === 'disks') {
      if (typeof value === 'number' && Number.isInteger(value)) out[key] = value;
      else problems.push(`${path}: must be a whole number`);
    } else if (expected === 'list') {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[key] = value;
      else problems.push(`${path}: must be a list of strings`);
    } else if (kindOf(value) === expected) {
      out[key] = value;
    } else {
      problems.push(`${path}: must be ${numeric ? 'a number' : `a ${expected}`}`);
    }
  }
  return out;
}

/** Disks replace the base's; one without an index gets the bus's next free one. */
function readDisks(data: unknown, config: VmConfig, problems: string[]): DiskSettings[] {
  if (!Array.isArray(data)) {
    problems.push('disks: must be a list (empty for no disk)');
    return config.disks;
  }
  const storage = config.disks[0]?.storage ?? config.system.efiStorage;
  const disks: DiskSettings[] = [];
  data.forEach((item, i) => {
    const values = readSection('disks', item, `disks[${i}]`, problems);
    // The first disk's bus follows the OS (as the wizard's first disk does) unless given.
    const osBus = i === 0 ? osDefaults(config.os.osVersion, config.os.arch).busType : 'scsi';
    const bus = (typeof values.bus === 'string' ? values.bus : osBus) as DiskBus;
    const index =
      typeof values.index === 'number' ? values.index : nextFreeIndex(disks, bus, cdSlots(config));
    if (index === undefined) problems.push(`disks[${i}]: no free index left on ${bus}`);
    else disks.push({ ...defaultDisk(bus, index, storage), ...values, bus, index } as DiskSettings);
  });
  return disks;
}

/**
 * The network devices as a list (the form specs are written in; the older form, one object with
 * `noNetwork`, is read as a section). They replace the base's; an empty list is no network device
 * (the base's devices stay as they were, unused). A device's missing fields are a new device's.
 */
function readNics(data: unknown[], config: VmConfig, problems: string[]): NetworkSettings {
  if (data.length === 0) return { ...config.network, noNetwork: true };
  if (data.length > MAX_NICS) problems.push(`network: at most ${MAX_NICS} network devices`);
  // A new device's values: the base's bridge and model (the site's, the OS type's), the rest default.
  const { bridge, model } = config.network;
  const base = { ...nicOf(defaultConfig().network), bridge, model };
  const nics = data.slice(0, MAX_NICS).map((item, i) => ({
    ...base,
    ...(readSection('nic', item, `network[${i}]`, problems) as Partial<NicSettings>),
  }));
  return { ...config.network, ...nics[0]!, noNetwork: false, extraNics: nics.slice(1) };
}

/**
 * Read a spec (or a preset, which is a partial spec) over `base`: the configuration with every
 * readable answer applied, and every shape problem by its path (the values are the step
 * schemas' to judge).
 */
export function readSpec(
  base: VmConfig,
  data: unknown,
  options: { preset?: boolean } = {},
): { config: VmConfig; problems: string[] } {
  const problems: string[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { config: structuredClone(base), problems: ['the spec must be a JSON object'] };
  }
  const spec = data as Record<string, unknown>;
  if (!options.preset && spec.version !== SPEC_VERSION) {
    problems.push(
      spec.version === undefined
        ? `version: missing (this pvevm reads version ${SPEC_VERSION})`
        : `version: ${JSON.stringify(spec.version)} is not supported (this pvevm reads version ${SPEC_VERSION})`,
    );
  }
  let config: VmConfig = structuredClone(base);
  for (const [key, value] of Object.entries(spec)) {
    if ((key === 'version' && !options.preset) || key === 'disks') continue;
    if (key === 'network' && Array.isArray(value)) {
      config = { ...config, network: readNics(value, config, problems) };
      // net0's model given in the spec is an answer: the OS type no longer sets it.
      const first: unknown = value[0];
      if (first && typeof first === 'object' && Object.hasOwn(first, 'model'))
        config = markTouched(config, ['network.model']);
      continue;
    }
    if ((SECTIONS as string[]).includes(key)) {
      const section = key as Section;
      const values = readSection(section, value, section, problems);
      // Derived values follow as in the wizard (minimum memory tracks memory unless given).
      config = updateSection(config, section, values as Partial<VmConfig[typeof section]>);
    } else {
      problems.push(`${key}: unknown key`);
    }
  }
  // After the other sections: where disks may go depends on the OS step's CD drive.
  if (Object.hasOwn(spec, 'disks')) {
    config.disks = readDisks(spec.disks, config, problems);
    const first: unknown = Array.isArray(spec.disks) ? spec.disks[0] : undefined;
    if (first && typeof first === 'object' && Object.hasOwn(first, 'bus'))
      config = markTouched(config, ['disks.bus']);
  }
  return { config, problems };
}

/**
 * Apply a spec (or a preset) to `base`. Throws `SpecError` naming every shape problem; the
 * values are checked afterwards by the step schemas.
 */
export function applySpec(
  base: VmConfig,
  data: unknown,
  options: { preset?: boolean } = {},
): VmConfig {
  const { config, problems } = readSpec(base, data, options);
  if (problems.length > 0) throw new SpecError(problems);
  return config;
}
