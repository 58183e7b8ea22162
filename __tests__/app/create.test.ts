import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { loginApp, logInAsRoot, nextToConfirm } from '../support/login-app';
import { snapshotScreen, type SnapshotOptions } from '../support/harness';

// A fresh cluster per test, on a fixed port, so ids and addresses in the snapshots are stable.
const PORT = 48116;
let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeEach(async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0, port: PORT });
});
afterEach(async () => {
  t?.h.destroy();
  await sim.close();
});

const snap = (id: string, options?: SnapshotOptions) => snapshotScreen(t.h, id, options);

const step = () => t.app.controller.state.step;
const text = () => t.h.text();
/** The screen's words without box lines, so wrapped sentences read whole. */
const flat = () =>
  t.h
    .lines()
    .map((l) => l.replace(/[│┌┐└┘─]/g, ' ').trim())
    .join(' ')
    .replace(/\s+/g, ' ');

async function toConfirm(specDir?: string) {
  t = loginApp(sim, { generalCheckDelayMs: 0, specDir });
  await logInAsRoot(t);
  await nextToConfirm(t);
}

const vmid = () => Number(t.app.controller.state.config.general.vmid);

describe('Confirm and creation', () => {
  it('Confirm shows the whole configuration, and the API parameters with the qm create line', async () => {
    await toConfirm();
    expect(text()).toContain('Node               pve1');
    await snap('confirm-summary-80x24', { light: true });
    await t.h.press('f2');
    // The real node in the path, then every call after the create, then the same as commands.
    expect(text()).toContain('POST /nodes/pve1/qemu with:');
    expect(text()).toContain('bios=ovmf');
    let seen = text();
    for (let i = 0; i < 6; i++) {
      await t.h.press('pagedown');
      seen += text();
    }
    expect(seen).toContain('then after creation vga becomes serial0 and serial0=socket is added');
    expect(seen).toContain(`PUT /nodes/pve1/qemu/${vmid()}/config with:`);
    expect(seen).toContain('POST /cluster/ha/resources with:');
    expect(seen).toContain(`qm create ${vmid()} \\`);
    expect(seen).toContain('  --agent 1 \\');
    expect(seen).toContain(`qm set ${vmid()} --serial0 socket --vga serial0`);
    expect(seen).toContain(`ha-manager add vm:${vmid()} --state stopped`);
    // The long ISO volume is continued with a trailing backslash, not wrapped mid-word.
    expect(seen).toMatch(/--ide2 cephfs:iso\/\S*\\│/);
    await snap('confirm-api-view-80x24');
  });

  it('F5 shows the commands alone, borderless: copied off the screen they are the create call', async () => {
    await toConfirm();
    await t.h.press('f2');
    await t.h.press('f5');
    const rows = t.h.lines().map((l) => l.replace(/ +$/, ''));
    await snap('confirm-commands-80x24');
    expect(rows[0]).toBe("# The same VM on pve1's shell; select with the mouse to copy");
    expect(rows).toContain('# Esc or F5 goes back; F3 saves them as a script');
    // Nothing but the commands and comments: no border, no padding at a row's start.
    expect(rows.join('\n')).not.toMatch(/[│┌┐└┘─]/);
    expect(rows.every((r) => r.length <= 80)).toBe(true);
    const script = rows.join('\n');
    execFileSync('bash', ['-n', '-c', script]);
    // The shell's words for qm: the same parameters the create call sends.
    const shim = `qm() { printf '%s\\n' "$*" >&2; [ "$1" = create ] && printf '%s\\n' "$@"; true; }; ha-manager() { printf '%s\\n' "ha-manager $*" >&2; }\n`;
    const words = execFileSync('bash', ['-c', shim + script], { encoding: 'utf8' }).split('\n');
    words.pop();
    expect(words.slice(0, 2)).toEqual(['create', String(vmid())]);
    const fromScreen: Record<string, string> = { vmid: String(vmid()) };
    for (let i = 2; i < words.length; i += 2)
      fromScreen[words[i]!.replace(/^--/, '')] = words[i + 1]!;
    await t.h.press('escape');
    expect(text()).toContain('API parameters and qm create');
    await t.h.press('C-n');
    expect(step()).toBe('done');
    const create = sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');
    expect(fromScreen).toEqual(create.at(-1)!.params);
  });

  it('F5 from the summary too; while the commands show, Ctrl-N and Ctrl-P do nothing', async () => {
    await toConfirm();
    await t.h.press('f5');
    expect(t.h.lines()[0]).toMatch(/^# The same VM on pve1's shell/);
    await t.h.press('C-n');
    await t.h.press('C-p');
    expect(step()).toBe('confirm');
    expect(sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu')).toHaveLength(0);
    expect(t.h.lines()[0]).toMatch(/^# The same VM on pve1's shell/);
    await t.h.press('f5');
    expect(text()).toContain('Summary');
    expect(text()).not.toContain('# The same VM');
  });

  it('F3 in the command sheet saves them as a 0600 bash script, never over a file', async () => {
    // A fixed folder: its path is in the snapshot.
    const dir = join(tmpdir(), 'pvevm-commands-test');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    await toConfirm(dir);
    await t.h.press('f5');
    expect(t.h.lines().join('\n')).toContain('F3 saves them as a script');
    await t.h.press('f3');
    const path = join(dir, `vm-${vmid()}-qm.sh`);
    expect(flat()).toContain("Save the node's commands as a script");
    expect(flat()).toContain(path);
    await snap('confirm-commands-save-80x24');
    await t.h.press('enter');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const script = readFileSync(path, 'utf8');
    expect(script.split('\n').slice(0, 4)).toEqual([
      '#!/bin/bash',
      `# pvevm: VM ${vmid()} as the wizard would create it, to run on pve1 (qm needs root).`,
      'set -e',
      `qm create ${vmid()} \\`,
    ]);
    execFileSync('bash', ['-n', path]);
    const shim = `qm() { printf '%s\\n' "$*"; }; ha-manager() { printf '%s\\n' "ha-manager $*"; }\n`;
    const calls = execFileSync('bash', ['-c', shim + script], { encoding: 'utf8' }).split('\n');
    expect(calls[0]).toMatch(new RegExp(`^create ${vmid()} --agent 1 --bios ovmf .*--sockets 1$`));
    expect(calls.slice(1, -1)).toEqual([
      `set ${vmid()} --serial0 socket --vga serial0`,
      `ha-manager add vm:${vmid()} --state stopped`,
    ]);
    // Said where the user looks: the sheet's last row (and the status line behind it).
    expect(t.h.lines().join('\n')).toContain(`# Saved the commands to ${path}`);
    // Again to the same path: refused with the reason, the file unchanged.
    await t.h.press('f3');
    await t.h.press('enter');
    expect(flat()).toContain(`${path} exists already`);
    expect(readFileSync(path, 'utf8')).toBe(script);
    await t.h.press('escape');
    await t.h.press('escape');
    expect(text()).toContain('Saved the commands to');
  });

  it('with all defaults, Ctrl-N creates the VM: serial console and HA configured', async () => {
    await toConfirm();
    await t.h.press('C-n');
    expect(step()).toBe('done');
    const vm = sim.state.vms.get(vmid())!;
    expect(vm.config).toMatchObject({
      serial0: 'socket',
      vga: 'serial0',
      bios: 'ovmf',
      scsihw: 'virtio-scsi-single',
      cpu: 'host',
      cores: 2,
    });
    expect(sim.state.ha).toContainEqual({ sid: `vm:${vmid()}`, state: 'stopped' });
    expect(text()).toContain(`VM ${vmid()} was created on pve1.`);
    expect(text()).toContain(`qm terminal ${vmid()}`);
    await snap('done-success-80x24', { light: true });
    await t.h.press('C-n');
    expect(step()).toBe('general');
    expect(t.app.controller.state.config.general.vmid).toBe(String(vmid()));
  });

  it('a VM ID taken meanwhile is caught at Confirm, and the next free one offered', async () => {
    await toConfirm();
    const taken = vmid();
    sim.state.vms.set(taken, {
      vmid: taken,
      node: 'pve2',
      config: { name: 'other' },
      status: 'stopped',
    });
    await t.h.press('C-p', 'C-n');
    expect(flat()).toContain(`VM ID ${taken} was taken by someone else meanwhile`);
    expect(flat()).toContain(`Use the next free VM ID, ${taken + 1}`);
    expect(text()).toContain('2 problems to fix before creating');
    await snap('confirm-problems-80x24');
    await t.h.press('C-n');
    expect(step()).toBe('confirm');
    await t.h.press('space', 'enter');
    expect(vmid()).toBe(taken + 1);
    expect(text()).not.toContain('was taken meanwhile');
  });

  it('a 400 with per-parameter errors returns to Confirm, keeps everything, and points at the field', async () => {
    await toConfirm();
    sim.fault('POST /nodes/{node}/qemu', {
      status: 400,
      message: 'Parameter verification failed.',
      errors: { cores: 'value must have a maximum value of 1' },
      times: 1,
    });
    await t.h.press('C-n');
    expect(step()).toBe('confirm');
    expect(text()).toContain('VM creation failed: Parameter verification failed.');
    expect(text()).toContain('CPU: cores: value must have a maximum value of 1');
    await snap('confirm-create-error-80x24');
    await t.h.press('space', 'enter');
    expect(step()).toBe('cpu');
  });

  it('a failing task returns to Confirm with the task log; no VM exists', async () => {
    await toConfirm();
    sim.fault('POST /nodes/{node}/qemu', { taskError: 'storage ceph-pool is full', times: 1 });
    await t.h.press('C-n');
    expect(step()).toBe('confirm');
    expect(text()).toContain('storage ceph-pool is full');
    expect(text()).toContain('TASK ERROR');
    expect(sim.state.vms.has(vmid())).toBe(false);
  });

  it('serial console failing after creation is reported, with the manual fix and a retry', async () => {
    await toConfirm();
    sim.fault('PUT /nodes/{node}/qemu/{vmid}/config', {
      status: 500,
      message: 'unable to write config',
      times: 1,
    });
    await t.h.press('C-n');
    expect(step()).toBe('done');
    expect(flat()).toContain(
      'but the serial console could not be configured: unable to write config',
    );
    expect(flat()).toContain(`qm set ${vmid()} --serial0 socket --vga serial0`);
    await snap('done-serial-error-80x24');
    await t.h.press('enter');
    expect(text()).toContain('Serial console: configured');
  });

  it('HA failing after creation is reported separately', async () => {
    await toConfirm();
    sim.fault('POST /cluster/ha/resources', {
      status: 500,
      message: 'cluster not ready - no quorum?',
      times: 1,
    });
    await t.h.press('C-n');
    expect(flat()).toContain('but it was not added to HA: cluster not ready - no quorum?');
  });

  it('shows each stage while the VM is being created', async () => {
    await toConfirm();
    sim.fault('GET /nodes/{node}/tasks/{upid}/status', { hang: true, times: 1 });
    const polls = () =>
      sim.requests.filter((r) => r.endpoint === 'GET /nodes/{node}/tasks/{upid}/status').length;
    const before = polls();
    await t.h.pressWhileBusy('C-n');
    // The create call (and the task list read before it) are answered before the first poll.
    while (polls() === before) await new Promise((resolve) => setImmediate(resolve));
    await t.h.settle({ idle: false });
    expect(step()).toBe('submitting');
    expect(text()).toContain('[ ok ] Create the VM');
    expect(text()).toContain('[ .. ] Wait for the create task');
    await snap('submitting-80x24', { idle: false });
  });

  it('says which VM is being created while it is, also once the user quits; not after', async () => {
    await toConfirm();
    expect(t.app.creating()).toBeUndefined();
    sim.fault('GET /nodes/{node}/tasks/{upid}/status', { hang: true, times: 1 });
    await t.h.pressWhileBusy('C-n');
    await t.h.settle({ idle: false });
    expect(step()).toBe('submitting');
    const creating = { vmid: String(vmid()), node: 'pve1' };
    expect(t.app.creating()).toEqual(creating);
    await t.h.pressWhileBusy('C-q');
    expect(text()).toContain(`VM ${creating.vmid} is being created on pve1 right now.`);
    expect(text()).toContain(`pvevm then prints how to check it (qm status ${creating.vmid}).`);
    await t.h.pressWhileBusy('C-q');
    expect(t.exits).toEqual([130]);
    // bin/pvevm.ts prints the notice from this after giving the terminal back.
    expect(t.app.creating()).toEqual(creating);
  });

  it('names no VM once the create is done', async () => {
    await toConfirm();
    await t.h.press('C-n');
    expect(step()).toBe('done');
    expect(t.app.creating()).toBeUndefined();
  });
});
