/** What a storage holds now and after this VM: one rule for the size hint and the figures. */
import { defaultConfig, defaultDisk, type VmConfig } from '../../lib/model/config';
import {
  demandKey,
  doesNotFit,
  EFI_VARS_BYTES,
  efiDiskBytes,
  storageDemand,
  storageUsage,
  TPM_STATE_BYTES,
  withVolumeOn,
} from '../../lib/model/storage-usage';
import type { StorageInfo } from '../../services/proxmox-api';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const storage = (name: string, type: string, total?: number, used?: number): StorageInfo => ({
  storage: name,
  type,
  content: ['images'],
  enabled: true,
  active: total !== undefined,
  shared: false,
  ...(total !== undefined && used !== undefined ? { total, used, avail: total - used } : {}),
});

const LVM = storage('local-lvm', 'lvmthin', 100 * GiB, 71 * GiB);
const DIR = storage('local', 'dir', 200 * GiB, 20 * GiB);

/** No EFI disk, no TPM: only the disks given, each `[storage, size]`. */
function withDisks(...disks: [string, string][]): VmConfig {
  const c = defaultConfig();
  c.system = { ...c.system, bios: 'seabios', tpm: false };
  c.disks = disks.map(([s, size], i) => ({ ...defaultDisk('scsi', i, s), size }));
  return c;
}

describe('storage demand', () => {
  it('adds up two disks on the same storage, apart from a disk elsewhere', () => {
    const d = storageDemand(withDisks(['local-lvm', '10'], ['local-lvm', '2.5'], ['local', '4']));
    expect(d.get('local-lvm')).toBe(12.5 * GiB);
    expect(d.get('local')).toBe(4 * GiB);
  });

  it('counts the EFI disk (an LVM extent, or the 528 KiB vars elsewhere) and the TPM state', () => {
    const c = withDisks(['local-lvm', '1']);
    c.system = { ...c.system, bios: 'ovmf', efiDisk: true, efiStorage: 'local-lvm' };
    c.system.tpm = true;
    c.system.tpmStorage = 'local';
    const d = storageDemand(c, [LVM, DIR]);
    expect(d.get('local-lvm')).toBe(GiB + 4 * MiB);
    expect(d.get('local')).toBe(TPM_STATE_BYTES);
    expect(efiDiskBytes('dir')).toBe(EFI_VARS_BYTES);
    expect(EFI_VARS_BYTES).toBe(540672);
    // SeaBIOS: no EFI disk even while its checkbox is on.
    c.system.bios = 'seabios';
    expect(storageDemand(c, [LVM, DIR]).get('local-lvm')).toBe(GiB);
  });

  it('leaves out a size that is not a number yet; an import takes its image size', () => {
    const c = withDisks(['local-lvm', ''], ['local-lvm', '1a']);
    expect(storageDemand(c).size).toBe(0);
    c.disks[0] = { ...c.disks[0]!, source: 'import', importFrom: 'local:import/a.qcow2' };
    const images = [{ volid: 'local:import/a.qcow2', format: 'qcow2', size: 3 * GiB }];
    expect(storageDemand(c, [], images).get('local-lvm')).toBe(3 * GiB);
  });

  it('says what a storage would hold if a volume were moved onto it', () => {
    const c = withDisks(['local-lvm', '10'], ['local', '4']);
    // Disk 0 on local: both disks there.
    expect(storageDemand(withVolumeOn(c, { disk: 0 }, 'local')).get('local')).toBe(14 * GiB);
    c.system = { ...c.system, tpm: true, tpmStorage: 'local-lvm' };
    expect(storageDemand(withVolumeOn(c, 'tpm', 'local')).get('local')).toBe(
      4 * GiB + TPM_STATE_BYTES,
    );
    c.system = { ...c.system, bios: 'ovmf', efiDisk: true, efiStorage: 'local' };
    const onLvm = storageDemand(withVolumeOn(c, 'efi', 'local-lvm'), [LVM, DIR]);
    expect(onLvm.get('local-lvm')).toBe(10 * GiB + TPM_STATE_BYTES + 4 * MiB);
  });

  it('keys change with the demand and only then', () => {
    const a = demandKey(storageDemand(withDisks(['local-lvm', '10'])));
    expect(demandKey(storageDemand(withDisks(['local-lvm', '10'])))).toBe(a);
    expect(demandKey(storageDemand(withDisks(['local-lvm', '100'])))).not.toBe(a);
  });
});

describe('storage usage', () => {
  it('is the share used now and after the bytes this VM adds', () => {
    const u = storageUsage(LVM, 1 * GiB);
    expect(u).toEqual({
      known: true,
      total: 100 * GiB,
      now: 0.71,
      after: 0.72,
      added: GiB,
      level: 'ok',
    });
  });

  it('is nearly full from 90% after, and an overfill past the free space', () => {
    expect(storageUsage(LVM, 19 * GiB)).toMatchObject({ after: 0.9, level: 'nearly-full' });
    expect(storageUsage(LVM, 29 * GiB)).toMatchObject({ level: 'nearly-full' });
    expect(storageUsage(LVM, 30 * GiB)).toMatchObject({ after: 1.01, level: 'overfill' });
    expect(doesNotFit(LVM, 29 * GiB)).toBe(false);
    expect(doesNotFit(LVM, 29 * GiB + 1)).toBe(true);
  });

  it('is unknown (a dash) without total or used, or with a total of 0', () => {
    const inactive = storage('nfs', 'nfs');
    expect(storageUsage(inactive, GiB)).toEqual({ known: false });
    expect(storageUsage(undefined, GiB)).toEqual({ known: false });
    expect(storageUsage({ ...DIR, total: 0, used: 0, avail: 0 })).toEqual({ known: false });
    // Unknown free space never claims a disk does not fit.
    expect(doesNotFit(inactive, 10_000 * GiB)).toBe(false);
    // The API's zeros for an inactive storage are no figures either.
    const zeros = { ...inactive, active: false, total: 0, used: 0, avail: 0 };
    expect(storageUsage(zeros, GiB)).toEqual({ known: false });
    expect(doesNotFit(zeros, GiB)).toBe(false);
  });

  it('takes used from total and avail when the server left it out', () => {
    const { used: _used, ...noUsed } = LVM;
    expect(storageUsage(noUsed)).toMatchObject({ now: 0.71, after: 0.71 });
  });
});
