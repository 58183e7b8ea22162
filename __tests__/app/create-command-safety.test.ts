/**
 * `pvevm create` in-process against the simulator: what it prints from the server (task errors,
 * per-parameter errors) reaches standard output and error shown, never obeyed; and the
 * privileges the create needs and the user lacks stop it (exit 2) before anything is posted.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../../lib/settings';
import { HOSTILE } from '../../services/simulator/clusters/hostile';
import { LIMITED_TOKEN, LIMITED_USER } from '../../services/simulator/datasets';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { createInProcess } from '../support/create-command';

let sim: Simulator;
let dir: string;
beforeEach(async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0 });
  dir = mkdtempSync(join(tmpdir(), 'pvevm-output-'));
});
afterEach(() => sim.close());

async function create(
  login: Partial<Settings> = {},
  answers: object = { general: { name: 'safe' } },
  password = 'proxmox',
) {
  const spec = join(dir, 'vm.json');
  writeFileSync(spec, JSON.stringify({ version: 1, ...answers }));
  return createInProcess(sim, dir, spec, { login, password });
}

// ESC, BEL, the other C0 controls but the line break, DEL and the C1 controls (0x9b is CSI).
// eslint-disable-next-line no-control-regex -- the point of the check
const OBEYED = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

it('a task error with a clear-screen, a title OSC, BEL and C1 controls is shown, not obeyed', async () => {
  sim.fault('POST /nodes/{node}/qemu', {
    taskError: `disk full ${HOSTILE.ansi} ${HOSTILE.control}`,
    times: 1,
  });
  const { code, stdout, stderr } = await create();
  expect(code).toBe(1);
  expect(stdout + stderr).toContain('disk full');
  expect(stdout).not.toMatch(OBEYED);
  expect(stderr).not.toMatch(OBEYED);
  // Made visible as the wizard shows it.
  expect(stdout + stderr).toContain('␛[2J');
  expect(stdout + stderr).toContain('␇');
});

it('per-parameter errors of a refused create are shown, not obeyed', async () => {
  sim.fault('POST /nodes/{node}/qemu', {
    status: 400,
    message: 'Parameter verification failed.',
    errors: { name: `bad ${HOSTILE.ansi}`, cores: HOSTILE.control },
    times: 1,
  });
  const { code, stdout, stderr } = await create();
  expect(code).toBe(1);
  expect(stderr).toContain('name: bad ␛[31mred␛]0;pwned␇␛[2J');
  expect(stdout).not.toMatch(OBEYED);
  expect(stderr).not.toMatch(OBEYED);
});

describe('permission preflight', () => {
  const posted = () => sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');
  const carol = { user: LIMITED_USER.username, realm: LIMITED_USER.realm };

  it('a user lacking privileges: exit 2 listing each with its field, nothing posted', async () => {
    const { code, stdout, stderr } = await create(carol, {}, LIMITED_USER.password);
    expect(code).toBe(2);
    expect(posted()).toEqual([]);
    expect(stdout).not.toContain('Creating VM');
    const vmid = /VM (\d+) needs/.exec(stderr)?.[1];
    expect(stderr.split('\n')).toEqual([
      'pvevm: the user lacks privileges this create needs (nothing was created):',
      `  general.pool: VM ${vmid} needs VM.Allocate, VM.Config.CPU, VM.Config.HWType, VM.Config.Memory, VM.Config.Network, VM.Config.Options on /vms/${vmid}`,
      '  system.efiStorage: the EFI disk needs Datastore.AllocateSpace on /storage/ceph-pool',
      '  disks[0].storage: the drive scsi0 needs Datastore.AllocateSpace on /storage/ceph-pool',
      '  network.bridge: the bridge vmbr9 needs SDN.Use on /sdn/zones/localnetwork/vmbr9',
      '  general.ha: High Availability needs Sys.Console on /',
      '',
    ]);
  });

  it('the same user with values it may use: created', async () => {
    const { code, stderr } = await create(
      carol,
      {
        general: { pool: 'lab', ha: false },
        system: { efiStorage: 'local-lvm' },
        disks: [{ storage: 'local-lvm', size: 8 }],
        network: { bridge: 'vmbr0' },
      },
      LIMITED_USER.password,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(posted()).toHaveLength(1);
  });

  it('a privilege-separated token with no rights of its own: exit 2 before posting', async () => {
    const { code, stderr } = await create({
      user: undefined,
      token: LIMITED_TOKEN.id,
      tokenSecret: LIMITED_TOKEN.secret,
    });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'os.iso: the ISO image needs Datastore.AllocateSpace or Datastore.Audit on /storage/cephfs',
    );
    expect(posted()).toEqual([]);
  });

  it('root@pam lacks nothing', async () => {
    const { code, stderr } = await create();
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
