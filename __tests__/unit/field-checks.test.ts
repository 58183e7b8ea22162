/**
 * The live check of one field is the step schema's check of that field: same verdict, same
 * message as Next gives (validateSection), for every field that is checked while typed.
 */
import { defaultConfig, type VmConfig } from '../../lib/model/config';
import { fieldProblem, typingProblem } from '../../lib/model/field-checks';
import { validateSection, type ValidatedSection } from '../../lib/model/schemas';

type Edit = (c: VmConfig, text: string) => VmConfig;
const set =
  <S extends 'general' | 'cpu' | 'memory' | 'network'>(section: S, key: keyof VmConfig[S]) =>
  (c: VmConfig, text: string): VmConfig => ({ ...c, [section]: { ...c[section], [key]: text } });
const disk0 =
  (edit: (text: string) => Partial<VmConfig['disks'][number]>) =>
  (c: VmConfig, text: string): VmConfig => ({
    ...c,
    disks: c.disks.map((d, i) => (i === 0 ? { ...d, ...edit(text) } : d)),
  });

interface Row {
  section: ValidatedSection;
  path: string;
  edit: Edit;
  good: string[];
  bad: [string, string][];
}

const ROWS: Row[] = [
  {
    section: 'general',
    path: 'vmid',
    edit: set('general', 'vmid'),
    good: ['100', '999999999'],
    bad: [
      ['', 'VM ID is required'],
      ['99', 'VM ID must be a whole number between 100 and 999999999'],
      ['0100', 'VM ID must be a whole number between 100 and 999999999'],
    ],
  },
  {
    section: 'general',
    path: 'name',
    edit: set('general', 'name'),
    good: ['', 'web-01', 'a.b'],
    bad: [
      [
        'my_vm',
        'Name must be a DNS name: letters, digits and inner hyphens, labels joined by dots',
      ],
      ['a'.repeat(64), 'Name is too long: at most 63 characters between dots, 253 in all'],
    ],
  },
  ...(['startupOrder', 'startupDelay', 'shutdownTimeout'] as const).map((key) => ({
    section: 'general' as const,
    path: key,
    edit: set('general', key),
    good: ['', '0', '30'],
    bad: [
      [
        '-1',
        `${{ startupOrder: 'Start/shutdown order', startupDelay: 'Startup delay', shutdownTimeout: 'Shutdown timeout' }[key]} must be a whole number of 0 or more`,
      ] as [string, string],
    ],
  })),
  {
    section: 'disks',
    path: '[0].index',
    edit: disk0((t) =>
      /^\d+$/.test(t) ? { index: Number(t), indexText: undefined } : { indexText: t },
    ),
    good: ['0', '30'],
    bad: [
      ['a', 'Device index must be a whole number between 0 and 30 on this bus'],
      ['31', 'Device index is out of range for this bus (0-30)'],
    ],
  },
  {
    section: 'disks',
    path: '[0].size',
    edit: disk0((t) => ({ size: t })),
    good: ['0.5', '131072'],
    bad: [
      ['', 'Disk size must be a number above 0 and at most 131072 GiB'],
      ['0', 'Disk size must be a number above 0 and at most 131072 GiB'],
    ],
  },
  ...(['sockets', 'cores'] as const).map((key) => ({
    section: 'cpu' as const,
    path: key,
    edit: set('cpu', key),
    good: ['1', '256'],
    bad: [
      [
        '257',
        `${key === 'cores' ? 'Cores' : 'Sockets'} must be a whole number between 1 and 256`,
      ] as [string, string],
    ],
  })),
  {
    section: 'memory',
    path: 'memory',
    edit: set('memory', 'memory'),
    good: ['16', '4096'],
    bad: [['8', 'Memory must be a whole number between 16 and 4194304']],
  },
  {
    section: 'memory',
    path: 'minMemory',
    edit: set('memory', 'minMemory'),
    good: ['1', '2048'],
    bad: [
      ['half', 'Minimum memory must be a whole number of 0 or more'],
      ['4096', 'Minimum memory must not exceed Memory'],
      // MemoryEdit.js: the balloon field's minValue is 1; balloon=0 would turn the device off.
      [
        '0',
        'Minimum memory must be at least 1 MiB: 0 (balloon=0) turns the ballooning device off; ' +
          'uncheck Ballooning Device for that',
      ],
    ],
  },
  {
    section: 'memory',
    path: 'shares',
    edit: set('memory', 'shares'),
    good: ['', '0', '50000'],
    bad: [['50001', 'Shares must be a whole number between 0 and 50000']],
  },
  // ProcessorEdit.js: VCPUs up to sockets x cores (2 by default), CPU limit 0-128 with
  // decimals, CPU units 1-10000 (cgroup v2), affinity a pve-cpuset.
  {
    section: 'cpu',
    path: 'vcpus',
    edit: set('cpu', 'vcpus'),
    good: ['', '1', '2'],
    bad: [
      ['3', 'VCPUs must not exceed the total cores (2)'],
      ['0', 'VCPUs must be a whole number of 1 or more'],
    ],
  },
  {
    section: 'cpu',
    path: 'cpulimit',
    edit: set('cpu', 'cpulimit'),
    good: ['', '0', '1.5', '128'],
    bad: [
      ['129', 'CPU limit must be a number between 0 and 128 (empty: unlimited)'],
      ['-1', 'CPU limit must be a number between 0 and 128 (empty: unlimited)'],
    ],
  },
  {
    section: 'cpu',
    path: 'cpuunits',
    edit: set('cpu', 'cpuunits'),
    good: ['', '1', '10000'],
    bad: [['10001', 'CPU units must be a whole number between 1 and 10000']],
  },
  {
    section: 'cpu',
    path: 'affinity',
    edit: set('cpu', 'affinity'),
    good: ['', '0', '0,5,8-11'],
    bad: [
      ['a-b', 'CPU affinity must be CPU numbers and ranges, e.g. 0,5,8-11'],
      ['5-3', 'CPU affinity: the range 5-3 ends before it starts'],
    ],
  },
  {
    section: 'network',
    path: 'vlan',
    edit: set('network', 'vlan'),
    good: ['', '1', '4094'],
    bad: [['4095', 'VLAN tag must be a whole number between 1 and 4094']],
  },
  {
    section: 'network',
    path: 'mac',
    edit: set('network', 'mac'),
    good: ['', 'BC:24:11:12:34:56'],
    bad: [
      [
        '01:00:00:00:00:01',
        'MAC address must be a unicast address like BC:24:11:12:34:56 (or empty for auto)',
      ],
    ],
  },
  {
    section: 'network',
    path: 'mtu',
    edit: set('network', 'mtu'),
    good: ['', '1', '576', '65520'],
    bad: [['500', 'MTU must be 1 (use the bridge MTU) or between 576 and 65520']],
  },
  {
    section: 'network',
    path: 'rate',
    edit: set('network', 'rate'),
    good: ['', '0', '10240'],
    bad: [['10241', 'Rate limit must be a number between 0 and 10240 MB/s']],
  },
  {
    section: 'network',
    path: 'queues',
    edit: set('network', 'queues'),
    good: ['', '1', '64'],
    bad: [['65', 'Multiqueue must be a whole number between 1 and 64']],
  },
];

