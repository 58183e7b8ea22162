import { DISK_LIMITS } from '../../lib/model/disk-limits';
import { defaultConfig, type VmConfig } from '../../lib/model/config';
import { validConfig } from '../support/configs';
import { CD_SLOT } from '../../lib/model/options';
import {
  addDisk,
  nextFreeIndex,
  removeDisk,
  updateDisk,
  updateSection,
} from '../../lib/model/derive';
import { couldBecomeDnsName, DNS_NAME, tagProblem } from '../../lib/model/rules';
import { validateConfig, validateSection, type ValidatedSection } from '../../lib/model/schemas';

describe('defaults (Parts 4–7, one place)', () => {
  const c = defaultConfig();
  it.each([
    ['general', { node: '', vmid: '', name: '', pool: '', tags: [], ha: true, onboot: false }],
    ['os', { media: 'iso', isoStorage: 'cephfs', iso: '', osType: 'linux', osVersion: 'l26' }],
    [
      'system',
      {
        vga: 'default',
        machine: 'q35',
        bios: 'ovmf',
        efiDisk: true,
        efiStorage: 'ceph-pool',
        preEnrolledKeys: false,
        scsihw: 'virtio-scsi-single',
        agent: true,
        tpm: false,
        tpmStorage: 'ceph-pool',
        tpmVersion: 'v2.0',
      },
    ],
    ['cpu', { cores: '2', sockets: '1', type: 'host' }],
    ['memory', { memory: '2048', minMemory: '2048', ballooning: true, allowKsm: true }],
    [
      'network',
      { noNetwork: false, bridge: 'vmbr9', vlan: '', model: 'virtio', mac: '', firewall: true },
    ],
    ['confirm', { startAfterCreate: false }],
  ] as const)('%s', (section, expected) => {
    expect(c[section]).toMatchObject(expected);
  });

  it('has one SCSI disk of 32 GiB on ceph-pool with IO thread and SSD emulation', () => {
    expect(c.disks).toEqual([
      {
        bus: 'scsi',
        index: 0,
        storage: 'ceph-pool',
        source: 'new',
        importFrom: '',
        size: '32',
        cache: 'default',
        discard: false,
        iothread: true,
        ssd: true,
        backup: true,
        skipReplication: false,
        aio: 'io_uring',
        readOnly: false,
        ...Object.fromEntries(DISK_LIMITS.map((l) => [l.key, ''])),
      },
    ]);
  });

  it('returns a fresh object each time', () => {
    const a = defaultConfig();
    a.general.tags.push('x');
    expect(defaultConfig().general.tags).toEqual([]);
  });
});

