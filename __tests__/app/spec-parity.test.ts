/**
 * Parity: the same partial specs run through (a) the wizard's model path — the state machine fed
 * the answers as `changed` events made by `updateSection`/`updateDisk`, the step loaders filling
 * defaults from the simulator — and (b) `pvevm create --spec` in-process. Both must derive the
 * same create call, or refuse with the same problems.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, type WizardView } from '../../lib/controller';
import { creationPlan } from '../../lib/creation';
import { stepLoaders } from '../../lib/loaders';
import { issuePath } from '../../lib/model/choices';
import type { DiskSettings, NicSettings, VmConfig } from '../../lib/model/config';
import {
  addDisk,
  diskIndexPatch,
  removeDisk,
  updateDisk,
  updateSection,
} from '../../lib/model/derive';
import { addNic, nicList, removeNic, updateNic } from '../../lib/model/nics';
import { specPath } from '../../lib/model/spec-check';
import type { WizardEvent, WizardState } from '../../lib/wizard/machine';
import { FORM_STEPS, type FormStep } from '../../lib/wizard/steps';
import { ProxmoxClient } from '../../services/client/client';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { createInProcess } from '../support/create-command';

type Answers = Record<string, unknown>;
type Spec = { version: 1 } & Partial<Record<FormStep, Answers | Answers[]>>;

/** A create call's parameters, or the problems that refused it (`path: message`). */
type Outcome = { params: Record<string, string> } | { refused: string[] };

const view: WizardView = { show: () => {}, focusField: () => {}, confirmQuit: () => {} };

/** The spec's answers for a section as the wizard's form keeps them: numbers as typed text. */
const typed = (value: unknown) => (typeof value === 'number' ? String(value) : value);

/** Edit the disks as the Disks step does: the first disk is there, Add disk adds the others. */
function editDisks(config: VmConfig, disks: Answers[]): VmConfig {
  let c = config;
  disks.forEach((disk, i) => {
    if (i >= c.disks.length) c = addDisk(c, c.disks[0]?.storage ?? 'ceph-pool');
    const { bus, index, ...rest } = disk;
    if (bus !== undefined) c = updateDisk(c, i, { bus: bus as DiskSettings['bus'] });
    if (index !== undefined) c = updateDisk(c, i, diskIndexPatch(String(index)));
    for (const [key, value] of Object.entries(rest))
      c = updateDisk(c, i, { [key]: typed(value) } as Partial<DiskSettings>);
  });
  while (c.disks.length > disks.length) c = removeDisk(c, c.disks.length - 1);
  return c;
}

/** Edit the devices as the Network step does: net0 is there, Add device adds the others. */
function editNics(config: VmConfig, nics: Answers[]): VmConfig {
  if (nics.length === 0) return updateSection(config, 'network', { noNetwork: true });
  let c = config;
  nics.forEach((nic, i) => {
    if (i >= nicList(c.network).length) c = addNic(c);
    for (const [key, value] of Object.entries(nic))
      c = updateNic(c, i, { [key]: typed(value) } as Partial<NicSettings>);
  });
  while (nicList(c.network).length > nics.length) c = removeNic(c, nics.length);
  return c;
}

/** The answers of one step, one field at a time, as `changed` events. */
function answer(controller: Controller, step: FormStep, spec: Spec): void {
  const answers = spec[step];
  if (answers === undefined) return;
  const change = (config: VmConfig) => controller.dispatch({ type: 'changed', config });
  if (step === 'disks') return change(editDisks(controller.state.config, answers as Answers[]));
  if (step === 'network' && Array.isArray(answers))
    return change(editNics(controller.state.config, answers));
  for (const [key, value] of Object.entries(answers as Answers)) {
    const section = step as Exclude<FormStep, 'disks'>;
    change(updateSection(controller.state.config, section, { [key]: typed(value) }));
  }
}

/** The wizard's issues, named as the spec names its fields (`network[1].mtu` for net1). */
const issuesOf = (state: WizardState, spec: Spec) =>
  state.issues.map((i) => `${specPath(issuePath(i), spec)}: ${i.message}`);

