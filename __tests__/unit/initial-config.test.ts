import { initialConfig } from '../../lib/initial-config';
import { defaultConfig } from '../../lib/model/config';

describe('initial configuration', () => {
  it('is the built-in defaults without site defaults or a preset', () => {
    expect(initialConfig({ defaults: {} })).toEqual(defaultConfig());
  });

  it('site defaults replace the built-in storages, bridge, CPU type and node', () => {
    const config = initialConfig({
      defaults: {
        isoStorage: 'local',
        diskStorage: 'local-lvm',
        bridge: 'vmbr0',
        cpuType: 'x86-64-v2-AES',
        node: 'pve2',
      },
    });
    expect(config.general.node).toBe('pve2');
    expect(config.os.isoStorage).toBe('local');
    expect(config.system).toMatchObject({ efiStorage: 'local-lvm', tpmStorage: 'local-lvm' });
    expect(config.disks.map((d) => d.storage)).toEqual(['local-lvm']);
    expect(config.cpu.type).toBe('x86-64-v2-AES');
    expect(config.network.bridge).toBe('vmbr0');
  });

  it('a preset goes over the site defaults; its disks without a storage get the site’s', () => {
    const config = initialConfig({
      defaults: { diskStorage: 'local-lvm', bridge: 'vmbr0', cpuType: 'kvm64' },
      preset: {
        name: 'large',
        spec: {
          cpu: { cores: 8 },
          memory: { memory: 16384 },
          network: { bridge: 'vmbr9' },
          disks: [{ size: 64 }, { size: 500, storage: 'ceph-pool' }],
        },
      },
    });
    expect(config.cpu).toMatchObject({ cores: '8', sockets: '1', type: 'kvm64' });
    expect(config.network.bridge).toBe('vmbr9');
    expect(config.disks.map((d) => `${d.bus}${d.index} ${d.storage} ${d.size}`)).toEqual([
      'scsi0 local-lvm 64',
      'scsi1 ceph-pool 500',
    ]);
    expect(config.system.efiStorage).toBe('local-lvm');
  });

  it('the minimum memory follows a preset’s memory unless the preset sets it too', () => {
    const follows = initialConfig({
      defaults: {},
      preset: { name: 'p', spec: { memory: { memory: 8192 } } },
    });
    expect(follows.memory).toMatchObject({ memory: '8192', minMemory: '8192' });
    const own = initialConfig({
      defaults: {},
      preset: { name: 'p', spec: { memory: { memory: 8192, minMemory: 1024 } } },
    });
    expect(own.memory).toMatchObject({
      memory: '8192',
      minMemory: '1024',
      minMemoryEdited: true,
    });
  });

  it('each call starts afresh (the Done screen’s "create another")', () => {
    const settings = { defaults: {}, preset: { name: 'p', spec: { cpu: { cores: 4 } } } };
    const first = initialConfig(settings);
    first.cpu.cores = '99';
    first.disks.push({ ...first.disks[0]!, index: 1 });
    expect(initialConfig(settings).cpu.cores).toBe('4');
    expect(initialConfig(settings).disks).toHaveLength(1);
  });
});
