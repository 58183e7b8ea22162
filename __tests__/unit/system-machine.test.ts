/**
 * The System step's machine version and vIOMMU against the web UI (pve-manager
 * www/manager6/qemu/MachineEdit.js: the version list filtered by type, "Latest" first, the
 * `machine` string `onGetValues` builds; qemu/Architecture.js: `defaultMachines`,
 * `allowedMachines`, `allowedFirmware`) and qemu-server (src/PVE/API2/Qemu/Machine.pm: the list,
 * newest first; src/PVE/QemuServer/Machine.pm: `$PVE_MACHINE_VERSION`,
 * `assert_valid_machine_property`). Parameter strings checked by the simulator's schemas.
 */
import { updateSection } from '../../lib/model/derive';
import {
  machineParam,
  versionsFor,
  viommuChoices,
  type MachineVersion,
} from '../../lib/model/machine-version';
import { systemParams } from '../../lib/model/payload';
import { validateSection } from '../../lib/model/schemas';
import { summary } from '../../lib/model/summary';
import apiSchema from '../../services/simulator/api-schema.json';
import { assertMachineProperty, machineVersions } from '../../services/simulator/machine-versions';
import { validateParams, type EndpointSchema } from '../../services/simulator/validate';
import { validConfig } from '../support/configs';

const schemas = apiSchema as unknown as Record<string, Record<string, EndpointSchema>>;

function accepted(version: '8.3' | '9.1', params: Record<string, string | number>) {
  const strings = Object.fromEntries(
    Object.entries({ node: 'pve1', vmid: 100, ...params }).map(([k, v]) => [k, String(v)]),
  );
  return validateParams(schemas[version]!['POST /nodes/{node}/qemu']!, strings);
}

const LIST: MachineVersion[] = [
  { id: 'pc-i440fx-9.0', type: 'i440fx', version: '9.0' },
  { id: 'pc-q35-9.0', type: 'q35', version: '9.0' },
  { id: 'pc-i440fx-4.1+pve2', type: 'i440fx', version: '4.1+pve2' },
  { id: 'pc-q35-4.1+pve2', type: 'q35', version: '4.1+pve2' },
];

describe('machine versions: MachineEdit.js `setVersionFilter`', () => {
  it.each([
    ['q35', 'x86_64', ['pc-q35-9.0', 'pc-q35-4.1+pve2']],
    ['default', 'x86_64', ['pc-i440fx-9.0', 'pc-i440fx-4.1+pve2']],
  ] as const)('machine %s on %s lists %j', (machine, arch, ids) => {
    expect(versionsFor(LIST, machine, arch).map((m) => m.id)).toEqual(ids);
  });

  it('the default machine of an aarch64 node lists virt versions (defaultMachines.aarch64)', () => {
    const virt = machineVersions('9.1', 'aarch64');
    expect(versionsFor(virt, 'default', 'aarch64').map((m) => m.id)[0]).toBe('virt-10.1');
  });
});

describe('the machine parameter: MachineEdit.js `onGetValues`', () => {
  it.each([
    ['default', '', 'default', 'x86_64', undefined],
    ['q35', '', 'default', 'x86_64', 'q35'],
    ['q35', 'pc-q35-9.0', 'default', 'x86_64', 'pc-q35-9.0'],
    ['q35', 'pc-q35-9.0', 'intel', 'x86_64', 'pc-q35-9.0,viommu=intel'],
    ['q35', '', 'virtio', 'x86_64', 'q35,viommu=virtio'],
    ['default', '', 'virtio', 'x86_64', 'pc,viommu=virtio'],
    ['default', 'pc-i440fx-4.1+pve2', 'default', 'x86_64', 'pc-i440fx-4.1+pve2'],
    ['default', '', 'virtio', 'aarch64', 'virt,viommu=virtio'],
    ['default', 'virt-9.0', 'default', 'aarch64', 'virt-9.0'],
  ] as const)(
    '%s + version "%s" + vIOMMU %s on %s → %s',
    (machine, machineVersion, viommu, arch, out) => {
      expect(machineParam({ machine, machineVersion, viommu }, arch)).toBe(out);
      if (out === undefined) return;
      for (const v of ['8.3', '9.1'] as const) expect(accepted(v, { machine: out })).toEqual({});
    },
  );

  it('Intel vIOMMU only for q35; VirtIO for both', () => {
    expect(viommuChoices('q35').map((c) => c.value)).toEqual(['default', 'intel', 'virtio']);
    expect(viommuChoices('default').map((c) => c.value)).toEqual(['default', 'virtio']);
  });
});

