import { startSimulator, type Simulator } from '../../services/simulator/server';
import { fieldRow, fieldText, type FieldPath } from '../support/fields';
import { loginApp, logInAsRoot } from '../support/login-app';
import { snapshotScreen, type SnapshotOptions } from '../support/harness';

let sim: Simulator;
let empty: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
  empty = await startSimulator({ authDelayMs: 0, dataset: 'empty' });
});
afterAll(async () => {
  await sim.close();
  await empty.close();
});
afterEach(() => {
  t?.h.destroy();
  sim.clearFaults();
});

const snap = (id: string, options?: SnapshotOptions) => snapshotScreen(t.h, id, options);

const row = (path: FieldPath) => fieldRow(t.h.lines(), path);
const valueOf = (path: FieldPath) => fieldText(t.h.lines(), path)[0];
const config = () => t.app.controller.state.config;

async function general(server = sim) {
  t = loginApp(server, { generalCheckDelayMs: 0 });
  await logInAsRoot(t);
}

describe('General step', () => {
  it('loads nodes, next id, pools and tags in parallel; the first online node and the next id are chosen', async () => {
    await general();
    expect(valueOf('general.node')).toMatch(/pve1 +cpu \d+% {2}mem \d+% ▾/);
    expect(valueOf('general.vmid')).toContain('103');
    const loads = sim.requests.filter((r) =>
      ['/nodes', '/cluster/nextid', '/pools', '/cluster/options'].includes(r.path),
    );
    expect(loads).toHaveLength(4);
    await snap('general-default-80x24', { light: true });
  });

  it('offline nodes are shown but cannot be chosen; changing the node reloads what depends on it', async () => {
    await general();
    await t.h.press('space');
    expect(t.h.text()).toMatch(/pve3 +offline/);
    await t.h.press('escape');
    await t.h.press('C-n', 'C-p');
    expect(t.app.controller.state.views.os?.status).toBe('ready');
    const before = sim.requests.length;
    await t.h.press('space', 'down', 'down', 'enter');
    expect(config().general.node).toBe('pve2');
    // What depends on the node is fetched again: the next two steps' at once (prefetched), the
    // rest when they come near.
    expect(t.app.controller.state.views.os?.status).toBe('ready');
    expect(t.app.controller.state.views.system?.status).toBe('ready');
    expect(t.app.controller.state.views.disks).toBeUndefined();
    expect(sim.requests.slice(before).map((r) => r.path)).toContain(
      '/nodes/pve2/storage/cephfs/content?content=iso',
    );
    await t.h.press('space', 'down', 'down', 'down', 'enter');
    expect(config().general.node).toBe('pve2');
  });

  it('says at once when a typed VM ID is taken', async () => {
    await general();
    await t.h.press('tab');
    await t.h.press('C-u');
    await t.h.type('105');
    expect(valueOf('general.vmid').length).toBeGreaterThan(0);
    expect(t.h.lines()[row('general.vmid') + 2]).toContain('VM ID 105 is already in use');
    await t.h.press('backspace');
    await t.h.type('9');
    expect(t.h.lines()[row('general.vmid') + 2]).not.toContain('already in use');
  });

  it('refuses a bad name with a message, keeps it, and blocks Next at the first bad field', async () => {
    await general();
    await t.h.press('tab', 'tab');
    await t.h.type('my_vm');
    expect(t.h.lines()[row('general.name') + 2]).toContain('Name must be a DNS name');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('general');
    expect(config().general.name).toBe('my_vm');
  });

  it('a name being typed (web-) is not flagged until the focus leaves it', async () => {
    await general();
    await t.h.press('tab', 'tab');
    await t.h.type('web-');
    expect(t.h.lines()[row('general.name') + 2]).not.toContain('Name must be a DNS name');
    await t.h.press('tab');
    expect(t.h.lines()[row('general.name') + 2]).toContain('Name must be a DNS name');
    await t.h.press('S-tab');
    await t.h.type('01');
    expect(t.h.lines()[row('general.name') + 2]).not.toContain('Name must be a DNS name');
    expect(config().general.name).toBe('web-01');
  });

  it('adds tags by typing and from the cluster list, and removes them one by one', async () => {
    await general();
    await t.h.press('tab', 'tab', 'tab', 'tab');
    await t.h.type('Lab');
    await t.h.press('enter');
    expect(config().general.tags).toEqual(['lab']);
    await t.h.press('tab', 'space');
    await t.h.type('nix');
    await t.h.press('enter');
    expect(config().general.tags).toEqual(['lab', 'nixos']);
    await t.h.press('S-tab', 'backspace', 'backspace');
    expect(config().general.tags).toEqual(['lab']);
  });

  it("shows tags in the cluster's colours (tag-style color-map), others coloured by name", async () => {
    await general();
    await t.h.press('tab', 'tab', 'tab', 'tab');
    await t.h.type('prod');
    await t.h.press('enter');
    await t.h.type('nixos');
    await t.h.press('enter');
    const y = row('general.tags') + 1;
    const bg = (word: string, line = y) => {
      const x = t.h.lines()[line]!.indexOf(word);
      expect(x).toBeGreaterThan(0);
      const cell = t.h.term.buffer.active.getLine(line)!.getCell(x)!;
      return [cell.getBgColor(), cell.getFgColor()];
    };
    // prod:c62828:ffffff → #d70000 with white; nixos is not in the map: #c5ffbd by name → #d7ffaf.
    expect(bg('prod')).toEqual([160, 231]);
    expect(bg('nixos')).toEqual([193, 16]);
    await snap('general-tags-80x24', { light: true });
    // The cluster's list: db:1565c0 (white by the web UI's rule), k8s:ffd54f (black).
    await t.h.press('tab', 'space');
    const list = t.h.lines().findIndex((l) => l.includes(' db '));
    expect(bg('db', list)).toEqual([25, 231]);
    expect(bg('k8s', list + 1)).toEqual([221, 16]);
    expect(t.h.lines()[list + 2]).toContain(' web ');
    await snap('general-tags-list-80x24');
  });

  it("Confirm's summary shows the tags in the same colours", async () => {
    t = loginApp(sim, { cols: 120, rows: 40, generalCheckDelayMs: 0 });
    await logInAsRoot(t);
    await t.h.press('tab', 'tab', 'tab', 'tab');
    await t.h.type('prod');
    await t.h.press('enter');
    await t.h.type('nixos');
    await t.h.press('enter');
    for (let i = 0; i < 8 && t.app.controller.state.step !== 'confirm'; i++) await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('confirm');
    await t.h.settle();
    const y = t.h.lines().findIndex((l) => /│ {3}Tags {15}/.test(l));
    expect(t.h.lines()[y]).toMatch(/Tags {16}prod {3}nixos /);
    const bg = (word: string) =>
      t.h.term.buffer.active.getLine(y)!.getCell(t.h.lines()[y]!.indexOf(word))!.getBgColor();
    expect([bg('prod'), bg('nixos')]).toEqual([160, 193]);
    await snap('confirm-tags-120x40');
  });

  it('a tag typed but not entered is not lost: added on leaving the field, or on Ctrl-N', async () => {
    await general();
    await t.h.press('tab', 'tab', 'tab', 'tab');
    await t.h.type('web');
    await t.h.press('tab');
    expect(config().general.tags).toEqual(['web']);
    await t.h.press('S-tab');
    await t.h.type('db');
    await t.h.press('C-n');
    expect(config().general.tags).toEqual(['web', 'db']);
    expect(t.app.controller.state.step).toBe('os');
  });

  it('a refused tag typed but not entered stays in view with its reason; Ctrl-N waits for it', async () => {
    await general();
    await t.h.press('tab', 'tab', 'tab', 'tab');
    await t.h.type('bad tag!');
    await t.h.press('tab');
    expect(valueOf('general.tags')).toContain('bad tag!');
    expect(t.h.lines()[row('general.tags') + 2]).toMatch(/─ \S/);
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('general');
    expect(config().general.tags).toEqual([]);
  });

  it('shows the loading state while nodes, id, pools and tags load', async () => {
    sim.fault('GET /nodes', { hang: true, times: 1 });
    t = loginApp(sim);
    await t.h.settle();
    await t.h.type('root');
    await t.h.press('tab');
    await t.h.type('proxmox');
    await t.h.pressWhileBusy('enter');
    expect(t.h.text()).toContain('Loading nodes, next VM ID, pools and tags…');
    expect(valueOf('general.node')).toContain('Loading nodes…');
    expect(t.h.text()).toMatchSnapshot('general-loading-80x24');
    expect(t.h.png()).toMatchImageSnapshot({ customSnapshotIdentifier: 'general-loading-80x24' });
  });

  it('shows the empty pool list', async () => {
    await general(empty);
    expect(t.h.lines()[row('general.pool') + 2]).toContain('No pools on this cluster');
    await snap('general-empty-pools-80x24');
  });

  it('shows an error with Reload when a load fails, and stays usable', async () => {
    sim.fault('GET /pools', { status: 500, message: 'pool config broken', times: 1 });
    await general();
    expect(t.h.text()).toContain('Error: Could not load pools: pool config broken');
    expect(valueOf('general.node')).toContain('pve1');
    await snap('general-error-80x24', { light: true });
  });

  it('a long message wraps in the status area, whole; one beyond its rows is read in full in F1', async () => {
    const long =
      'pool configuration is broken: /etc/pve/user.cfg line 17 has an unknown pool member vm:9999';
    sim.fault('GET /pools', { status: 500, message: long, times: 1 });
    await general();
    const area = () => t.h.lines().slice(-5, -1).join(' ').replace(/\s+/g, ' ');
    expect(area()).toContain(`Error: Could not load pools: ${long} (Reload or Ctrl-R tries again)`);
    // Shown whole, it is not repeated by the help: the focused Node's figures, then the keys.
    await t.h.press('f1');
    const title = t.h.lines().findIndex((l) => l.includes('─ Keys ─'));
    expect(t.h.lines()[title + 1]).toContain('Node: 32 CPUs, 256 GiB; hour:');
    expect(t.h.lines()[title + 3]).toContain('Tab/Down  Next field');
    await t.h.press('escape');
    // At 80x24 the area takes at most four rows: beyond them the text is cut, the action kept.
    const huge = `${long}; ${'and another unknown member vm:9998, '.repeat(9)}end of list`;
    sim.fault('GET /pools', { status: 500, message: huge, times: 1 });
    await t.h.press('C-r');
    expect(t.h.lines().at(-2)).toMatch(/…\s*\(Reload or Ctrl-R tries again\) *$/);
    expect(area()).not.toContain('end of list');
    await t.h.press('f1');
    const help = t.h
      .lines()
      .map((l) => l.replace(/[│┌┐└┘─]/g, ' ').trim())
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(help).toContain(`Error: Could not load pools: ${huge}`);
    expect(help).toContain('(Reload or Ctrl-R tries again)');
    expect(help).toContain('Tab/Down Next field');
    await snap('help-with-message-80x24');
  });

  it('moves on to OS with Ctrl-N once valid, keeping values when coming back', async () => {
    await general();
    await t.h.press('tab', 'tab');
    await t.h.type('web-01');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('os');
    await t.h.press('C-p');
    expect(valueOf('general.name')).toContain('web-01');
  });
});