describe('schemas', () => {
  it('accepts the defaults once node, id and ISO are known', () => {
    expect(validateConfig(validConfig())).toEqual([]);
  });

  it('reports the missing node, id and ISO of the bare defaults, in step order', () => {
    expect(validateConfig(defaultConfig()).map((i) => `${i.section}.${i.field}`)).toEqual([
      'general.node',
      'general.vmid',
      'os.iso',
    ]);
  });

  type Case = [ValidatedSection, (c: VmConfig) => void, string, RegExp];
  const cases: Case[] = [
    ['general', (c) => (c.general.vmid = '99'), 'vmid', /between 100 and 999999999/],
    ['general', (c) => (c.general.vmid = '1000000000'), 'vmid', /between 100/],
    ['general', (c) => (c.general.vmid = 'abc'), 'vmid', /whole number/],
    ['general', (c) => (c.general.vmid = '0100'), 'vmid', /whole number/],
    ['general', (c) => (c.general.name = 'my_vm'), 'name', /DNS name/],
    ['general', (c) => (c.general.name = 'a b'), 'name', /DNS name/],
    ['general', (c) => (c.general.name = '-web'), 'name', /DNS name/],
    ['general', (c) => (c.general.pool = 'a b'), 'pool', /Pool ids/],
    ['general', (c) => (c.general.tags = ['-x']), 'tags[0]', /cannot use/],
    ['general', (c) => (c.general.tags = ['a', 'a']), 'tags', /once/],
    ['general', (c) => (c.general.startupOrder = '-1'), 'startupOrder', /0 or more/],
    ['general', (c) => (c.general.startupDelay = '1.5'), 'startupDelay', /whole number/],
    ['general', (c) => (c.general.shutdownTimeout = 'x'), 'shutdownTimeout', /whole number/],
    ['os', (c) => (c.os.iso = ''), 'iso', /Choose an ISO/],
    ['os', (c) => (c.os.isoStorage = ''), 'isoStorage', /storage/],
    ['os', (c) => (c.os.osVersion = 'win11'), 'osVersion', /version/],
    ['system', (c) => (c.system.efiStorage = ''), 'efiStorage', /EFI/],
    ['system', (c) => ((c.system.tpm = true), (c.system.tpmStorage = '')), 'tpmStorage', /TPM/],
    ['disks', (c) => (c.disks[0]!.size = '0'), '[0].size', /above 0/],
    ['disks', (c) => (c.disks[0]!.size = '131073'), '[0].size', /131072/],
    ['disks', (c) => (c.disks[0]!.size = '1e3'), '[0].size', /number/],
    ['disks', (c) => (c.disks[0]!.storage = ''), '[0].storage', /storage/],
    ['disks', (c) => (c.disks[0]!.index = 31), '[0].index', /out of range/],
    [
      'disks',
      (c) => Object.assign(c.disks[0]!, { bus: 'ide', index: 2, iothread: false }),
      '[0].index',
      /CD\/DVD/,
    ],
    ['disks', (c) => (c.disks[0]!.bus = 'ide'), '[0].iothread', /SCSI and VirtIO/],
    [
      'disks',
      (c) => Object.assign(c.disks[0]!, { bus: 'virtio', iothread: true }),
      '[0].ssd',
      /VirtIO Block/,
    ],
    ['cpu', (c) => (c.cpu.cores = '0'), 'cores', /between 1 and 256/],
    ['cpu', (c) => (c.cpu.sockets = ''), 'sockets', /required|whole number/],
    ['cpu', (c) => (c.cpu.type = ''), 'type', /CPU type/],
    ['memory', (c) => (c.memory.memory = '8'), 'memory', /between 16/],
    ['memory', (c) => (c.memory.minMemory = '4096'), 'minMemory', /exceed/],
    ['network', (c) => (c.network.bridge = ''), 'bridge', /bridge/],
    ['network', (c) => (c.network.vlan = '4095'), 'vlan', /between 1 and 4094/],
    ['network', (c) => (c.network.mac = '01:00:00:00:00:01'), 'mac', /unicast/],
    ['network', (c) => (c.network.mac = 'zz'), 'mac', /unicast/],
    ['network', (c) => (c.network.mtu = '500'), 'mtu', /576/],
    ['network', (c) => ((c.network.model = 'e1000'), (c.network.mtu = '1500')), 'mtu', /VirtIO/],
    ['network', (c) => (c.network.rate = '-1'), 'rate', /Rate limit/],
    ['network', (c) => (c.network.queues = '65'), 'queues', /between 1 and 64/],
  ];
  it.each(cases)('%s: %s → message at %s', (section, mutate, field, message) => {
    const c = validConfig();
    mutate(c);
    const issues = validateSection(c, section);
    expect(issues.map((i) => i.field)).toContain(field);
    expect(issues.find((i) => i.field === field)?.message).toMatch(message);
  });

  // pve-manager www/manager6/qemu/CDEdit.js: without media the CD drive is there, empty.
  it('refuses ide2 for a disk also when there is no media: the empty CD drive is there', () => {
    const c = validConfig();
    c.os.media = 'none';
    Object.assign(c.disks[0]!, { bus: 'ide', index: 2, iothread: false });
    expect(validateSection(c, 'disks')).toEqual([
      { section: 'disks', field: '[0].index', message: 'ide2 is taken by the CD/DVD drive' },
    ]);
  });

  it('refuses two disks on one slot', () => {
    const c = addDisk(validConfig(), 'ceph-pool');
    c.disks[1]!.index = 0;
    expect(validateSection(c, 'disks')).toEqual([
      { section: 'disks', field: '[1].index', message: 'scsi0 is used by another disk' },
    ]);
  });

  it('ignores network fields when there is no network device', () => {
    const c = validConfig();
    Object.assign(c.network, { noNetwork: true, bridge: '', vlan: 'x', mac: 'x', mtu: 'x' });
    expect(validateSection(c, 'network')).toEqual([]);
  });

  it('ignores the minimum memory when ballooning is off', () => {
    const c = validConfig();
    Object.assign(c.memory, { ballooning: false, minMemory: '99999' });
    expect(validateSection(c, 'memory')).toEqual([]);
  });

  it('lists issues in field order so focus goes to the first bad field', () => {
    const c = validConfig();
    c.general.shutdownTimeout = 'x';
    c.general.vmid = '';
    c.general.name = '_';
    expect(validateSection(c, 'general').map((i) => i.field)).toEqual([
      'vmid',
      'name',
      'shutdownTimeout',
    ]);
  });
});

describe('DNS names while typed', () => {
  it.each(['', 'web', 'web-', 'web-01.', 'a.b-', 'web-01'])('%j can still become a name', (v) => {
    expect(couldBecomeDnsName(v)).toBe(true);
  });
  it.each(['-web', 'web_01', 'a..b', '.a', 'web 01'])('%j cannot', (v) => {
    expect(couldBecomeDnsName(v)).toBe(false);
    expect(DNS_NAME.test(v)).toBe(false);
  });
});

