/** A spec's problem report: every shape and value problem, each by its path, at once. */
import { defaultConfig } from '../../lib/model/config';
import { checkSpec } from '../../lib/model/spec-check';

const base = { config: defaultConfig(), explicit: [] };

describe('checkSpec', () => {
  it('two value problems: both reported', () => {
    const { problems } = checkSpec(base, { version: 1, cpu: { cores: 0, sockets: 0 } }, 'own');
    expect(problems).toEqual([
      'cpu.cores: Cores must be a whole number between 1 and 256',
      'cpu.sockets: Sockets must be a whole number between 1 and 256',
    ]);
  });

  it('shape and value problems together, shape first; disks by their path', () => {
    const { problems } = checkSpec(
      base,
      {
        version: 1,
        cpu: { cors: 2 },
        memory: { memory: 1 },
        disks: [
          { size: 0 },
          { bus: 'ide', index: 2 },
          { bus: 'sata', index: 1 },
          { bus: 'sata', index: 1 },
        ],
      },
      'own',
    );
    expect(problems).toEqual([
      'cpu.cors: unknown key',
      'disks[0].size: Disk size must be a number above 0 and at most 131072 GiB',
      'disks[1].index: ide2 is taken by the CD/DVD drive',
      'disks[3].index: sata1 is used by another disk',
      'memory.memory: Memory must be a whole number between 16 and 4194304',
    ]);
  });

  it('choices the spec leaves open wait for the server; all are judged in a dry run', () => {
    const own = checkSpec(base, { version: 1 }, 'own');
    expect(own.problems).toEqual([]);
    expect(checkSpec(base, { version: 1 }, 'all').problems).toEqual([
      'general.node: Choose a node',
      'general.vmid: VM ID is required',
      'os.iso: Choose an ISO image',
    ]);
    // A choice the spec gives is its own: judged now.
    expect(checkSpec(base, { version: 1, general: { vmid: 5 } }, 'own').problems).toEqual([
      'general.vmid: VM ID must be a whole number between 100 and 999999999',
    ]);
  });

  it('derives what the wizard derives: the OS version follows the type', () => {
    const { config, problems } = checkSpec(base, { version: 1, os: { osType: 'windows' } }, 'own');
    expect(problems).toEqual([]);
    expect(config.os.osVersion).toBe('win11');
  });

  it('a machine version waits for the node in a dry run too: its architecture decides', () => {
    // An aarch64 node's version (virt-*) would be refused against the default x86_64.
    const spec = { version: 1, system: { machineVersion: 'virt-8.2' } };
    for (const judge of ['own', 'all'] as const) {
      const { problems } = checkSpec(base, spec, judge);
      expect(problems.filter((p) => p.startsWith('system.'))).toEqual([]);
    }
  });
});
