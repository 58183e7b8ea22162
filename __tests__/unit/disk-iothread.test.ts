/**
 * IO thread follows the bus and the SCSI controller, as the web UI's HDEdit.js binds it
 * (pve-manager www/manager6/qemu/HDEdit.js: the checkbox is `{!!isVirtIO || (isSCSI &&
 * isSCSISingle)}` inside the wizard) and as qemu-server uses it (src/PVE/QemuServer.pm
 * `config_to_command`: on SCSI only with `virtio-scsi-single`, otherwise "iothread is only valid
 * with virtio disk or virtio-scsi-single controller, ignoring").
 */
import { iothreadApplies, iothreadUnavailable } from '../../lib/model/availability';
import { defaultConfig, defaultDisk, type VmConfig } from '../../lib/model/config';
import { updateDisk, updateSection } from '../../lib/model/derive';
import type { DiskBus, ScsiController } from '../../lib/model/options';
import { createParams, diskParams } from '../../lib/model/payload';
import { summary } from '../../lib/model/summary';
import { validateSection } from '../../lib/model/schemas';
import { validConfig } from '../support/configs';

const options = { haManagedParam: true, allowKsmParam: true };

describe('IO thread per bus and SCSI controller (HDEdit.js, QemuServer.pm)', () => {
  const table: [DiskBus, ScsiController, boolean][] = [
    ['virtio', 'virtio-scsi-single', true],
    ['virtio', 'lsi', true],
    ['virtio', 'default', true],
    ['scsi', 'virtio-scsi-single', true],
    ['scsi', 'virtio-scsi-pci', false],
    ['scsi', 'lsi', false],
    ['scsi', 'lsi53c810', false],
    ['scsi', 'megasas', false],
    ['scsi', 'pvscsi', false],
    ['scsi', 'default', false],
    ['sata', 'virtio-scsi-single', false],
    ['ide', 'virtio-scsi-single', false],
  ];

  it.each(table)('%s with %s: IO thread %s', (bus, scsihw, applies) => {
    expect(iothreadApplies(bus, scsihw)).toBe(applies);
    expect(iothreadUnavailable(bus, scsihw) === undefined).toBe(applies);
    const disk = { ...defaultDisk(bus, 0, 'ceph-pool'), iothread: true };
    const [, value] = Object.entries(diskParams([disk], scsihw))[0]!;
    expect(String(value).includes('iothread=1')).toBe(applies);
  });

  it('says why at the field', () => {
    expect(iothreadUnavailable('sata', 'virtio-scsi-single')).toBe('SCSI and VirtIO Block only');
    expect(iothreadUnavailable('scsi', 'virtio-scsi-pci')).toBe(
      'SCSI: only with the VirtIO SCSI single controller (System)',
    );
  });

  function withController(c: VmConfig, scsihw: ScsiController): VmConfig {
    return updateSection(c, 'system', { scsihw });
  }

  it('the create call never sends iothread where it has no effect', () => {
    const c = withController(validConfig(), 'virtio-scsi-pci');
    const params = createParams(c, options);
    expect(params.scsi0).toBe('ceph-pool:32,format=raw,ssd=1,aio=io_uring');
    expect(params.scsihw).toBe('virtio-scsi-pci');
  });

  it('a controller change re-derives IO thread unless the user set it', () => {
    let c = validConfig();
    c = updateDisk(c, 0, {}); // untouched first disk
    c = withController(c, 'lsi');
    expect(createParams(c, options).scsi0).not.toContain('iothread');
    expect(JSON.stringify(summary(c))).not.toContain('IO thread');
    c = withController(c, 'virtio-scsi-single');
    expect(createParams(c, options).scsi0).toContain('iothread=1');
    // Switched off by the user: stays off across controller changes.
    c = updateDisk(c, 0, { iothread: false });
    c = withController(withController(c, 'lsi'), 'virtio-scsi-single');
    expect(createParams(c, options).scsi0).not.toContain('iothread');
  });

  it('bus SCSI -> SATA -> SCSI restores the defaults, and a VirtIO Block disk keeps it', () => {
    let c = defaultConfig();
    c = updateDisk(c, 0, { bus: 'sata' });
    expect(c.disks[0]).toMatchObject({ bus: 'sata', iothread: false, ssd: true });
    c = updateDisk(c, 0, { bus: 'scsi' });
    expect(c.disks[0]).toMatchObject({ bus: 'scsi', iothread: true, ssd: true });
    c = updateDisk(c, 0, { bus: 'virtio' });
    c = withController(c, 'lsi');
    expect(diskParams(c.disks, c.system.scsihw).virtio0).toContain('iothread=1');
  });

  it('IO thread on a SCSI disk with another controller is no problem (it is not sent)', () => {
    const c = withController(validConfig(), 'megasas');
    expect(c.disks[0]!.iothread).toBe(true);
    expect(validateSection(c, 'disks')).toEqual([]);
  });
});