describe('the System schema and the derived values', () => {
  it('refuses a version of another machine type and Intel vIOMMU without q35', () => {
    const c = validConfig();
    c.system = { ...c.system, machine: 'default', machineVersion: 'pc-q35-9.0', viommu: 'intel' };
    const issues = validateSection(c, 'system').map((i) => [i.field, i.message]);
    expect(issues).toEqual([
      ['machineVersion', 'pc-q35-9.0 is not a version of the default machine'],
      ['viommu', 'Intel vIOMMU needs the machine type q35'],
    ]);
  });

  it('a new machine type resets the version to Latest and drops an Intel vIOMMU', () => {
    let c = updateSection(validConfig(), 'system', {
      machine: 'q35',
      machineVersion: 'pc-q35-9.0',
      viommu: 'intel',
    });
    expect(c.system.machineVersion).toBe('pc-q35-9.0');
    c = updateSection(c, 'system', { machine: 'default' });
    expect(c.system).toMatchObject({ machineVersion: '', viommu: 'default' });
  });

  it("a type the node's architecture sets resets a version that no longer fits", () => {
    let c = updateSection(validConfig(), 'system', { machineVersion: 'pc-q35-8.2' });
    c = updateSection(c, 'os', { arch: 'aarch64' });
    expect(c.system).toMatchObject({ machine: 'default', machineVersion: '' });
  });

  it('a virt version chosen before the node turned out aarch64 stays', () => {
    let c = updateSection(validConfig(), 'system', { machineVersion: 'virt-8.2' });
    c = updateSection(c, 'os', { arch: 'aarch64' });
    expect(c.system).toMatchObject({ machine: 'default', machineVersion: 'virt-8.2' });
    expect(validateSection(c, 'system')).toEqual([]);
  });

  it('a version of another type stays until the type or architecture moves: the schema names it', () => {
    // A spec's explicit choice must be refused with its name, not dropped by the next change.
    let c = updateSection(validConfig(), 'system', { machineVersion: 'pc-i440fx-9.0' });
    c = updateSection(c, 'memory', { memory: '4096' });
    c = updateSection(c, 'os', { arch: 'x86_64' });
    expect(c.system.machineVersion).toBe('pc-i440fx-9.0');
    expect(validateSection(c, 'system')).toEqual([
      expect.objectContaining({ message: 'pc-i440fx-9.0 is not a version of q35' }),
    ]);
  });

  it('other changes keep the pinned version', () => {
    let c = updateSection(validConfig(), 'system', { machineVersion: 'pc-q35-8.2' });
    c = updateSection(c, 'system', { agent: false });
    expect(c.system.machineVersion).toBe('pc-q35-8.2');
  });

  it('q35 on an aarch64 node is refused (Architecture.js allowedMachines.aarch64)', () => {
    const c = updateSection(validConfig(), 'os', { arch: 'aarch64' });
    c.system.machine = 'q35';
    expect(validateSection(c, 'system')).toContainEqual(
      expect.objectContaining({ field: 'machine', message: expect.stringContaining('virt') }),
    );
  });

  it('the summary shows a pinned version and a vIOMMU, nothing when left at the defaults', () => {
    const rows = (c: ReturnType<typeof validConfig>) =>
      summary(c)
        .find((g) => g.title === 'System')!
        .rows.map(([k]) => k);
    expect(rows(validConfig())).not.toContain('Machine version');
    const c = updateSection(validConfig(), 'system', {
      machineVersion: 'pc-q35-9.0',
      viommu: 'virtio',
    });
    const system = summary(c).find((g) => g.title === 'System')!.rows;
    expect(system).toContainEqual(['Machine version', 'pc-q35-9.0']);
    expect(system).toContainEqual(['vIOMMU', 'VirtIO']);
    expect(rows(validConfig())).not.toContain('vIOMMU');
  });

  it('systemParams writes the pinned version with its vIOMMU', () => {
    const s = { ...validConfig().system, machineVersion: 'pc-q35-9.0', viommu: 'intel' as const };
    expect(systemParams(s).machine).toBe('pc-q35-9.0,viommu=intel');
  });
});

describe('the simulator: Machine.pm', () => {
  it('lists versions newest first, each +pveN revision above its base', () => {
    const ids = machineVersions('8.3', 'x86_64').map((m) => m.id);
    expect(ids.slice(0, 4)).toEqual(['pc-i440fx-9.0', 'pc-q35-9.0', 'pc-i440fx-8.2', 'pc-q35-8.2']);
    const at = ids.indexOf('pc-q35-4.1+pve2');
    expect(ids.slice(at - 1, at + 5)).toEqual([
      'pc-i440fx-4.1+pve2',
      'pc-q35-4.1+pve2',
      'pc-i440fx-4.1+pve1',
      'pc-q35-4.1+pve1',
      'pc-i440fx-4.1',
      'pc-q35-4.1',
    ]);
  });

  it('9.1 (QEMU 10.1) lists 10.1 first and the 9.2+pve1 revision with its change', () => {
    const list = machineVersions('9.1', 'x86_64');
    expect(list[0]!.id).toBe('pc-i440fx-10.1');
    expect(list.find((m) => m.id === 'pc-q35-9.2+pve1')?.changes).toMatch(/S3\/S4/);
    expect(machineVersions('8.3', 'x86_64').some((m) => m.version.startsWith('10.'))).toBe(false);
  });

  it('refuses Intel vIOMMU without q35 as the create task does', () => {
    expect(() => assertMachineProperty('pc,viommu=intel')).toThrow(
      'to use Intel vIOMMU please set the machine type to q35',
    );
    expect(() => assertMachineProperty('pc-q35-9.0,viommu=intel')).not.toThrow();
    expect(() => assertMachineProperty('pc,viommu=virtio')).not.toThrow();
  });
});
