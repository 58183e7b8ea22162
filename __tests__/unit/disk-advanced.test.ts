/**
 * The Disks step's advanced options as the web UI's HDEdit.js offers them (pve-manager
 * www/manager6/qemu/HDEdit.js: "Read-only" only on SCSI and VirtIO Block; the Bandwidth tab:
 * MB/s limits from 1 with decimals, ops/s limits whole numbers from 10, empty = unlimited, the
 * bursts empty = default) and as qemu-server takes them (src/PVE/QemuServer/Drive.pm: `ro` is
 * in the SCSI and VirtIO formats only; `mbps*` numbers, `iops*` integers). A burst alone or
 * below its limit is refused here: QEMU's util/throttle.c `throttle_is_valid` refuses it when
 * the VM starts ("bps_max/iops_max require corresponding bps/iops values", "cannot be lower").
 */
import { unavailableBusOptions } from '../../lib/model/availability';
import { defaultDisk, type DiskSettings } from '../../lib/model/config';
import { updateDisk } from '../../lib/model/derive';
import { diskParams } from '../../lib/model/payload';
import { validateSection } from '../../lib/model/schemas';
import { applySpec, specFromConfig } from '../../lib/model/spec';
import apiSchema from '../../services/simulator/api-schema.json';
import { validateParams, type EndpointSchema } from '../../services/simulator/validate';
import { validConfig } from '../support/configs';

const schemas = apiSchema as unknown as Record<string, Record<string, EndpointSchema>>;

const everything: Partial<DiskSettings> = {
  readOnly: true,
  mbpsRd: '100',
  mbpsRdMax: '150',
  mbpsWr: '50.5',
  mbpsWrMax: '80',
  iopsRd: '1000',
  iopsRdMax: '2000',
  iopsWr: '500',
  iopsWrMax: '800',
};

function problems(patch: Partial<DiskSettings>, bus: DiskSettings['bus'] = 'scsi') {
  const c = validConfig();
  c.disks[0] = { ...defaultDisk(bus, 0, 'ceph-pool'), ...patch };
  return validateSection(c, 'disks').map((i) => `${i.field}: ${i.message}`);
}

describe('advanced disk options (HDEdit.js, Drive.pm)', () => {
  it('default to off and unlimited', () => {
    expect(defaultDisk('scsi', 0, 'x')).toMatchObject({
      readOnly: false,
      mbpsRd: '',
      mbpsRdMax: '',
      mbpsWr: '',
      mbpsWrMax: '',
      iopsRd: '',
      iopsRdMax: '',
      iopsWr: '',
      iopsWrMax: '',
    });
  });

  it.each(['8.3', '9.1'])(
    'an advanced-everything disk: golden, in the web UI order, accepted by %s',
    (version) => {
      const disk = { ...defaultDisk('scsi', 0, 'ceph-pool'), ...everything };
      const params = diskParams([disk], 'virtio-scsi-single');
      expect(params).toEqual({
        scsi0:
          'ceph-pool:32,format=raw,iothread=1,ssd=1,ro=1,aio=io_uring,' +
          'mbps_rd=100,mbps_rd_max=150,mbps_wr=50.5,mbps_wr_max=80,' +
          'iops_rd=1000,iops_rd_max=2000,iops_wr=500,iops_wr_max=800',
      });
      const virtio = diskParams(
        [{ ...defaultDisk('virtio', 1, 'local-lvm'), ...everything }],
        'lsi',
      );
      const strings = { node: 'pve1', vmid: '100', ...params, ...virtio };
      expect(validateParams(schemas[version]!['POST /nodes/{node}/qemu']!, strings)).toEqual({});
    },
  );

  it('read-only only on SCSI and VirtIO Block: said at the field, refused, never sent', () => {
    expect(unavailableBusOptions('sata').ro).toBe('SCSI and VirtIO Block only');
    expect(unavailableBusOptions('ide').ro).toBe('SCSI and VirtIO Block only');
    expect(unavailableBusOptions('virtio').ro).toBeUndefined();
    expect(problems({ readOnly: true }, 'sata')).toEqual([
      '[0].readOnly: Read-only is only available on SCSI and VirtIO Block',
    ]);
    let c = validConfig();
    c = updateDisk(c, 0, { readOnly: true });
    c = updateDisk(c, 0, { bus: 'sata' });
    expect(c.disks[0]!.readOnly).toBe(false);
    expect(diskParams(c.disks, 'lsi').sata0).not.toContain('ro=');
  });

  it('empty is unlimited: nothing sent', () => {
    const params = diskParams([defaultDisk('scsi', 0, 'ceph-pool')], 'virtio-scsi-single');
    expect(params.scsi0).not.toMatch(/mbps|iops|ro=/);
  });

  it.each([
    [
      { mbpsRd: '0' },
      '[0].mbpsRd: Read limit (MB/s) must be a number of at least 1 (empty: unlimited)',
    ],
    [
      { mbpsWr: 'fast' },
      '[0].mbpsWr: Write limit (MB/s) must be a number of at least 1 (empty: unlimited)',
    ],
    [
      { iopsRd: '5' },
      '[0].iopsRd: Read limit (ops/s) must be a whole number of at least 10 (empty: unlimited)',
    ],
    [
      { iopsWr: '10.5' },
      '[0].iopsWr: Write limit (ops/s) must be a whole number of at least 10 (empty: unlimited)',
    ],
    [
      { iopsRd: '100', iopsRdMax: '9' },
      '[0].iopsRdMax: Read max burst (ops) must be a whole number of at least 10 (empty: default)',
    ],
    [
      { mbpsRdMax: '100' },
      '[0].mbpsRdMax: Read max burst (MB) needs a Read limit (MB/s): QEMU refuses a burst alone',
    ],
    [
      { iopsWr: '500', iopsWrMax: '400' },
      '[0].iopsWrMax: Write max burst (ops) must be at least the Write limit (ops/s), 500',
    ],
  ] as [Partial<DiskSettings>, string][])('%j: %s', (patch, message) => {
    expect(problems(patch)).toEqual([message]);
  });

  it('a spec writes and reads them (limits as numbers)', () => {
    const c = validConfig();
    c.disks[0] = { ...c.disks[0]!, ...everything };
    const spec = specFromConfig(c);
    expect((spec.disks as Record<string, unknown>[])[0]).toMatchObject({
      readOnly: true,
      mbpsWr: 50.5,
      iopsRd: 1000,
    });
    expect(applySpec(validConfig(), spec).disks[0]).toMatchObject(everything);
  });
});