describe('round trips (Part 16)', () => {
  const since = (from: number) => sim.requests.slice(from);
  const asked = (from: number, path: string, content?: string) =>
    since(from).filter(
      (r) =>
        r.path.split('?')[0] === path && (content === undefined || r.params.content === content),
    );

  it('entering OS and System once General is there sends nothing new for them', async () => {
    const start = sim.requests.length;
    await general();
    // General's data brought the node: OS and System were asked for at once, each once.
    expect(asked(start, '/nodes/pve1/storage', 'iso')).toHaveLength(1);
    expect(asked(start, '/nodes/pve1/capabilities/qemu/machines')).toHaveLength(1);
    const before = sim.requests.length;
    await t.h.press('C-n');
    expect(t.h.text()).toContain('Installation media');
    expect(asked(before, '/nodes/pve1/storage', 'iso')).toEqual([]);
    expect(asked(before, '/nodes/pve1/storage/cephfs/content', 'iso')).toEqual([]);
    expect(asked(before, '/nodes/pve1/status')).toEqual([]);
    const atSystem = sim.requests.length;
    await t.h.press('C-n');
    expect(t.h.text()).toContain('Graphic card');
    expect(asked(atSystem, '/nodes/pve1/capabilities/qemu/machines')).toEqual([]);
    expect(asked(atSystem, '/nodes/pve1/storage', 'images')).toEqual([]);
  });

  it("System and Disks send one storage request between them; OS's ISO list goes with its storage list", async () => {
    const start = sim.requests.length;
    await general();
    await t.h.press('C-n', 'C-n', 'C-n');
    expect(t.h.text()).toContain('─ Disk ─');
    expect(asked(start, '/nodes/pve1/storage', 'images')).toHaveLength(1);
    // The ISO list was asked for before the storage list was answered.
    const [list] = asked(start, '/nodes/pve1/storage', 'iso');
    const [isos] = asked(start, '/nodes/pve1/storage/cephfs/content', 'iso');
    expect(isos!.receivedMs).toBeLessThan(list!.answeredMs!);
  });
});

