/**
 * Importing a disk image (`import-from`, Proxmox VE 8.2+, so on 8.3 and 9.1): the web UI's
 * HDEdit.js lists the images of storages with `import` content (qcow2, vmdk, raw) and sends
 * `<storage>:0,import-from=<volid>`; qemu-server (API2/Qemu.pm `check_drive_param`,
 * `import_from_volid`) refuses another size than 0 and fails the task for a missing image.
 */
import { defaultDisk } from '../../lib/model/config';
import { loadImportImages } from '../../lib/loaders/import-images';
import { diskParams } from '../../lib/model/payload';
import { validateSection } from '../../lib/model/schemas';
import { ProxmoxError } from '../../services/errors';
import { ROOT_USER } from '../../services/simulator/datasets';
import apiSchema from '../../services/simulator/api-schema.json';
import { validateParams, type EndpointSchema } from '../../services/simulator/validate';
import { waitForTask } from '../../services/tasks';
import { validConfig } from '../support/configs';
import { MemoryApi } from '../support/memory-api';
import { simulator, type SimSetup } from '../support/simulator';

const schemas = apiSchema as unknown as Record<string, Record<string, EndpointSchema>>;
const IMAGE = 'local:import/debian-12-genericcloud-amd64.qcow2';
const imported = { ...defaultDisk('scsi', 0, 'ceph-pool'), source: 'import' as const };

describe('the model', () => {
  it('an imported disk: <storage>:0,import-from=<volid> (HDEdit.js), the size left out', () => {
    const params = diskParams([{ ...imported, importFrom: IMAGE }], 'virtio-scsi-single');
    expect(params).toEqual({
      scsi0: `ceph-pool:0,import-from=${IMAGE},format=raw,iothread=1,ssd=1,aio=io_uring`,
    });
    for (const version of ['8.3', '9.1'])
      expect(
        validateParams(schemas[version]!['POST /nodes/{node}/qemu']!, {
          node: 'pve1',
          vmid: '100',
          ...(params as Record<string, string>),
        }),
      ).toEqual({});
  });

  it('import needs an image; the size is not checked then', () => {
    const c = validConfig();
    c.disks[0] = { ...imported, size: '' };
    expect(validateSection(c, 'disks')).toEqual([
      { section: 'disks', field: '[0].importFrom', message: 'Choose a disk image to import' },
    ]);
    c.disks[0].importFrom = IMAGE;
    expect(validateSection(c, 'disks')).toEqual([]);
  });
});

describe('the loader', () => {
  it('lists the images of every import storage that a disk can take (no OVA)', async () => {
    const api = new MemoryApi();
    api.cluster.storages.pve1 = [
      ...(api.cluster.storages.pve1 ?? []),
      {
        storage: 'nfs-import',
        type: 'nfs',
        content: ['import'],
        enabled: true,
        active: true,
        shared: true,
      },
    ];
    api.cluster.imports = {
      'nfs-import': [
        { volid: 'nfs-import:import/b.vmdk', format: 'vmdk', size: 1 },
        { volid: 'nfs-import:import/a.ova', format: 'ova', size: 1 },
        { volid: 'nfs-import:import/a.qcow2', format: 'qcow2', size: 1 },
      ],
    };
    const images = await loadImportImages(api, 'pve1');
    expect(images.map((i) => i.volid)).toEqual([
      'nfs-import:import/a.qcow2',
      'nfs-import:import/b.vmdk',
    ]);
  });
});

describe.each(['8.3', '9.1'] as const)('the simulator as Proxmox VE %s', (version) => {
  let s: SimSetup;
  beforeAll(async () => {
    s = await simulator({ version });
  });
  afterAll(() => s.sim.close());

  async function client() {
    const c = s.client();
    await c.login({
      username: ROOT_USER.username,
      realm: ROOT_USER.realm,
      password: ROOT_USER.password,
    });
    return c;
  }

  it('lists import content and creates the disk with the image size', async () => {
    const c = await client();
    const images = await c.importImages('pve1', 'local');
    expect(images.map((i) => `${i.volid} ${i.format}`)).toContain(`${IMAGE} qcow2`);
    expect(images.map((i) => i.format)).toEqual(expect.arrayContaining(['vmdk', 'raw', 'ova']));
    const upid = await c.createVm('pve1', {
      vmid: 300,
      scsi0: `ceph-pool:0,import-from=${IMAGE},format=raw,iothread=1`,
    });
    const result = await waitForTask(c, upid, { clock: s.clock });
    expect(result).toMatchObject({ ok: true });
    expect(s.sim.state.vms.get(300)!.config.scsi0).toBe(
      'ceph-pool:vm-300-disk-0,iothread=1,size=2G',
    );
  });

  it('refuses a size other than 0, and fails the task for a missing image', async () => {
    const c = await client();
    const refused = await c
      .createVm('pve1', { vmid: 301, scsi0: `ceph-pool:32,import-from=${IMAGE}` })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProxmoxError);
    expect((refused as ProxmoxError).errors).toEqual({
      scsi0: "'import-from' requires special syntax - use <storage ID>:0,import-from=<source>",
    });
    const upid = await c.createVm('pve1', {
      vmid: 302,
      scsi0: 'ceph-pool:0,import-from=local:import/gone.qcow2',
    });
    const result = await waitForTask(c, upid, { clock: s.clock });
    expect(result).toMatchObject({ ok: false });
    expect(result.exitStatus).toContain('could not get size of local:import/gone.qcow2');
  });
});
