/** Which answers other answers allow: one rule each, used by the screens and the schemas. */
import {
  efiDiskAllowed,
  efiDiskUsed,
  minMemoryApplies,
  mtuAllowed,
  mtuHint,
  unavailableBusOptions,
} from '../../lib/model/availability';
import { diskIndexPatch } from '../../lib/model/derive';
import { validateSection } from '../../lib/model/schemas';
import { validConfig } from '../support/configs';

describe('availability rules', () => {
  it('drive options per bus, with the hint the screen shows', () => {
    expect(unavailableBusOptions('scsi')).toEqual({});
    expect(unavailableBusOptions('virtio')).toEqual({ ssd: 'not on VirtIO Block' });
    expect(unavailableBusOptions('sata')).toEqual({
      iothread: 'SCSI and VirtIO Block only',
      ro: 'SCSI and VirtIO Block only',
    });
    const c = validConfig();
    c.disks[0] = { ...c.disks[0]!, bus: 'sata', iothread: true };
    expect(validateSection(c, 'disks')).toEqual([
      {
        section: 'disks',
        field: '[0].iothread',
        message: 'IO thread is only available on SCSI and VirtIO Block',
      },
    ]);
  });

  it('an MTU only for VirtIO, said the same at the field and by the schema', () => {
    expect(mtuAllowed({ model: 'virtio' })).toBe(true);
    expect(mtuAllowed({ model: 'e1000' })).toBe(false);
    expect(mtuHint({ model: 'e1000' })).toBe('VirtIO only');
    const c = validConfig();
    c.network = { ...c.network, model: 'e1000', mtu: '9000' };
    expect(validateSection(c, 'network')[0]?.message).toBe(
      'MTU can only be set for VirtIO network devices',
    );
  });

  it('the minimum memory matters only with ballooning', () => {
    expect(minMemoryApplies({ ballooning: true })).toBe(true);
    const c = validConfig();
    c.memory = { ...c.memory, ballooning: false, minMemory: 'x' };
    expect(validateSection(c, 'memory')).toEqual([]);
    c.memory.ballooning = true;
    expect(validateSection(c, 'memory')[0]?.field).toBe('minMemory');
  });

  it('a typed device index: a whole number is the index, other text is kept as typed', () => {
    expect(diskIndexPatch('3')).toEqual({ index: 3, indexText: undefined });
    expect(diskIndexPatch('a')).toEqual({ indexText: 'a' });
    expect(diskIndexPatch('')).toEqual({ indexText: '' });
  });
});

describe('the EFI disk', () => {
  it('exists only with UEFI firmware; its storage matters only when it is on', () => {
    expect(efiDiskAllowed({ bios: 'seabios' })).toBe(false);
    expect(efiDiskUsed({ bios: 'ovmf', efiDisk: true })).toBe(true);
    expect(efiDiskUsed({ bios: 'ovmf', efiDisk: false })).toBe(false);
    const c = validConfig();
    c.system = { ...c.system, bios: 'seabios', efiStorage: '' };
    expect(validateSection(c, 'system')).toEqual([]);
    c.system.bios = 'ovmf';
    expect(validateSection(c, 'system')[0]?.message).toBe('Choose a storage for the EFI disk');
  });
});
