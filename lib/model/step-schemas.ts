/**
 * One yup schema per wizard step. Values are the texts the user typed; the schemas decide
 * validity and give the message shown at the field. Pure: no terminal, no network. Built when
 * first used (schemas.ts `schemaFor`), not while pvevm starts.
 */
import * as yup from 'yup';
import { efiDiskUsed, minMemoryApplies, MTU_NEEDS_VIRTIO, mtuAllowed } from './availability';
import { MAX_NICS, type NicSettings, type OsSettings } from './config';
import { virtioDriversDrive } from './os-defaults';
import { archTest, machineVersionSchema, viommuSchema } from './schema-fields';
import { disksSchema } from './disk-schema';
import { choiceValues, OS_VERSIONS, type BiosType, type OsType } from './options';
import {
  BRIDGE,
  DNS_NAME,
  DNS_NAME_TOO_LONG,
  dnsNameTooLong,
  MEMORY_MAX_MIB,
  MEMORY_MIN_MIB,
  parseDecimal,
  parseInteger,
  POOL_ID,
  TAG,
  UNICAST_MAC,
  VMID_MAX,
  VMID_MIN,
} from './rules';
import { intText, requiredChoice } from './schema-fields';
import { BALLOON_ZERO, cpuAdvancedFields } from './cpu-schema';
import type { ValidatedSection } from './sections';

export { ValidationError } from 'yup';

export const generalSchema = yup.object({
  node: requiredChoice('a node'),
  vmid: yup
    .string()
    .defined()
    .required('VM ID is required')
    .test('vmid', `VM ID must be a whole number between ${VMID_MIN} and ${VMID_MAX}`, (v) => {
      const n = parseInteger(v);
      return n !== undefined && n >= VMID_MIN && n <= VMID_MAX && !/^0/.test(v.trim());
    }),
  name: yup
    .string()
    .defined()
    .test('length', DNS_NAME_TOO_LONG, (v) => !dnsNameTooLong(v))
    .test(
      'dns',
      'Name must be a DNS name: letters, digits and inner hyphens, labels joined by dots',
      (v) => v === '' || DNS_NAME.test(v),
    ),
  pool: yup
    .string()
    .defined()
    .test('pool', 'Pool ids use letters, digits and . - _', (v) => v === '' || POOL_ID.test(v)),
  tags: yup
    .array(yup.string().defined().matches(TAG, 'Tag "${value}" has characters tags cannot use'))
    .defined()
    .test('unique', 'Each tag may appear once', (tags) => new Set(tags).size === tags.length),
  ha: yup.boolean().defined(),
  onboot: yup.boolean().defined(),
  startupOrder: intText('Start/shutdown order', { min: 0 }),
  startupDelay: intText('Startup delay', { min: 0 }),
  shutdownTimeout: intText('Shutdown timeout', { min: 0 }),
});

export const osSchema = yup.object({
  media: yup.string().defined().oneOf(choiceValues.media),
  isoStorage: yup
    .string()
    .defined()
    .when('media', {
      is: 'iso',
      then: (s) => s.required('Choose the storage that holds the ISO image'),
    }),
  iso: yup
    .string()
    .defined()
    .when('media', { is: 'iso', then: (s) => s.required('Choose an ISO image') }),
  osType: yup
    .string()
    .defined()
    .oneOf(choiceValues.osTypes, 'Choose a guest OS type')
    .test(archTest('osType')),
  osVersion: yup
    .string()
    .defined()
    .test('version', 'Choose a version of the guest OS', function (v) {
      const versions = OS_VERSIONS[this.parent.osType as OsType] ?? [];
      return versions.some((c) => c.value === v);
    }),
  virtioDrivers: yup.boolean().defined(),
  virtioIso: yup
    .string()
    .defined()
    .test('virtio-iso', 'Choose the VirtIO drivers ISO image', function (v) {
      return !virtioDriversDrive(this.parent as OsSettings) || v !== '';
    }),
});

export const systemSchema = yup.object({
  vga: yup.string().defined().oneOf(choiceValues.vga),
  machine: yup.string().defined().oneOf(choiceValues.machine).test(archTest('machine')),
  machineVersion: machineVersionSchema(),
  viommu: viommuSchema(),
  bios: yup.string().defined().oneOf(choiceValues.bios).test(archTest('bios')),
  efiDisk: yup.boolean().defined(),
  efiStorage: yup
    .string()
    .defined()
    .when(['bios', 'efiDisk'], {
      is: (bios: BiosType, efiDisk: boolean) => efiDiskUsed({ bios, efiDisk }),
      then: (s) => s.required('Choose a storage for the EFI disk'),
    }),
  preEnrolledKeys: yup.boolean().defined(),
  scsihw: yup.string().defined().oneOf(choiceValues.scsihw).test(archTest('scsihw')),
  agent: yup.boolean().defined(),
  tpm: yup.boolean().defined(),
  tpmStorage: yup
    .string()
    .defined()
    .when('tpm', { is: true, then: (s) => s.required('Choose a storage for the TPM state') }),
  tpmVersion: yup.string().defined().oneOf(choiceValues.tpmVersions),
});