describe('OS step', () => {
  async function os(server = sim) {
    await general(server);
    await t.h.press('C-n');
  }

  it('defaults to an ISO on cephfs, the latest NixOS minimal ISO, Linux 6.x', async () => {
    await os();
    expect(valueOf('os.isoStorage')).toContain('cephfs');
    expect(valueOf('os.iso')).toContain('nixos-minimal-25.11.2518.5900a0a8850c-x86_64-linux.iso');
    expect(config().os).toMatchObject({
      media: 'iso',
      isoStorage: 'cephfs',
      osType: 'linux',
      osVersion: 'l26',
    });
    await snap('os-default-80x24');
  });

  it('filters the ISO list as you type', async () => {
    await os();
    await t.h.press('tab', 'tab', 'space');
    await t.h.type('debian');
    await t.h.press('enter');
    expect(config().os.iso).toBe('cephfs:iso/debian-12.8.0-amd64-netinst.iso');
    await t.h.press('space');
    await t.h.type('nixos-minimal-24');
    await snap('os-iso-filtered-80x24', { light: true });
    await t.h.press('escape');
  });

  it('switching the storage reloads the ISO list; no images is an empty state', async () => {
    await os();
    await t.h.press('tab', 'space');
    await t.h.type('local');
    await t.h.press('enter');
    expect(config().os.isoStorage).toBe('local');
    await t.h.press('tab', 'space');
    expect(t.h.text()).toContain('virtio-win-0.1.266.iso');
    await t.h.press('escape');
  });

  it('no cephfs: the first ISO storage with a notice, and an empty ISO list', async () => {
    await os(empty);
    expect(valueOf('os.isoStorage')).toContain('local');
    expect(t.h.text()).toContain('No ISO images on local');
    expect(t.h.text()).toContain('No cephfs storage on this node: using local');
    await snap('os-no-isos-80x24');
  });

  it('works on the large dataset: 100 nodes, 10,000 ISOs filtered as you type', async () => {
    const large = await startSimulator({ authDelayMs: 0, dataset: 'large' });
    try {
      await os(large);
      expect(valueOf('os.iso')).toContain('nixos-minimal-24.05.10990.abe706ab12-x86_64-linux.iso');
      expect(t.h.lines()[row('os.iso') + 2]).toContain('10000 images; type to filter');
      await t.h.press('tab', 'tab', 'space');
      await t.h.type('image-0999');
      expect(t.h.lines()[row('os.iso')]).toContain('9/10000');
      await t.h.press('enter');
      expect(config().os.iso).toBe('cephfs:iso/image-09991.iso');
    } finally {
      t.h.destroy();
      t = loginApp(sim);
      await large.close();
    }
  });

  it('physical drive or no media disable the ISO fields; Windows offers its versions', async () => {
    await os();
    await t.h.press('space', 'down', 'enter');
    expect(config().os.media).toBe('cdrom');
    await t.h.press('tab', 'space');
    await t.h.press('down', 'enter');
    expect(config().os).toMatchObject({ osType: 'windows', osVersion: 'win11' });
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('system');
  });

  // pve-manager www/manager6/qemu/OSDefaults.js and SystemEdit.js (win11: TPM v2.0).
  it('Windows 11 brings its defaults and the status line says which', async () => {
    await os();
    await t.h.press('tab', 'tab', 'tab', 'space', 'down', 'enter');
    expect(config().os.osVersion).toBe('win11');
    expect(t.h.text()).toContain(
      'Windows 11/2022/2025: TPM v2.0 added, disk bus IDE, NIC Intel E1000',
    );
    await snap('os-windows-defaults-80x24', { light: true });
    await t.h.press('C-n');
    expect(valueOf('system.tpm')).toMatch(/\[x\]|on|✓|■/i);
    expect(config().system).toMatchObject({ tpm: true, machine: 'q35', bios: 'ovmf' });
    expect(config().disks[0]).toMatchObject({ bus: 'ide', index: 0 });
    expect(config().network.model).toBe('e1000');
  });

  // pve-manager Architecture.js (the node's architecture, Linux and Other only on aarch64) and
  // OSDefaults.js `aarch64`; the demo's pve2 is an aarch64 node.
  it('an aarch64 node: the aarch64 ISO, its defaults, no Windows', async () => {
    await general();
    await t.h.press('space', 'down', 'down', 'enter');
    expect(config().general.node).toBe('pve2');
    await t.h.press('C-n');
    expect(valueOf('os.iso')).toContain('nixos-minimal-25.11.9418.c7f47036d3df-aarch64-linux.iso');
    expect(config().os.arch).toBe('aarch64');
    expect(config().system).toMatchObject({ machine: 'default', bios: 'ovmf' });
    expect(t.h.text()).toContain('Linux 6.x - 2.6 Kernel: machine virt');
    await snap('os-aarch64-80x24');
    await t.h.press('tab', 'tab', 'tab', 'space');
    expect(t.h.text()).not.toContain('Microsoft Windows');
    expect(t.h.text()).toContain('Other');
    await t.h.press('escape');
  });

  // pve-manager OSPanel.js (the drive for Windows, SCSI and VirtIO with it) and CreateWizard.js
  // (calculateBootOrder).
  it('Windows: the VirtIO drivers ISO from another storage, on a second CD drive', async () => {
    await os();
    await t.h.press('tab', 'tab', 'tab', 'space', 'down', 'enter');
    await t.h.press('tab', 'tab', 'space');
    expect(config().os.virtioDrivers).toBe(true);
    expect(config().disks[0]).toMatchObject({ bus: 'scsi', index: 0 });
    expect(config().network.model).toBe('virtio');
    await t.h.press('S-tab', 'S-tab', 'S-tab', 'S-tab', 'space');
    await t.h.type('local');
    await t.h.press('enter');
    await t.h.press('tab', 'tab', 'tab', 'tab', 'tab', 'space');
    await t.h.type('virtio');
    await t.h.press('enter');
    expect(config().os.virtioIso).toBe('local:iso/virtio-win-0.1.266.iso');
    await t.h.press('S-tab', 'S-tab', 'S-tab', 'S-tab', 'S-tab', 'space');
    await t.h.type('cephfs');
    await t.h.press('enter', 'tab', 'space');
    await t.h.type('nixos-minimal-25');
    await t.h.press('enter');
    expect(config().os).toMatchObject({
      isoStorage: 'cephfs',
      iso: expect.stringContaining('nixos-minimal-25'),
      virtioIso: 'local:iso/virtio-win-0.1.266.iso',
    });
    expect(valueOf('os.virtioIso')).toMatch(/virtio-win-0\.1\.266\.iso +on local/);
    await snap('os-virtio-drivers-80x24');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('system');
  });
});
