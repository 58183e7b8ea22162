import { defaultConfig } from '../../lib/model/config';
import { applySpec, SpecError, specFromConfig, SPEC_VERSION } from '../../lib/model/spec';
import { validConfig } from '../support/configs';

function problemsOf(data: unknown): string[] {
  try {
    applySpec(defaultConfig(), data);
  } catch (err) {
    if (err instanceof SpecError) return err.problems;
    throw err;
  }
  return [];
}

describe('specs', () => {
  it('round-trip: a configuration written as a spec reads back the same', () => {
    const config = validConfig();
    config.general.name = 'web-01';
    config.general.tags = ['prod', 'web'];
    config.memory.minMemory = '1024';
    config.memory.minMemoryEdited = true;
    config.disks.push({ ...config.disks[0]!, index: 1, size: '100.5', ssd: false });
    const spec = specFromConfig(config);
    expect(spec.version).toBe(SPEC_VERSION);
    expect(Object.keys(spec)).toEqual([
      'version',
      'general',
      'os',
      'system',
      'disks',
      'cpu',
      'memory',
      'network',
      'confirm',
    ]);
    // Numbers are numbers, bookkeeping is left out.
    expect(spec.general).toMatchObject({ vmid: 100, name: 'web-01', startupOrder: '' });
    expect(spec.memory).toEqual({
      memory: 2048,
      minMemory: 1024,
      ballooning: true,
      allowKsm: true,
      shares: '',
    });
    expect(applySpec(defaultConfig(), JSON.parse(JSON.stringify(spec)))).toEqual(config);
    // A minimum memory that only followed the memory is left out, and follows again.
    const plain = validConfig();
    const plainSpec = specFromConfig(plain);
    expect(plainSpec.memory).toEqual({
      memory: 2048,
      ballooning: true,
      allowKsm: true,
      shares: '',
    });
    expect(applySpec(defaultConfig(), plainSpec)).toEqual(plain);
  });

  it('a partial spec falls back to the base; numbers may be strings; disks get free indexes', () => {
    const config = applySpec(defaultConfig(), {
      version: 1,
      general: { node: 'pve2', vmid: '120' },
      memory: { memory: 8192 },
      disks: [{ size: 64 }, { bus: 'virtio', size: '8' }, { size: 16 }],
    });
    expect(config.general).toMatchObject({ node: 'pve2', vmid: '120', ha: true });
    expect(config.memory).toMatchObject({
      memory: '8192',
      minMemory: '8192',
      minMemoryEdited: false,
    });
    expect(config.disks.map((d) => `${d.bus}${d.index}:${d.size}`)).toEqual([
      'scsi0:64',
      'virtio0:8',
      'scsi1:16',
    ]);
    expect(config.disks[1]).toMatchObject({ iothread: true, ssd: false, storage: 'ceph-pool' });
    expect(applySpec(defaultConfig(), { version: 1, disks: [] }).disks).toEqual([]);
  });

  it('names every problem by its path: unknown keys, wrong types, the version', () => {
    expect(
      problemsOf({
        version: 2,
        genral: {},
        general: { nmae: 'x', vmid: true, tags: 'a;b', ha: 'yes' },
        memory: { minMemoryEdited: true },
        disks: [{ size: 8, index: 'one' }, 'scsi1'],
      }),
    ).toEqual([
      'version: 2 is not supported (this pvevm reads version 1)',
      'genral: unknown key',
      'general.nmae: unknown key',
      'general.vmid: must be a number',
      'general.tags: must be a list of strings',
      'general.ha: must be a boolean',
      'memory.minMemoryEdited: unknown key',
      'disks[0].index: must be a whole number',
      'disks[1]: must be an object',
    ]);
    expect(problemsOf({ general: {} })).toEqual(['version: missing (this pvevm reads version 1)']);
    expect(problemsOf([1])).toEqual(['the spec must be a JSON object']);
    expect(problemsOf({ version: 1, disks: {} })).toEqual([
      'disks: must be a list (empty for no disk)',
    ]);
  });

  it('a preset is a partial spec without a version', () => {
    const config = applySpec(defaultConfig(), { cpu: { type: 'x86-64-v2-AES' } }, { preset: true });
    expect(config.cpu.type).toBe('x86-64-v2-AES');
    expect(() => applySpec(defaultConfig(), { version: 1 }, { preset: true })).toThrow(
      'version: unknown key',
    );
  });
});