describe.each(ROWS.map((r) => [`${r.section} ${r.path}`, r] as const))('%s', (_name, row) => {
  it.each(row.good)('passes %j', (text) => {
    expect(fieldProblem(row.edit(defaultConfig(), text), row.section, row.path)).toBeUndefined();
  });

  it.each(row.bad)('refuses %j with the schema message', (text, message) => {
    const config = row.edit(defaultConfig(), text);
    expect(fieldProblem(config, row.section, row.path)).toBe(message);
    // What Next says at this field is the same message.
    const atNext = validateSection(config, row.section).find((i) => i.field === row.path);
    expect(atNext?.message).toBe(message);
  });
});

describe('while a value is typed', () => {
  const name = (text: string) => set('general', 'name')(defaultConfig(), text);

  it('lets an unfinished name pass (web-), and flags it when checked as finished', () => {
    expect(typingProblem(name('web-'), 'general', 'name')).toBeUndefined();
    expect(fieldProblem(name('web-'), 'general', 'name')).toMatch(/^Name must be a DNS name/);
  });

  it('flags at once what typing cannot fix', () => {
    expect(typingProblem(name('my_vm'), 'general', 'name')).toMatch(/^Name must be a DNS name/);
    expect(typingProblem(name('a'.repeat(64)), 'general', 'name')).toMatch(/^Name is too long/);
  });

  it('is the plain check for every other field', () => {
    const config = set('network', 'mtu')(defaultConfig(), '500');
    expect(typingProblem(config, 'network', 'mtu')).toBe(fieldProblem(config, 'network', 'mtu'));
  });
});

it('a field of a switched-off part is not checked (no network device)', () => {
  const config = set('network', 'mtu')(defaultConfig(), '500');
  config.network.noNetwork = true;
  expect(fieldProblem(config, 'network', 'mtu')).toBeUndefined();
});
