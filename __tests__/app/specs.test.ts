/**
 * Specs: the wizard saves its answers; `pvevm create --spec` creates the same VM from them
 * through the same schemas, loaders and orchestration; `--dry-run` shows the call; bad specs
 * are refused naming the file and the field.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateCommandOptions } from '../../lib/create-command';
import { readSpecFile } from '../../lib/spec-file';
import { defaultConfig } from '../../lib/model/config';
import type { Settings } from '../../lib/settings';
import { DEMO_TOKEN } from '../../services/simulator/datasets';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { createInProcess } from '../support/create-command';
import { snapshotScreen } from '../support/harness';
import { loginApp, logInAsRoot } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp> | undefined;
let dir: string;
beforeEach(async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0, port: 48120 });
  // One fixed folder, emptied for each test: the save dialog's snapshot shows the path.
  dir = join(tmpdir(), 'pvevm-specs-test');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
});
afterEach(async () => {
  t?.h.destroy();
  t = undefined;
  await sim.close();
});

const createCalls = () => sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');

function runCreate(spec: string, extra: Partial<CreateCommandOptions> = {}) {
  return createInProcess(sim, dir, spec, extra);
}

function writeSpec(data: unknown): string {
  const path = join(dir, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

it('round trip: the wizard saves a spec; create --spec sends the same parameters as the wizard did', async () => {
  t = loginApp(sim, { generalCheckDelayMs: 0, specDir: dir });
  await logInAsRoot(t);
  await t.h.press('tab', 'tab');
  await t.h.type('web-01');
  for (let i = 0; i < 7; i++) await t.h.press('C-n');
  expect(t.app.controller.state.step).toBe('confirm');
  await t.h.press('f3');
  expect(t.h.text()).toContain('Save the answers as a spec');
  expect(t.h.text()).toContain(join(dir, 'web-01.json'));
  await snapshotScreen(t.h, 'confirm-save-spec-80x24');
  await t.h.press('enter');
  expect(t.h.text()).toContain(`Saved the answers to ${join(dir, 'web-01.json')}`);
  const saved = JSON.parse(readFileSync(join(dir, 'web-01.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  expect(saved).toMatchObject({ version: 1, general: { name: 'web-01', vmid: 103, node: 'pve1' } });
  // Readable by its owner only, like everything pvevm writes.
  expect(statSync(join(dir, 'web-01.json')).mode & 0o777).toBe(0o600);

  // Saving again never overwrites: the dialog says so and keeps the name typed.
  await t.h.press('f3', 'enter');
  expect(t.h.text()).toContain('exists already: choose another name');
  await t.h.press('escape');

  await t.h.press('C-n');
  expect(t.app.controller.state.step).toBe('done');
  const wizard = createCalls()[0]!.params;

  sim.state.vms.delete(103);
  sim.state.ha.splice(0);
  const { code, stdout, stderr } = await runCreate(join(dir, 'web-01.json'));
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(createCalls()).toHaveLength(2);
  expect(createCalls()[1]!.params).toEqual(wizard);
  expect(stdout.split('\n')).toEqual([
    'Creating VM 103 (web-01) on pve1',
    '[ .. ] Create the VM',
    '[ ok ] Create the VM',
    '[ .. ] Wait for the create task',
    '[ ok ] Wait for the create task: OK',
    '[ .. ] Serial console (serial0=socket, vga=serial0)',
    '[ ok ] Serial console (serial0=socket, vga=serial0)',
    '[ .. ] High Availability',
    '[ ok ] High Availability',
    '[ -- ] Start: not requested',
    'VM 103 was created on pve1. Console: qm terminal 103',
    '',
  ]);
});

it('a partial spec is completed the way the wizard would: node, next VM ID, ISO, storages', async () => {
  const spec = writeSpec({ version: 1, general: { name: 'db-1' }, memory: { memory: 4096 } });
  const { code } = await runCreate(spec, { password: undefined, settings: tokenSettings() });
  expect(code).toBe(0);
  const params = createCalls()[0]!.params;
  expect(params).toMatchObject({ name: 'db-1', memory: '4096', vmid: '103', cpu: 'host' });
  expect(params.ide2).toMatch(/^cephfs:iso\/nixos-minimal-.*,media=cdrom$/);
});

function tokenSettings(): Settings {
  return {
    server: sim.url,
    token: DEMO_TOKEN.id,
    tokenSecret: DEMO_TOKEN.secret,
    tls: { fingerprint: sim.fingerprint },
    defaults: {},
    demo: false,
    configFile: join(dir, 'config.json'),
    theme: 'auto',
  };
}

it('refuses bad specs naming the file and the field, and exits 2', async () => {
  const cases: [unknown, string[]][] = [
    ['{ not json', ['not valid JSON (']],
    [{ version: 1, general: { nmae: 'x' } }, ['general.nmae: unknown key']],
    [{ version: 1, cpu: { cores: true } }, ['cpu.cores: must be a number']],
    [
      { version: 1, general: { node: 'pve1', vmid: 5 }, cpu: { cores: 0 } },
      ['general.vmid: VM ID', 'cpu.cores:'],
    ],
  ];
  for (const [data, messages] of cases) {
    const spec = writeSpec(data);
    const { code, stderr } = await runCreate(spec, { dryRun: true });
    expect(code).toBe(2);
    for (const m of messages) expect(stderr).toContain(m);
    expect(stderr.startsWith(`pvevm: ${spec}: `)).toBe(true);
  }
  expect((await runCreate(join(dir, 'missing.json'))).stderr).toBe(
    `pvevm: ${join(dir, 'missing.json')}: no such file\n`,
  );
  expect(createCalls()).toHaveLength(0);
});

it('one report names every problem of a spec, shape and values, before logging in', async () => {
  const spec = writeSpec({
    version: 1,
    cpu: { cors: 2, sockets: 0 },
    memory: { memory: 1 },
    disks: [{ size: 0 }],
  });
  const { code, stderr } = await runCreate(spec);
  expect(code).toBe(2);
  expect(stderr.split('\n')).toEqual([
    `pvevm: ${spec}: cpu.cors: unknown key`,
    `${spec}: disks[0].size: Disk size must be a number above 0 and at most 131072 GiB`,
    `${spec}: cpu.sockets: Sockets must be a whole number between 1 and 256`,
    `${spec}: memory.memory: Memory must be a whole number between 16 and 4194304`,
    '',
  ]);
  expect(sim.requests).toHaveLength(0);
});

it('--dry-run prints the parameters and the qm create line, and creates nothing', async () => {
  const config = defaultConfig();
  const spec = writeSpec({
    version: 1,
    general: { node: 'pve1', vmid: 120, name: 'web-01', tags: ['prod'] },
    os: { iso: 'cephfs:iso/nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso' },
    disks: [{ size: 64 }, { bus: 'virtio', size: 8 }],
    network: { vlan: 20 },
    confirm: { startAfterCreate: true },
  });
  expect(config.general.vmid).toBe('');
  const { code, stdout } = await runCreate(spec, { dryRun: true });
  expect(code).toBe(0);
  expect(stdout).toMatchSnapshot('dry-run');
  expect(sim.requests).toHaveLength(0);
});

it('--dry-run prints commands that bash reads back as the same parameters, then the calls after it', async () => {
  const spec = writeSpec({
    version: 1,
    general: { node: 'pve1', vmid: 120, name: 'web-01', tags: ['prod', 'web'] },
    os: { iso: 'cephfs:iso/nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso' },
    disks: [{ size: 64 }, { bus: 'virtio', size: 8 }],
    confirm: { startAfterCreate: true },
  });
  const { code, stdout } = await runCreate(spec, { dryRun: true });
  expect(code).toBe(0);
  const lines = stdout.split('\n');
  const params = Object.fromEntries(
    lines
      .filter((l) => /^ {2}[a-z0-9-]+=/.test(l))
      .map((l) => l.trim().split(/=(.*)/s).slice(0, 2)),
  );
  // From the first comment on, the output is a script for the node's shell.
  const script = lines.slice(lines.findIndex((l) => l.startsWith('# '))).join('\n');
  const create = lines.filter((l) => l.startsWith('qm create') || l.startsWith('  --'));
  expect(create[0]).toBe('qm create 120 \\');
  expect(create.slice(0, -1).every((l) => l.endsWith(' \\'))).toBe(true);
  expect(create.at(-1)).not.toMatch(/\\$/);
  execFileSync('bash', ['-n', '-c', script]);
  const shim = `qm() { printf '%s\\n' "$@" ---; }; ha-manager() { printf '%s\\n' ha-manager "$@" ---; }\n`;
  const words = execFileSync('bash', ['-c', shim + script], { encoding: 'utf8' }).split('\n');
  const calls: string[][] = [];
  let call: string[] = [];
  for (const w of words.slice(0, -1)) {
    if (w === '---') {
      calls.push(call);
      call = [];
    } else call.push(w);
  }
  const [qmCreate, ...after] = calls;
  expect(qmCreate!.slice(0, 2)).toEqual(['create', '120']);
  const fromShell: Record<string, string> = { vmid: '120' };
  for (let i = 2; i < qmCreate!.length; i += 2)
    fromShell[qmCreate![i]!.slice(2)] = qmCreate![i + 1]!;
  expect(fromShell).toEqual(params);
  expect(fromShell.tags).toBe('prod;web');
  expect(after).toEqual([
    ['set', '120', '--serial0', 'socket', '--vga', 'serial0'],
    ['ha-manager', 'add', 'vm:120', '--state', 'stopped'],
    ['start', '120'],
  ]);
});

it('exit 1 with the reason: the VM ID is taken, or the server refuses the create', async () => {
  const spec = writeSpec({ version: 1, general: { vmid: 105 } });
  const taken = await runCreate(spec);
  expect(taken.code).toBe(1);
  expect(taken.stderr).toBe('pvevm: VM ID 105 is in use (the next free one is 103)\n');
  sim.fault('POST /nodes/{node}/qemu', {
    status: 400,
    message: 'Parameter verification failed.',
    errors: { memory: 'value must have a minimum value of 16' },
  });
  const refused = await runCreate(writeSpec({ version: 1 }));
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('VM creation failed: Parameter verification failed.');
  expect(refused.stderr).toContain('  memory: value must have a minimum value of 16');
  const noLogin = await runCreate(writeSpec({ version: 1 }), { password: undefined });
  expect(noLogin.code).toBe(2);
  expect(noLogin.stderr).toContain('--user with --password-stdin');
});

it('the wizard opens a spec as a template: every answer but the VM ID', async () => {
  const spec = writeSpec({
    version: 1,
    general: { vmid: 150, name: 'tmpl' },
    memory: { memory: 8192 },
  });
  const { config } = readSpecFile(spec, { config: defaultConfig(), explicit: [] });
  config.general.vmid = '';
  t = loginApp(sim, { generalCheckDelayMs: 0, config });
  await logInAsRoot(t);
  expect(t.app.controller.state.config.general).toMatchObject({ name: 'tmpl', vmid: '103' });
  expect(t.app.controller.state.config.memory.memory).toBe('8192');
});

describe('a VM ID another client takes just before the create call', () => {
  it("the spec's own VM ID: exit 1, said plainly with the next free one, one create call", async () => {
    sim.fault('POST /nodes/{node}/qemu', { vmidTakenOn: 'pve2', times: 1 });
    const { code, stdout, stderr } = await runCreate(
      writeSpec({ version: 1, general: { vmid: 120 } }),
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      'pvevm: VM ID 120 was taken by another client (it is a VM on pve2 now): nothing was created (the next free one is 103)\n',
    );
    expect(stdout).not.toMatch(/general\.vmid/);
    expect(createCalls().map((r) => r.params.vmid)).toEqual(['120']);
  });

  it('a VM ID the spec left open is a default: fetched again once, saying so', async () => {
    sim.fault('POST /nodes/{node}/qemu', { vmidTakenOn: 'pve2', times: 1 });
    const { code, stdout, stderr } = await runCreate(writeSpec({ version: 1 }));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'network.bridge: vmbr9 (default)\n' +
        'Creating VM 103 on pve1\n' +
        '[ .. ] Create the VM\n' +
        "[FAIL] Create the VM: unable to create VM 103 - VM 103 already exists on node 'pve2'\n" +
        'VM ID 103 was taken by another client (it is a VM on pve2 now): nothing was created; trying once more with the next free one\n' +
        'general.vmid: 104 (default)\n' +
        'Creating VM 104 on pve1\n',
    );
    expect(stdout).toMatch(/VM 104 was created on pve1\. Console: qm terminal 104\n$/);
    expect(createCalls().map((r) => [r.params.vmid, r.status])).toEqual([
      ['103', 500],
      ['104', 200],
    ]);
  });

  it('taken again on the retry: exit 1, no third create call', async () => {
    sim.fault('POST /nodes/{node}/qemu', { vmidTakenOn: 'pve2', times: 2 });
    const { code, stderr } = await runCreate(writeSpec({ version: 1 }));
    expect(code).toBe(1);
    expect(stderr).toBe(
      'pvevm: VM ID 104 was taken by another client (it is a VM on pve2 now): nothing was created\n',
    );
    expect(createCalls().map((r) => r.params.vmid)).toEqual(['103', '104']);
  });
});
