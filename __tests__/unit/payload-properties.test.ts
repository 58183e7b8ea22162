/**
 * Properties of the payload builder: any configuration the step schemas accept gives create
 * parameters the simulator's schema validation accepts (Proxmox VE 8.3 and 9.1), and the
 * property strings it writes (startup, disks, net0, tags) read back as what was configured.
 */
import fc from 'fast-check';
import type { DiskSettings, VmConfig } from '../../lib/model/config';
import {
  BUILTIN_CPU_TYPES,
  BUS_MAX_INDEX,
  choiceValues,
  OS_VERSIONS,
  type OsType,
} from '../../lib/model/options';
import { createParams, type Params } from '../../lib/model/payload';
import { validateConfig } from '../../lib/model/schemas';
import apiSchema from '../../services/simulator/api-schema.json';
import {
  parsePropertyString,
  validateParams,
  type EndpointSchema,
  type ParamSpec,
} from '../../services/simulator/validate';
import { validConfig } from '../support/configs';

const RUNS = 1500;
fc.configureGlobal({ seed: 20260925, numRuns: RUNS });

const schemas = apiSchema as unknown as Record<string, Record<string, EndpointSchema>>;
const VERSIONS = ['8.3', '9.1'] as const;
const createSchema = (version: string) => schemas[version]!['POST /nodes/{node}/qemu']!;

/** Integers in and around [min, max], as a person might type them, or any text at all. */
function numberText(min: number, max: number, decimal = false): fc.Arbitrary<string> {
  const near = fc.integer({ min: min - 3, max: max + 3 }).map(String);
  const padded = fc
    .tuple(fc.constantFrom('', ' ', '0', '00'), fc.integer({ min, max }), fc.constantFrom('', ' '))
    .map(([a, n, b]) => `${a}${n}${b}`);
  const fraction = fc
    .tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: 999 }))
    .map(([n, f]) => `${n}.${f}`);
  const junk = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('1e3', '0x10', '1,5', '-0'));
  return fc.oneof(
    { arbitrary: fc.integer({ min, max }).map(String), weight: 40 },
    { arbitrary: near, weight: 2 },
    { arbitrary: padded, weight: 4 },
    { arbitrary: fraction, weight: decimal ? 8 : 1 },
    { arbitrary: junk, weight: 1 },
  );
}

const optionalNumber = (min: number, max: number, decimal = false) =>
  fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, numberText(min, max, decimal));

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const name = fc.oneof(
  { arbitrary: fc.constant(''), weight: 2 },
  { arbitrary: fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.')), weight: 6 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
  { arbitrary: fc.constantFrom('a'.repeat(63), 'a'.repeat(64), '-a', 'a_b'), weight: 1 },
);
const tag = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-z0-9_][a-z0-9_+.-]{0,8}$/), weight: 40 },
  { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
);
const hex = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: n, maxLength: n });
const mac = fc.oneof(
  { arbitrary: fc.constant(''), weight: 3 },
  {
    arbitrary: fc
      .tuple(
        hex(1),
        fc.constantFrom(...'0123456789abcdef'),
        fc.array(hex(2), { minLength: 5, maxLength: 5 }),
      )
      .map(([a, b, rest]) => [`${a.join('')}${b}`, ...rest.map((o) => o.join(''))].join(':')),
    weight: 6,
  },
  { arbitrary: fc.string({ maxLength: 18 }), weight: 1 },
  { arbitrary: fc.constant('BC:24:11:12:34:56'), weight: 10 },
);
const storage = fc.constantFrom('ceph-pool', 'local-lvm', 'local');
const osChoice = fc.constantFrom(...(Object.keys(OS_VERSIONS) as OsType[])).chain((osType) =>
  fc.record({
    osType: fc.constant(osType),
    osVersion: fc.constantFrom(...OS_VERSIONS[osType].map((c) => c.value)),
  }),
);

