/**
 * The guest OS drives the defaults, as the web UI does: the table is
 * pve-manager `www/manager6/qemu/OSDefaults.js` (disk bus, NIC, SCSI controller, machine,
 * firmware per OS version and architecture) and `SystemEdit.js` `setDefaults` (win11 adds a TPM).
 * Only fields nobody set follow.
 */
import { defaultConfig, type VmConfig } from '../../lib/model/config';
import { addDisk, cdSlots, updateDisk, updateSection } from '../../lib/model/derive';
import { osDefaults, osDefaultsNote } from '../../lib/model/os-defaults';
import { applySpec, specFromConfig } from '../../lib/model/spec';
import { validateConfig, validateSection } from '../../lib/model/schemas';
import { summary } from '../../lib/model/summary';
import { validConfig } from '../support/configs';

/** The OS-driven answers of a configuration (its node, VM ID and ISO are validConfig's). */
const pick = (c: VmConfig) => ({
  os: { ...c.os, iso: validConfig().os.iso },
  system: c.system,
  disks: c.disks,
  network: c.network,
});
import type { OsType } from '../../lib/model/options';

const os = (osType: OsType, osVersion: string, base: VmConfig = defaultConfig()) =>
  updateSection(base, 'os', { osType, osVersion });

describe('OSDefaults.js table', () => {
  test.each([
    // version, arch, bus, NIC, SCSI controller, machine, firmware
    ['l26', 'x86_64', 'scsi', 'virtio', 'virtio-scsi-single', undefined, undefined],
    ['l24', 'x86_64', 'ide', 'e1000', 'virtio-scsi-single', undefined, undefined],
    ['other', 'x86_64', 'ide', 'e1000', 'virtio-scsi-single', undefined, undefined],
    ['solaris', 'x86_64', 'ide', 'e1000', 'virtio-scsi-single', undefined, undefined],
    ['win10', 'x86_64', 'ide', 'e1000', 'virtio-scsi-single', undefined, undefined],
    ['win11', 'x86_64', 'ide', 'e1000', 'virtio-scsi-single', 'q35', 'ovmf'],
    ['w2k', 'x86_64', 'ide', 'rtl8139', 'default', undefined, undefined],
    ['wxp', 'x86_64', 'ide', 'rtl8139', 'default', undefined, undefined],
    // Architecture.js: the only aarch64 machine is the default (virt).
    ['l26', 'aarch64', 'scsi', 'virtio', 'virtio-scsi-single', 'default', 'ovmf'],
    ['other', 'aarch64', 'scsi', 'e1000', 'virtio-scsi-single', 'default', 'ovmf'],
  ] as const)('%s on %s', (version, arch, bus, nic, scsihw, machine, bios) => {
    const d = osDefaults(version, arch);
    expect([d.busType, d.networkCard, d.scsihw, d.machine, d.bios]).toEqual([
      bus,
      nic,
      scsihw,
      machine,
      bios,
    ]);
  });
});

describe('the node architecture', () => {
  test('an aarch64 node: SCSI, OVMF, the default machine (virt), the CD on scsi2', () => {
    const c = updateSection(defaultConfig(), 'os', { arch: 'aarch64' });
    expect(c.system).toMatchObject({ machine: 'default', bios: 'ovmf' });
    expect(c.disks[0]).toMatchObject({ bus: 'scsi', index: 0 });
    expect(cdSlots(c)).toEqual([{ bus: 'scsi', index: 2 }]);
    expect(osDefaultsNote(c)).toBe('Linux 6.x - 2.6 Kernel: machine virt');
    expect(addDisk(addDisk(addDisk(c, 'x'), 'x'), 'x').disks.map((d) => d.index)).toEqual([
      0, 1, 3, 4,
    ]);
  });
});

// pve-manager Architecture.js: what an aarch64 node offers.
describe('what an aarch64 node refuses', () => {
  const arm = () => updateSection(defaultConfig(), 'os', { arch: 'aarch64' });
  test('its defaults pass', () =>
    expect(validateConfig({ ...validConfig(), ...pick(arm()) })).toEqual([]));
  test.each([
    [
      'os',
      'osType',
      (c: VmConfig) => updateSection(c, 'os', { osType: 'windows' }),
      'An aarch64 node runs Linux or Other guests',
    ],
    [
      'system',
      'machine',
      (c: VmConfig) => updateSection(c, 'system', { machine: 'q35' }),
      'An aarch64 node has one machine type: the default (virt)',
    ],
    [
      'system',
      'bios',
      (c: VmConfig) => updateSection(c, 'system', { bios: 'seabios' }),
      'An aarch64 node boots with OVMF (UEFI) only',
    ],
    [
      'system',
      'scsihw',
      (c: VmConfig) => updateSection(c, 'system', { scsihw: 'lsi' }),
      'An aarch64 node has VirtIO SCSI controllers only',
    ],
    [
      'disks',
      '[0].bus',
      (c: VmConfig) => updateDisk(c, 0, { bus: 'ide' }),
      'An aarch64 node has no IDE bus',
    ],
  ] as const)('%s.%s', (section, field, edit, message) => {
    const c = edit(arm());
    expect(validateSection(c, section)).toContainEqual({ section, field, message });
    // The same value on x86_64 is fine.
    const x86 = updateSection(c, 'os', { arch: 'x86_64' });
    expect(validateSection(x86, section).map((i) => i.field)).not.toContain(field);
  });
});