export const cpuSchema = yup.object({
  cores: intText('Cores', { min: 1, max: 256, required: true }),
  sockets: intText('Sockets', { min: 1, max: 256, required: true }),
  type: requiredChoice('a CPU type'),
  ...cpuAdvancedFields,
});

export const memorySchema = yup.object({
  memory: intText('Memory', { min: MEMORY_MIN_MIB, max: MEMORY_MAX_MIB, required: true }),
  minMemory: yup
    .string()
    .defined()
    .when('ballooning', {
      is: (ballooning: boolean) => minMemoryApplies({ ballooning }),
      then: () =>
        intText('Minimum memory', { min: 0, required: true })
          .test('not-zero', BALLOON_ZERO, (v) => parseInteger(v) !== 0)
          .test('le-memory', 'Minimum memory must not exceed Memory', function (v) {
            const memory = parseInteger(this.parent.memory as string);
            const min = parseInteger(v);
            return memory === undefined || min === undefined || min <= memory;
          }),
    }),
  minMemoryEdited: yup.boolean().defined(),
  ballooning: yup.boolean().defined(),
  allowKsm: yup.boolean().defined(),
  shares: yup
    .string()
    .defined()
    .when('ballooning', {
      is: (ballooning: boolean) => minMemoryApplies({ ballooning }),
      then: () => intText('Shares', { min: 0, max: 50000 }),
    }),
});

const whenNetwork = <T extends yup.Schema>(schema: T) =>
  yup.mixed().when('noNetwork', { is: false, then: () => schema });

/** One network device's checks (net0's at the section's own fields, net1… in `extraNics`). */
const nicShape = {
  bridge: yup
    .string()
    .defined()
    .required('Choose a bridge')
    .matches(BRIDGE, 'Bridge names use letters, digits and - _ .'),
  vlan: intText('VLAN tag', { min: 1, max: 4094 }),
  model: yup.string().defined().oneOf(choiceValues.nicModels),
  mac: yup
    .string()
    .defined()
    .test(
      'mac',
      'MAC address must be a unicast address like BC:24:11:12:34:56 (or empty for auto)',
      (v) => v === '' || UNICAST_MAC.test(v),
    ),
  firewall: yup.boolean().defined(),
  disconnected: yup.boolean().defined(),
  mtu: yup
    .string()
    .defined()
    .test('mtu', 'MTU must be 1 (use the bridge MTU) or between 576 and 65520', (v) => {
      if (v.trim() === '') return true;
      const n = parseInteger(v);
      return n === 1 || (n !== undefined && n >= 576 && n <= 65520);
    })
    .test('mtu-model', MTU_NEEDS_VIRTIO, function (v) {
      return v.trim() === '' || mtuAllowed(this.parent as NicSettings);
    }),
  rate: yup
    .string()
    .defined()
    .test('rate', 'Rate limit must be a number between 0 and 10240 MB/s', (v) => {
      if (v.trim() === '') return true;
      const n = parseDecimal(v);
      return n !== undefined && n <= 10240;
    }),
  queues: intText('Multiqueue', { min: 1, max: 64 }),
};

const always = new Set(['model', 'firewall', 'disconnected']);

export const networkSchema = yup.object({
  noNetwork: yup.boolean().defined(),
  ...(Object.fromEntries(
    Object.entries(nicShape).map(([k, v]) => [k, always.has(k) ? v : whenNetwork(v)]),
  ) as typeof nicShape),
  extraNics: whenNetwork(
    yup
      .array()
      .defined()
      .max(MAX_NICS - 1, `At most ${MAX_NICS} network devices (net0-net${MAX_NICS - 1})`)
      .of(yup.object(nicShape)),
  ),
});

/** The step schemas by section: Next, specs and the fields' live checks use these. */
export const STEP_SCHEMAS: Record<ValidatedSection, yup.Schema> = {
  general: generalSchema,
  os: osSchema,
  system: systemSchema,
  disks: disksSchema,
  cpu: cpuSchema,
  memory: memorySchema,
  network: networkSchema,
};