const busAndIndex = fc.constantFrom(...choiceValues.buses).chain((bus) =>
  fc.record({
    bus: fc.constant(bus),
    index: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: BUS_MAX_INDEX[bus] }), weight: 20 },
      { arbitrary: fc.integer({ min: 0, max: 31 }), weight: 1 },
    ),
  }),
);
const disk: fc.Arbitrary<DiskSettings> = fc
  .record({
    slot: busAndIndex,
    storage,
    size: numberText(0, 131072, true),
    cache: fc.constantFrom(...choiceValues.cache),
    discard: fc.boolean(),
    iothread: fc.boolean(),
    ssd: fc.boolean(),
    backup: fc.boolean(),
    skipReplication: fc.boolean(),
    aio: fc.constantFrom(...choiceValues.aio),
    readOnly: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, fc.constant(true)),
    mbpsRd: optionalNumber(1, 10000, true),
    iopsWr: optionalNumber(10, 100000),
  })
  .map(
    ({ slot, ...rest }) =>
      ({
        ...slot,
        ...rest,
        ...{ mbpsRdMax: '', mbpsWr: '', mbpsWrMax: '', iopsRd: '', iopsRdMax: '', iopsWrMax: '' },
        source: 'new',
        importFrom: '',
        // A burst with its limit, never below it (QEMU's throttle rule).
        iopsWrMax: rest.iopsWr.trim() ? String(Number(rest.iopsWr) * 2) : '',
      }) as DiskSettings,
  );

/** Configurations built from the valid defaults, every field varied in and around its range. */
const config: fc.Arbitrary<VmConfig> = fc
  .record({
    vmid: numberText(100, 999999999),
    name,
    pool: fc.oneof(
      { arbitrary: fc.constantFrom('', 'prod', 'lab/team-1'), weight: 20 },
      { arbitrary: fc.constant('bad pool'), weight: 1 },
    ),
    tags: fc.uniqueArray(tag, { maxLength: 4 }),
    ha: fc.boolean(),
    onboot: fc.boolean(),
    startupOrder: optionalNumber(0, 1000),
    startupDelay: optionalNumber(0, 3600),
    shutdownTimeout: optionalNumber(0, 3600),
    media: fc.constantFrom(...choiceValues.media),
    os: osChoice,
    vga: fc.constantFrom(...choiceValues.vga),
    machine: fc.constantFrom(...choiceValues.machine),
    bios: fc.constantFrom(...choiceValues.bios),
    efiDisk: fc.boolean(),
    efiStorage: storage,
    preEnrolledKeys: fc.boolean(),
    scsihw: fc.constantFrom(...choiceValues.scsihw),
    agent: fc.boolean(),
    tpm: fc.boolean(),
    tpmStorage: storage,
    tpmVersion: fc.constantFrom(...choiceValues.tpmVersions),
    disks: fc.uniqueArray(disk, { maxLength: 4, selector: (d) => `${d.bus}${d.index}` }),
    cores: numberText(1, 256),
    sockets: numberText(1, 256),
    cpuType: fc.constantFrom(...BUILTIN_CPU_TYPES),
    memory: numberText(16, 4194304),
    minMemory: numberText(0, 65536),
    ballooning: fc.boolean(),
    allowKsm: fc.boolean(),
    noNetwork: fc.boolean(),
    bridge: fc.constantFrom('vmbr0', 'vmbr9', 'vlan.20'),
    vlan: optionalNumber(1, 4094),
    model: fc.constantFrom(...choiceValues.nicModels),
    mac,
    firewall: fc.boolean(),
    disconnected: fc.boolean(),
    mtu: fc.oneof(fc.constantFrom('', '1'), numberText(576, 65520)),
    rate: optionalNumber(0, 10240, true),
    queues: optionalNumber(1, 64),
    start: fc.boolean(),
  })
  .map((v) => {
    const c = validConfig();
    Object.assign(c.general, {
      vmid: v.vmid,
      name: v.name,
      pool: v.pool,
      tags: v.tags,
      ha: v.ha,
      onboot: v.onboot,
      startupOrder: v.startupOrder,
      startupDelay: v.startupDelay,
      shutdownTimeout: v.shutdownTimeout,
    });
    Object.assign(c.os, { media: v.media, ...v.os });
    Object.assign(c.system, {
      vga: v.vga,
      machine: v.machine,
      bios: v.bios,
      efiDisk: v.efiDisk,
      efiStorage: v.efiStorage,
      preEnrolledKeys: v.preEnrolledKeys,
      scsihw: v.scsihw,
      agent: v.agent,
      tpm: v.tpm,
      tpmStorage: v.tpmStorage,
      tpmVersion: v.tpmVersion,
    });
    c.disks = v.disks;
    Object.assign(c.cpu, { cores: v.cores, sockets: v.sockets, type: v.cpuType });
    Object.assign(c.memory, {
      memory: v.memory,
      minMemory: v.minMemory,
      minMemoryEdited: true,
      ballooning: v.ballooning,
      allowKsm: v.allowKsm,
    });
    Object.assign(c.network, {
      noNetwork: v.noNetwork,
      bridge: v.bridge,
      vlan: v.vlan,
      model: v.model,
      mac: v.mac,
      firewall: v.firewall,
      disconnected: v.disconnected,
      mtu: v.mtu,
      rate: v.rate,
      queues: v.queues,
    });
    c.confirm.startAfterCreate = v.start;
    return c;
  });

