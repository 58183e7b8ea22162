/**
 * The CPU and Memory steps' advanced options against the web UI (pve-manager
 * www/manager6/qemu/ProcessorEdit.js, MemoryEdit.js, form/VMCPUFlagSelector.js,
 * form/CPUModelSelector.js, Utils.js `cpu_vendor_map/order`) and qemu-server
 * (CPUConfig.pm `supported_cpu_flags`); every parameter string checked by the simulator's
 * schema of 8.3 and 9.1.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultStatePath, fileAdvancedChoice } from '../../lib/advanced-choice';
import { defaultConfig, type CpuSettings } from '../../lib/model/config';
import { cpuModelChoices } from '../../lib/model/cpu-models';
import { CPU_FLAGS, flagSupported, withFlag } from '../../lib/model/cpu-options';
import { issuesFromServer } from '../../lib/model/param-fields';
import { cpuParams, memoryParams } from '../../lib/model/payload';
import { privilegeNeeds } from '../../lib/model/privileges';
import { summary } from '../../lib/model/summary';
import { validateSection } from '../../lib/model/schemas';
import apiSchema from '../../services/simulator/api-schema.json';
import { VM_CPU_FLAGS } from '../../services/simulator/cpu-format';
import { validateParams, type EndpointSchema } from '../../services/simulator/validate';

const schemas = apiSchema as unknown as Record<string, Record<string, EndpointSchema>>;
const VERSIONS = ['8.3', '9.1'] as const;

function accepted(version: '8.3' | '9.1', params: Record<string, string | number>) {
  const strings = Object.fromEntries(
    Object.entries({ node: 'pve1', vmid: 100, ...params }).map(([k, v]) => [k, String(v)]),
  );
  return validateParams(schemas[version]!['POST /nodes/{node}/qemu']!, strings);
}

const cpu = (over: Partial<CpuSettings>): CpuSettings => ({ ...defaultConfig().cpu, ...over });

describe('CPU: parameters as ProcessorEdit.js sends them inside the wizard', () => {
  it('defaults send only cores, sockets and the type', () => {
    expect(cpuParams(cpu({ type: 'host' }))).toEqual({ cores: 2, sockets: 1, cpu: 'host' });
  });

  it('every advanced option set (golden), accepted on 8.3 and 9.1', () => {
    const c = cpu({
      type: 'x86-64-v2-AES',
      cores: '4',
      sockets: '2',
      vcpus: '6',
      cpulimit: '1.5',
      cpuunits: '2048',
      affinity: '0,5,8-11',
      numa: true,
      flags: '+md-clear;-pcid;+aes',
    });
    const p = cpuParams(c);
    expect(p).toEqual({
      cores: 4,
      sockets: 2,
      cpu: 'x86-64-v2-AES,flags=+md-clear;-pcid;+aes',
      vcpus: 6,
      cpulimit: 1.5,
      cpuunits: 2048,
      affinity: '0,5,8-11',
      numa: 1,
    });
    for (const v of VERSIONS) expect(accepted(v, p)).toEqual({});
  });

  it('the defaults are not sent: cpulimit 0, cpuunits 100 (delete_if_default)', () => {
    expect(cpuParams(cpu({ type: 'host', cpulimit: '0', cpuunits: '100' }))).toEqual({
      cores: 2,
      sockets: 1,
      cpu: 'host',
    });
  });

  it('the server refuses what the model refuses', () => {
    for (const v of VERSIONS) {
      expect(accepted(v, { cpu: 'host,flags=+avx' })).toHaveProperty('cpu');
      expect(accepted(v, { affinity: '5-3' })).toHaveProperty('affinity');
      expect(accepted(v, { cpulimit: 129 })).toHaveProperty('cpulimit');
    }
    expect(validateSection(defaultConfig(), 'cpu')).toEqual([]);
    const bad = { ...defaultConfig(), cpu: cpu({ flags: '+avx', affinity: '5-3', vcpus: '3' }) };
    expect(validateSection(bad, 'cpu').map((i) => i.field)).toEqual(['vcpus', 'affinity', 'flags']);
  });
});

describe('CPU flags (VMCPUFlagSelector.js, CPUConfig.pm)', () => {
  it('the list is qemu-server’s, in its order; nested-virt from 9.1', () => {
    expect(CPU_FLAGS.map((f) => f.name)).toEqual(VM_CPU_FLAGS);
    const nested = CPU_FLAGS[0]!;
    expect([flagSupported(nested, '8.3'), flagSupported(nested, '9.1')]).toEqual([false, true]);
    expect(CPU_FLAGS.slice(1).every((f) => flagSupported(f, '8.3'))).toBe(true);
  });

  it('one flag set at a time, written in the list’s order; default removes it', () => {
    let flags = withFlag('', 'aes', '+');
    flags = withFlag(flags, 'pcid', '-');
    expect(flags).toBe('-pcid;+aes');
    expect(withFlag(flags, 'pcid', '=')).toBe('+aes');
    // A flag the list does not know (from a spec) is kept after the known ones.
    expect(withFlag('+foo;+aes', 'pcid', '+')).toBe('+pcid;+aes;+foo');
  });
});

describe('CPU models (CPUModelSelector.js)', () => {
  it('sorted by vendor (AMD, Intel, QEMU, Host, custom), then name; custom without its prefix', () => {
    const models = cpuModelChoices([
      { name: 'kvm64', vendor: 'default', custom: false },
      { name: 'custom-mine', vendor: 'GenuineIntel', custom: true },
      { name: 'host', vendor: 'default', custom: false },
      { name: 'Skylake-Server', vendor: 'GenuineIntel', custom: false },
      { name: 'EPYC', vendor: 'AuthenticAMD', custom: false },
      { name: 'Haswell', vendor: 'GenuineIntel', custom: false },
    ]);
    expect(models.map((m) => `${m.name}/${m.vendor}`)).toEqual([
      'EPYC/AMD',
      'Haswell/Intel',
      'Skylake-Server/Intel',
      'kvm64/QEMU',
      'host/Host',
      'mine/Custom (Intel)',
    ]);
    expect(models.at(-1)!.value).toBe('custom-mine');
  });
});

describe('Memory (MemoryEdit.js)', () => {
  const memory = { ...defaultConfig().memory, minMemory: '1024', minMemoryEdited: true };

  it('shares only with a balloon below the memory, and only when given', () => {
    const p = memoryParams({ ...memory, shares: '500' }, false);
    expect(p).toEqual({ memory: '2048', balloon: 1024, shares: 500 });
    for (const v of VERSIONS) expect(accepted(v, p)).toEqual({});
    expect(memoryParams({ ...memory, shares: '' }, false)).not.toHaveProperty('shares');
    expect(memoryParams({ ...memory, minMemory: '2048', shares: '500' }, false)).toEqual({
      memory: '2048',
    });
    expect(memoryParams({ ...memory, ballooning: false, shares: '500' }, false)).toEqual({
      memory: '2048',
      balloon: 0,
    });
  });

  it('ballooning on with minimum 0 is refused at the field (balloon minValue 1)', () => {
    const config = { ...defaultConfig(), memory: { ...memory, minMemory: '0' } };
    expect(validateSection(config, 'memory')).toEqual([
      expect.objectContaining({
        field: 'minMemory',
        message: expect.stringContaining('0 (balloon=0) turns the ballooning device off'),
      }),
    ]);
    // Ballooning off is how to ask for balloon=0.
    const off = { ...config, memory: { ...config.memory, ballooning: false } };
    expect(validateSection(off, 'memory')).toEqual([]);
  });
});

describe('the Advanced checkboxes’ state file', () => {
  it('lives under XDG_STATE_HOME (or ~/.local/state)', () => {
    expect(defaultStatePath({ XDG_STATE_HOME: '/s', HOME: '/h' })).toBe('/s/pvevm/state.json');
    expect(defaultStatePath({ HOME: '/h' })).toBe('/h/.local/state/pvevm/state.json');
  });

  it('is written 0600, keeps its other keys, and an unreadable one means all off', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pvevm-state-')), 'pvevm', 'state.json');
    const a = fileAdvancedChoice(path);
    expect(a.isOn('cpu')).toBe(false);
    a.set('cpu', true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, JSON.stringify({ theme: 'x', advanced: { cpu: true, memory: 'yes' } }));
    const b = fileAdvancedChoice(path);
    expect([b.isOn('cpu'), b.isOn('memory')]).toEqual([true, false]);
    b.set('memory', true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      theme: 'x',
      advanced: { cpu: true, memory: true },
    });
    writeFileSync(path, '{not json');
    expect(fileAdvancedChoice(path).isOn('cpu')).toBe(false);
  });
});

describe('Confirm, server errors and the preflight know the new options', () => {
  const c = defaultConfig();
  c.cpu = cpu({ flags: '+aes', vcpus: '1', numa: true, cpuunits: '200' });
  c.memory = { ...c.memory, minMemory: '1024', minMemoryEdited: true, shares: '500' };

  it('the summary lists the options that are set', () => {
    const rows = (title: string) => summary(c).find((g) => g.title === title)!.rows;
    expect(rows('CPU')).toEqual(
      expect.arrayContaining([
        ['CPU flags', '+aes'],
        ['VCPUs', '1'],
        ['CPU units', '200'],
        ['NUMA', 'enabled'],
      ]),
    );
    expect(rows('Memory')).toEqual(expect.arrayContaining([['Shares', '500']]));
    expect(summary(defaultConfig()).find((g) => g.title === 'CPU')!.rows).toHaveLength(2);
  });

  it('a refused parameter points at its field; CPU and memory privileges are asked for', () => {
    expect(issuesFromServer({ vcpus: 'bad', shares: 'bad' }, c)).toEqual([
      { section: 'cpu', field: 'vcpus', message: 'vcpus: bad' },
      { section: 'memory', field: 'shares', message: 'shares: bad' },
    ]);
    const needs = privilegeNeeds(c, { vcpus: 1, shares: 500 });
    expect(needs[0]!.privileges).toEqual(
      expect.arrayContaining(['VM.Config.CPU', 'VM.Config.Memory']),
    );
  });
});
