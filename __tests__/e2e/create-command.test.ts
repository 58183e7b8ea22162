/**
 * `pvevm create` and `pvevm --spec` as a user runs them: the real binary against a standalone
 * pvevm-sim, output piped (plain text), the password on standard input, the exit codes.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandaloneSim } from '../support/standalone-sim';
import { PVEVM_BIN, TmuxSession } from '../support/tmux';

let sim: ChildProcess | undefined;
let tmux: TmuxSession | undefined;
let server: { url: string; fingerprint: string };
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pvevm-create-'));
  const started = await startStandaloneSim(['--task-seconds', '0']);
  sim = started.process;
  server = started;
});
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
  sim?.kill('SIGTERM');
});

function pvevm(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'node',
      [PVEVM_BIN, ...args],
      { env: { ...process.env, XDG_CONFIG_HOME: dir, NO_COLOR: '' } },
      (error, out, err) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
    child.stdin!.end(stdin);
  });
}

function spec(data: unknown): string {
  const path = join(dir, 'vm.json');
  writeFileSync(path, JSON.stringify(data));
  return path;
}

it('creates from a spec with the password on stdin: a plain line per stage, exit 0', async () => {
  const file = spec({ version: 1, general: { name: 'from-spec' }, cpu: { cores: 4 } });
  const login = ['--server', server.url, '--fingerprint', server.fingerprint, '--user', 'root@pam'];
  const { code, out, err } = await pvevm(
    ['create', '--spec', file, ...login, '--password-stdin'],
    'proxmox\n',
  );
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(out).not.toContain('\x1b');
  expect(out).toContain('Creating VM 103 (from-spec) on pve1\n[ .. ] Create the VM\n');
  expect(out).toContain('[ ok ] Serial console (serial0=socket, vga=serial0)\n');
  expect(out).toMatch(/VM 103 was created on pve1\. Console: qm terminal 103\n$/);
  // The same spec again: the VM ID it named is taken now.
  const again = await pvevm(
    [
      'create',
      '--spec',
      spec({ version: 1, general: { vmid: 103 } }),
      ...login,
      '--password-stdin',
    ],
    'proxmox',
  );
  expect(again.code).toBe(1);
  expect(again.err).toBe('pvevm: VM ID 103 is in use (the next free one is 104)\n');
});

it('exit 2 for a bad spec (naming file and field) and for create without a way to log in', async () => {
  const bad = await pvevm([
    'create',
    '--dry-run',
    '--spec',
    spec({ version: 1, cpu: { cors: 2 } }),
  ]);
  expect(bad.code).toBe(2);
  // One report with every problem: the shape's, then the values a dry run lacks.
  const file = join(dir, 'vm.json');
  expect(bad.err).toBe(
    [
      `pvevm: ${file}: cpu.cors: unknown key`,
      `${file}: general.node: Choose a node`,
      `${file}: general.vmid: VM ID is required`,
      `${file}: os.iso: Choose an ISO image`,
      '',
    ].join('\n'),
  );
  const noLogin = await pvevm(['create', '--spec', spec({ version: 1 }), '--server', server.url]);
  expect(noLogin.code).toBe(2);
  expect(noLogin.err).toContain('needs an API token');
  expect((await pvevm(['create'])).code).toBe(2);
});

it('pvevm --spec opens the wizard with the spec’s answers', async () => {
  const file = spec({ version: 1, general: { vmid: 150, name: 'templated' } });
  tmux = TmuxSession.start({
    args: ['--demo', '--spec', file],
    env: { XDG_CONFIG_HOME: dir },
  });
  await tmux.waitFor((s) => s.includes('(pve)'));
  tmux.type('demo-pass');
  tmux.sendKeys('Enter');
  const general = await tmux.waitFor(
    (s) => s.includes('templated') && /VM ID ─+┐\n\s*│ 1\d\d /.test(s),
  );
  // A template's VM ID is not reused: the next free one is filled in.
  expect(general).not.toMatch(/│ 150 /);
});

it('exit 2 for a --ca file that is missing (named, no ENOENT) or not PEM, in create and the wizard', async () => {
  const missing = join(dir, 'no-such-ca.pem');
  const notPem = join(dir, 'not-pem.pem');
  writeFileSync(notPem, 'this is no certificate\n');
  for (const command of [['create', '--spec', spec({ version: 1 })], []]) {
    const gone = await pvevm([...command, '--server', server.url, '--ca', missing]);
    expect(gone).toMatchObject({
      code: 2,
      err: `pvevm: The CA file ${missing} (--ca) does not exist\n`,
    });
    const text = await pvevm([...command, '--server', server.url, '--ca', notPem]);
    expect(text.code).toBe(2);
    expect(text.err).toMatch(/^pvevm: The CA file .*not-pem\.pem \(--ca\) is not in PEM form/);
  }
});

describe('an explicit choice the server lacks stops create with exit 2, naming field and value', () => {
  const login = () => [
    '--server',
    server.url,
    '--fingerprint',
    server.fingerprint,
    '--user',
    'root@pam',
    '--password-stdin',
  ];
  it.each<[string, unknown, string]>([
    [
      'node',
      { general: { node: 'pve9' } },
      "general.node: node 'pve9' does not exist in this cluster (available: pve1, pve2)",
    ],
    [
      'node offline',
      { general: { node: 'pve3' } },
      "general.node: node 'pve3' is not online (online: pve1, pve2)",
    ],
    [
      'disk storage',
      { disks: [{ storage: 'local-lvmm' }] },
      "disks[0].storage: storage 'local-lvmm' does not exist on node pve1 (available: local-lvm, ceph-pool)",
    ],
    [
      'ISO storage',
      { os: { isoStorage: 'nfs-iso' } },
      "os.isoStorage: ISO storage 'nfs-iso' does not exist on node pve1 (available: local, cephfs)",
    ],
    [
      'ISO',
      { os: { iso: 'cephfs:iso/debian-13.iso' } },
      "os.iso: ISO image 'cephfs:iso/debian-13.iso' does not exist on storage cephfs on node pve1",
    ],
    [
      'bridge',
      { network: { bridge: 'vmbr7' } },
      "network.bridge: bridge 'vmbr7' does not exist on node pve1 (available: vmbr0, vmbr9)",
    ],
  ])('%s', async (_kind, data, message) => {
    const { code, out, err } = await pvevm(
      ['create', '--spec', spec({ version: 1, ...(data as object) }), ...login()],
      'proxmox\n',
    );
    expect(err).toBe(`pvevm: ${message}\n`);
    expect(code).toBe(2);
    expect(out).not.toContain('Creating VM');
  });

  it.each<[string, unknown, string]>([
    [
      // pve-manager Architecture.js allowedMachines.aarch64: the default (virt) only.
      'q35 on the aarch64 node',
      { general: { node: 'pve2' }, system: { machine: 'q35' } },
      'system.machine: An aarch64 node has one machine type: the default (virt)',
    ],
    [
      // MachineEdit.js lists only the chosen type's versions.
      'a machine version of another type',
      { system: { machine: 'q35', machineVersion: 'pc-i440fx-9.0' } },
      'system.machineVersion: pc-i440fx-9.0 is not a version of q35',
    ],
  ])('refused by the spec check, named by file and field: %s', async (_kind, data, message) => {
    const file = spec({ version: 1, ...(data as object) });
    const { code, out, err } = await pvevm(['create', '--spec', file, ...login()], 'proxmox\n');
    expect(err).toBe(`pvevm: ${file}: ${message}\n`);
    expect(code).toBe(2);
    expect(out).not.toContain('Creating VM');
  });

  it('values left open get defaults, and the output says which', async () => {
    const { code, out } = await pvevm(
      [
        'create',
        '--spec',
        spec({ version: 1, general: { node: 'pve2' }, network: { bridge: 'vmbr0' } }),
        ...login(),
      ],
      'proxmox\n',
    );
    expect(code).toBe(0);
    expect(out.split('Creating VM')[0]!.split('\n')).toEqual([
      'general.vmid: 103 (default)',
      'os.isoStorage: cephfs (default)',
      expect.stringMatching(
        // pve2 is the simulator's aarch64 node: the aarch64 image is its default.
        /^os\.iso: cephfs:iso\/nixos-minimal-.*-aarch64-linux\.iso \(default\)$/,
      ),
      'system.efiStorage: ceph-pool (default)',
      'disks[0].storage: ceph-pool (default)',
      '',
    ]);
    expect(out).toContain('Creating VM 103 on pve2\n');
  });
});