describe('choosing the OS sets every field nobody set', () => {
  test('Windows 11: IDE disk, E1000, q35, OVMF with EFI disk, TPM v2.0', () => {
    const c = os('windows', 'win11');
    expect(c.disks[0]).toMatchObject({ bus: 'ide', index: 0, iothread: false });
    expect(c.network.model).toBe('e1000');
    expect(c.system).toMatchObject({
      machine: 'q35',
      bios: 'ovmf',
      efiDisk: true,
      scsihw: 'virtio-scsi-single',
      tpm: true,
      tpmVersion: 'v2.0',
    });
    expect(osDefaultsNote(c)).toBe(
      'Windows 11/2022/2025: TPM v2.0 added, disk bus IDE, NIC Intel E1000',
    );
  });

  test('Windows XP: RTL8139 and the default SCSI controller, no TPM', () => {
    const c = os('windows', 'wxp');
    expect(c.network.model).toBe('rtl8139');
    expect(c.system.scsihw).toBe('default');
    expect(c.system.tpm).toBe(false);
  });

  test('back to Linux restores the Linux defaults, the TPM goes again', () => {
    const c = os('linux', 'l26', os('windows', 'win11'));
    expect(c.disks[0]).toMatchObject({ bus: 'scsi', index: 0, iothread: true, ssd: true });
    expect(c.network.model).toBe('virtio');
    expect(c.system.tpm).toBe(false);
    expect(osDefaultsNote(c)).toBeUndefined();
  });

  test('a field the user set stays as set', () => {
    let c = updateSection(defaultConfig(), 'network', { model: 'vmxnet3' });
    c = updateSection(c, 'system', { tpm: false, bios: 'seabios' });
    c = updateDisk(c, 0, { bus: 'sata' });
    c = os('windows', 'win11', c);
    expect(c.network.model).toBe('vmxnet3');
    expect(c.system).toMatchObject({ tpm: false, bios: 'seabios', machine: 'q35' });
    expect(c.disks[0]?.bus).toBe('sata');
    expect(osDefaultsNote(c)).toBeUndefined();
  });

  test('a spec gets the same, in whichever order it names the sections', () => {
    const spec = { system: { tpm: false }, os: { osType: 'windows', osVersion: 'win11' } };
    const c = applySpec(defaultConfig(), { version: 1, ...spec });
    expect(c.system.tpm).toBe(false);
    expect(c.network.model).toBe('e1000');
    const d = applySpec(defaultConfig(), {
      version: 1,
      os: { osType: 'windows', osVersion: 'win11' },
      disks: [{ size: 64 }],
    });
    expect(d.disks[0]).toMatchObject({ bus: 'ide', index: 0, size: '64' });
  });

  test('a saved spec leaves out what only followed the OS, and reads back the same', () => {
    const c = updateSection(os('windows', 'win11'), 'network', { model: 'vmxnet3' });
    const spec = specFromConfig(c);
    expect(spec.system).not.toHaveProperty('tpm');
    expect((spec.disks as object[])[0]).not.toHaveProperty('bus');
    expect((spec.network as object[])[0]).toHaveProperty('model', 'vmxnet3');
    expect(applySpec(defaultConfig(), JSON.parse(JSON.stringify(spec)))).toEqual(c);
  });

  test('the bookkeeping is never written to or read from a spec', () => {
    expect(() => applySpec(defaultConfig(), { version: 1, os: { touched: [] } })).toThrow(
      'os.touched: unknown key',
    );
  });
});

describe('the summary says what the OS and the node decided', () => {
  const rows = (c: VmConfig, title: string) =>
    Object.fromEntries(summary(c).find((g) => g.title === title)?.rows ?? []);

  test('the VirtIO drivers ISO, for Windows with the drive', () => {
    const c = updateSection(os('windows', 'win11'), 'os', {
      virtioDrivers: true,
      virtioIso: 'local:iso/virtio-win.iso',
    });
    expect(rows(c, 'OS')['VirtIO drivers ISO']).toBe('local:iso/virtio-win.iso');
    expect(rows(os('windows', 'win11'), 'OS')['VirtIO drivers ISO']).toBeUndefined();
  });

  test('an aarch64 node: its architecture, and the default machine is virt', () => {
    const c = updateSection(defaultConfig(), 'os', { arch: 'aarch64' });
    expect(rows(c, 'OS').Architecture).toBe('aarch64 (ARM 64-bit)');
    expect(rows(c, 'System').Machine).toBe('Default (virt)');
  });
});
