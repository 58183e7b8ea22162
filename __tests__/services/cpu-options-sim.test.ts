/**
 * The simulator takes the CPU step's advanced options as qemu-server does
 * (src/PVE/QemuServer/CPUConfig.pm `validate_vm_cpu_conf`, `supported_cpu_flags`; pve-common
 * `pve-cpuset`): on 8.3 without `nested-virt`, which came with 9.1.
 */
import { ProxmoxError } from '../../services/errors';
import { ROOT_USER } from '../../services/simulator/datasets';
import { simulator, type SimSetup } from '../support/simulator';

const root = { username: ROOT_USER.username, realm: ROOT_USER.realm, password: ROOT_USER.password };

describe.each(['8.3', '9.1'] as const)('Proxmox VE %s', (version) => {
  let s: SimSetup;
  beforeAll(async () => {
    s = await simulator({ version });
  });
  afterAll(() => s.sim.close());

  async function create(vmid: number, params: Record<string, string | number>) {
    const client = s.client();
    await client.login(root);
    return client.createVm('pve1', { vmid, ...params }).then(
      () => undefined,
      (err: unknown) => (err instanceof ProxmoxError ? err.errors : err),
    );
  }

  it('every advanced CPU option and shares are accepted', async () => {
    await expect(
      create(150, {
        cpu: 'x86-64-v2-AES,flags=+md-clear;-pcid;+aes',
        vcpus: 2,
        cpulimit: 1.5,
        cpuunits: 200,
        affinity: '0,5,8-11',
        numa: 1,
        memory: '2048',
        balloon: 1024,
        shares: 500,
      }),
    ).resolves.toBeUndefined();
  });

  it('a flag outside the VM list, an unknown type and a bad CPU set are refused', async () => {
    const errors = await create(151, { cpu: 'Nehalem-X,flags=+avx', affinity: '3-1' });
    expect(errors).toMatchObject({
      cpu: expect.stringContaining('VM-specific CPU flags must be a subset of'),
      affinity: expect.stringContaining('CPU set'),
    });
    expect(await create(152, { cpu: 'Nehalem-X' })).toMatchObject({
      cpu: expect.stringContaining("Built-in cputype 'Nehalem-X' is not defined"),
    });
  });

  it(`nested-virt is ${version === '8.3' ? 'refused' : 'accepted'}`, async () => {
    const result = await create(153, { cpu: 'host,flags=+nested-virt' });
    if (version === '9.1') expect(result).toBeUndefined();
    else expect(result).toMatchObject({ cpu: expect.stringContaining('subset of: md-clear') });
  });
});