describe('derived values', () => {
  it('minimum memory follows memory until edited, then keeps its own value', () => {
    let c = updateSection(defaultConfig(), 'memory', { memory: '4096' });
    expect(c.memory.minMemory).toBe('4096');
    c = updateSection(c, 'memory', { minMemory: '1024' });
    expect(c.memory.minMemoryEdited).toBe(true);
    c = updateSection(c, 'memory', { memory: '8192' });
    expect(c.memory).toMatchObject({ memory: '8192', minMemory: '1024' });
  });

  it('the OS version follows the OS type unless it is given or still fits', () => {
    const windows = updateSection(defaultConfig(), 'os', { osType: 'windows' });
    expect(windows.os.osVersion).toBe('win11');
    expect(updateSection(windows, 'os', { osType: 'windows' }).os.osVersion).toBe('win11');
    const xp = updateSection(defaultConfig(), 'os', { osType: 'windows', osVersion: 'wxp' });
    expect(xp.os.osVersion).toBe('wxp');
    expect(updateSection(xp, 'os', { osType: 'other' }).os.osVersion).toBe('other');
    // A version given alone is the user's answer; the schema judges it.
    expect(updateSection(defaultConfig(), 'os', { osVersion: 'win10' }).os.osVersion).toBe('win10');
  });

  it('adds disks on the next free SCSI index and removes them one by one', () => {
    let c = addDisk(addDisk(defaultConfig(), 'local-lvm'), 'ceph-pool');
    expect(c.disks.map((d) => `${d.bus}${d.index}:${d.storage}`)).toEqual([
      'scsi0:ceph-pool',
      'scsi1:local-lvm',
      'scsi2:ceph-pool',
    ]);
    c = removeDisk(c, 1);
    expect(c.disks.map((d) => `${d.bus}${d.index}`)).toEqual(['scsi0', 'scsi2']);
    c = addDisk(c, 'ceph-pool');
    expect(c.disks.map((d) => `${d.bus}${d.index}`)).toEqual(['scsi0', 'scsi2', 'scsi1']);
    c = removeDisk(removeDisk(removeDisk(c, 0), 0), 0);
    expect(c.disks).toEqual([]);
  });

  it('skips ide2 while a CD drive is present', () => {
    expect(nextFreeIndex([], 'ide', [CD_SLOT])).toBe(0);
    const disks = [0, 1].map((index) => ({
      ...defaultConfig().disks[0]!,
      bus: 'ide' as const,
      index,
    }));
    expect(nextFreeIndex(disks, 'ide', [CD_SLOT])).toBe(3);
    expect(nextFreeIndex(disks, 'ide', [])).toBe(2);
  });

  it('changing the bus moves to a free index and switches off options the bus lacks', () => {
    const c = updateDisk(defaultConfig(), 0, { bus: 'virtio' });
    expect(c.disks[0]).toMatchObject({ bus: 'virtio', index: 0, iothread: true, ssd: false });
    const ide = updateDisk(c, 0, { bus: 'ide' });
    expect(ide.disks[0]).toMatchObject({ bus: 'ide', index: 0, iothread: false });
  });

  it('tag rules', () => {
    expect(tagProblem('web', [])).toBeUndefined();
    expect(tagProblem('web', ['web'])).toMatch(/already/);
    expect(tagProblem('-web', [])).toMatch(/letters/);
    expect(tagProblem('', [])).toMatch(/Type/);
  });
});

describe('General step derivations', () => {
  it('builds startup=order=N,up=N,down=N from the parts given', () => {
    const { startupParam } = jest.requireActual(
      '../../lib/model/general',
    ) as typeof import('../../lib/model/general');
    expect(startupParam({ startupOrder: '2', startupDelay: '30', shutdownTimeout: '60' })).toBe(
      'order=2,up=30,down=60',
    );
    expect(startupParam({ startupOrder: '', startupDelay: '30', shutdownTimeout: '' })).toBe(
      'up=30',
    );
    expect(
      startupParam({ startupOrder: '', startupDelay: ' ', shutdownTimeout: '' }),
    ).toBeUndefined();
  });

  it('fills the configured or first online node and the next id, never overriding a choice', () => {
    const { withGeneralDefaults } = jest.requireActual(
      '../../lib/model/general',
    ) as typeof import('../../lib/model/general');
    const nodes = [
      { node: 'a', status: 'offline' },
      { node: 'b', status: 'online' },
      { node: 'c', status: 'online' },
    ];
    expect(withGeneralDefaults(defaultConfig(), { nodes, nextId: 104 }).general).toMatchObject({
      node: 'b',
      vmid: '104',
    });
    expect(withGeneralDefaults(defaultConfig(), { nodes, preferredNode: 'c' }).general.node).toBe(
      'c',
    );
    expect(withGeneralDefaults(defaultConfig(), { nodes, preferredNode: 'a' }).general.node).toBe(
      'b',
    );
    const chosen = updateSection(defaultConfig(), 'general', { node: 'c', vmid: '200' });
    expect(withGeneralDefaults(chosen, { nodes, nextId: 104 }).general).toMatchObject({
      node: 'c',
      vmid: '200',
    });
  });
});