function paramsFor(c: VmConfig, version: (typeof VERSIONS)[number]): Params {
  const newer = version === '9.1';
  return createParams(c, { haManagedParam: newer, allowKsmParam: newer });
}

function asStrings(params: Params): Record<string, string> {
  const all = { node: 'pve1', ...params };
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, String(v)]));
}

/** A property string read back with the simulator's parser, against the schema's format. */
function readBack(param: string, text: string): Record<string, string> {
  const spec = createSchema('9.1')[param.replace(/\d+$/, '[n]')] as ParamSpec;
  const { values, errors } = parsePropertyString(text, spec.format as Record<string, ParamSpec>);
  expect(errors).toEqual({});
  return values;
}

/** `order=1,up=30` → { order: '1', up: '30' }. */
function readStartup(text: string): Record<string, string> {
  return Object.fromEntries(text.split(',').map((part) => part.split('=') as [string, string]));
}

const defined = (o: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe('the payload builder, for any configuration the schemas accept', () => {
  it.each(VERSIONS)('gives parameters the PVE %s schema accepts', (version) => {
    let accepted = 0;
    fc.assert(
      fc.property(config, (c) => {
        if (validateConfig(c).length > 0) return;
        accepted++;
        expect(validateParams(createSchema(version), asStrings(paramsFor(c, version)))).toEqual({});
      }),
    );
    // The generators must reach valid configurations often enough for the property to bite.
    expect(accepted).toBeGreaterThan(RUNS / 10);
  });

  it('writes property strings that read back as what was configured', () => {
    fc.assert(
      fc.property(config, (c) => {
        if (validateConfig(c).length > 0) return;
        const p = paramsFor(c, '9.1');
        const g = c.general;
        const startup = defined({
          order: g.startupOrder.trim() || undefined,
          up: g.startupDelay.trim() || undefined,
          down: g.shutdownTimeout.trim() || undefined,
        });
        if (Object.keys(startup).length > 0) {
          expect(readStartup(String(p.startup))).toEqual(startup);
        } else expect(p.startup).toBeUndefined();
        expect(p.tags === undefined ? [] : String(p.tags).split(';')).toEqual(g.tags);

        for (const d of c.disks) {
          const values = readBack(`${d.bus}${d.index}`, String(p[`${d.bus}${d.index}`]));
          expect(values.file).toBe(`${d.storage}:${d.size.trim()}`);
          expect(values.format).toBe('raw');
          expect(values.cache).toBe(d.cache === 'default' ? undefined : d.cache);
          expect(values.discard).toBe(d.discard ? 'on' : undefined);
          expect(values.backup).toBe(d.backup ? undefined : '0');
          expect(values.replicate).toBe(d.skipReplication ? '0' : undefined);
          expect(values.aio).toBe(d.aio);
          expect(values.ro).toBe(d.readOnly ? '1' : undefined);
          const limit = (t: string) => (t.trim() ? String(Number(t)) : undefined);
          expect(values.mbps_rd).toBe(limit(d.mbpsRd));
          expect(values.iops_wr).toBe(limit(d.iopsWr));
          expect(values.iops_wr_max).toBe(limit(d.iopsWrMax));
        }
        const drives = Object.keys(p).filter((k) => /^(ide|sata|scsi|virtio)\d+$/.test(k));
        expect(drives).toHaveLength(c.disks.length + 1);

        const n = c.network;
        if (n.noNetwork) {
          expect(p.net0).toBeUndefined();
          return;
        }
        expect(readBack('net0', String(p.net0))).toEqual(
          defined({
            model: n.model,
            macaddr: n.mac ? n.mac.toUpperCase() : undefined,
            bridge: n.bridge,
            tag: n.vlan.trim() || undefined,
            firewall: n.firewall ? '1' : undefined,
            link_down: n.disconnected ? '1' : undefined,
            mtu: n.mtu.trim() || undefined,
            rate: n.rate.trim() || undefined,
            queues: n.queues.trim() || undefined,
          }),
        );
      }),
    );
  });
});