/** (a) The wizard: log in, then on each step its answers and Next, until Create or a refusal. */
async function throughWizard(sim: Simulator, spec: Spec): Promise<Outcome> {
  const client = new ProxmoxClient({ server: sim.url, tls: { fingerprint: sim.fingerprint } });
  await client.login({ username: 'root', password: 'proxmox', realm: 'pam' });
  let submitted: WizardState | undefined;
  const controller = new Controller({
    view,
    loaders: stepLoaders(() => client, {}),
    checkVmid: (vmid) => client.isVmidFree(vmid),
    vmidCheckDelayMs: 0,
    submit: async (state): Promise<WizardEvent> => {
      submitted = state;
      return { type: 'created' };
    },
    onQuit: () => {},
  });
  controller.start();
  controller.dispatch({ type: 'authenticated' });
  for (const step of FORM_STEPS) {
    await controller.idle();
    answer(controller, step, spec);
    await controller.idle();
    controller.dispatch({ type: 'next' });
    await controller.idle();
    if (controller.state.step === step) return { refused: issuesOf(controller.state, spec) };
  }
  const { config, data } = submitted!;
  const release = (data.confirm as { release: string }).release;
  return { params: stringParams(creationPlan(config, release).params) };
}

function stringParams(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

/** (b) `pvevm create --spec`, in-process. */
async function throughCommand(sim: Simulator, dir: string, spec: Spec): Promise<Outcome> {
  const path = join(dir, 'spec.json');
  writeFileSync(path, JSON.stringify(spec));
  const { code, stderr } = await createInProcess(sim, dir, path);
  if (code === 2)
    return {
      refused: stderr
        .trim()
        .split('\n')
        .map((line) => line.replace(/^pvevm: /, '').replace(`${path}: `, '')),
    };
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const create = sim.requests.find((r) => r.endpoint === 'POST /nodes/{node}/qemu');
  return { params: create!.params };
}

/** Name, spec, and what both must come to (part of the create call, or the problems). */
const ROWS: [string, Spec, Outcome][] = [
  ['the OS type only', { version: 1, os: { osType: 'windows' } }, { params: { ostype: 'win11' } }],
  [
    'Windows with a version',
    { version: 1, os: { osType: 'windows', osVersion: 'win10' } },
    { params: { ostype: 'win10' } },
  ],
  // pve-manager www/manager6/qemu/OSDefaults.js (bus, NIC) and SystemEdit.js (win11 TPM).
  [
    'Windows 11 by its OS only: the web UI defaults',
    { version: 1, os: { osType: 'windows', osVersion: 'win11' } },
    {
      params: {
        ostype: 'win11',
        machine: 'q35',
        bios: 'ovmf',
        efidisk0: expect.stringContaining('efitype=4m'),
        tpmstate0: expect.stringContaining('version=v2.0'),
        ide0: expect.stringContaining(',format=raw'),
        net0: expect.stringMatching(/^e1000,bridge=/),
      },
    },
  ],
  [
    'Windows 11 keeping what the spec sets',
    {
      version: 1,
      os: { osType: 'windows', osVersion: 'win11' },
      system: { tpm: false },
      network: { model: 'virtio' },
      disks: [{ bus: 'scsi', size: 40 }],
    },
    {
      params: {
        scsi0: expect.stringContaining(':40,'),
        net0: expect.stringMatching(/^virtio,bridge=/),
      },
    },
  ],
  // pve-manager www/manager6/qemu/CDEdit.js: no media is an empty CD drive.
  [
    'no installation media',
    { version: 1, os: { media: 'none' } },
    { params: { ide2: 'none,media=cdrom' } },
  ],
  [
    'memory without a minimum',
    { version: 1, memory: { memory: 4096 } },
    { params: { memory: '4096' } },
  ],
  [
    'memory and its minimum',
    { version: 1, memory: { memory: 4096, minMemory: 1024 } },
    { params: { memory: '4096', balloon: '1024' } },
  ],
  ['no ballooning', { version: 1, memory: { ballooning: false } }, { params: { balloon: '0' } }],
  [
    'disks without an index',
    { version: 1, disks: [{ size: 64 }, { bus: 'virtio', size: 8 }] },
    {
      params: {
        scsi0: expect.stringContaining(':64,'),
        virtio0: expect.stringContaining('iothread=1'),
      },
    },
  ],
  [
    'a disk on another bus',
    { version: 1, disks: [{ bus: 'sata', size: 16 }] },
    { params: { sata0: expect.not.stringContaining('iothread') } },
  ],
  ['no disk at all', { version: 1, disks: [] }, { params: {} }],
  [
    'cores and sockets',
    { version: 1, cpu: { cores: 4, sockets: 2 } },
    { params: { cores: '4', sockets: '2' } },
  ],
  [
    'no network device (the older form, an object)',
    { version: 1, network: { noNetwork: true } },
    { params: expect.not.objectContaining({ net0: expect.anything() }) },
  ],
  [
    'no network device (a list, empty)',
    { version: 1, network: [] },
    { params: expect.not.objectContaining({ net0: expect.anything() }) },
  ],
  [
    'two network devices (a list)',
    { version: 1, network: [{ vlan: 10 }, { model: 'e1000', firewall: false, vlan: 20 }] },
    {
      params: {
        net0: 'virtio,bridge=vmbr9,tag=10,firewall=1',
        net1: 'e1000,bridge=vmbr9,tag=20',
      },
    },
  ],
  [
    'one network device in the older form, an object',
    { version: 1, network: { vlan: 30, firewall: false } },
    { params: { net0: 'virtio,bridge=vmbr9,tag=30' } },
  ],
  [
    'an MTU on a non-VirtIO second device',
    { version: 1, network: [{}, { model: 'e1000', mtu: 9000 }] },
    { refused: ['network[1].mtu: MTU can only be set for VirtIO network devices'] },
  ],
  [
    'the startup fields',
    {
      version: 1,
      general: { onboot: true, startupOrder: 2, startupDelay: 30, shutdownTimeout: 60 },
    },
    { params: { onboot: '1', startup: 'order=2,up=30,down=60' } },
  ],
  // pve2 is aarch64: pve-manager OSDefaults.js `aarch64`, Architecture.js (scsi2 CD, machine
  // virt = the default), and the latest aarch64 NixOS minimal ISO.
  [
    'another node, an aarch64 one',
    { version: 1, general: { node: 'pve2' } },
    {
      params: {
        scsi2: 'cephfs:iso/nixos-minimal-25.11.9418.c7f47036d3df-aarch64-linux.iso,media=cdrom',
        scsi0: expect.stringContaining('iothread=1'),
        bios: 'ovmf',
        net0: expect.stringMatching(/^virtio,/),
      },
    },
  ],
  // MachineEdit.js `onGetValues`: a pinned version replaces the type; the vIOMMU a property.
  [
    'a pinned q35 machine version with Intel vIOMMU',
    { version: 1, system: { machine: 'q35', machineVersion: 'pc-q35-8.2', viommu: 'intel' } },
    { params: { machine: 'pc-q35-8.2,viommu=intel' } },
  ],
  [
    'a virt version and VirtIO vIOMMU on the aarch64 node',
    {
      version: 1,
      general: { node: 'pve2' },
      system: { machineVersion: 'virt-8.2', viommu: 'virtio' },
    },
    { params: { machine: 'virt-8.2,viommu=virtio' } },
  ],
  [
    'Intel vIOMMU without q35',
    { version: 1, system: { machine: 'default', viommu: 'intel' } },
    { refused: ['system.viommu: Intel vIOMMU needs the machine type q35'] },
  ],
  [
    'an MTU on a non-VirtIO model',
    { version: 1, network: { model: 'e1000', mtu: 9000 } },
    { refused: ['network.mtu: MTU can only be set for VirtIO network devices'] },
  ],
  [
    'a name that is no DNS name',
    { version: 1, general: { name: 'bad_name' } },
    { refused: [expect.stringMatching(/^general\.name: Name must be a DNS name/)] },
  ],
  [
    'two problems',
    { version: 1, cpu: { cores: 0, sockets: 0 } },
    {
      refused: [
        'cpu.cores: Cores must be a whole number between 1 and 256',
        'cpu.sockets: Sockets must be a whole number between 1 and 256',
      ],
    },
  ],
];

let dir: string;
beforeAll(() => {
  dir = join(tmpdir(), `pvevm-parity-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the table has the rows the issue asks for', () =>
  expect(ROWS.length).toBeGreaterThanOrEqual(12));

describe.each(ROWS)('%s', (_name, spec, expected) => {
  it('the wizard and pvevm create --spec agree', async () => {
    const wizardSim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0 });
    const commandSim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0 });
    try {
      const wizard = await throughWizard(wizardSim, spec);
      const command = await throughCommand(commandSim, dir, spec);
      expect(command).toEqual(wizard);
      expect(wizard).toMatchObject(expected);
    } finally {
      await wizardSim.close();
      await commandSim.close();
    }
  });
});
