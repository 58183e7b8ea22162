/**
 * The create parameters each step contributes, as Proxmox VE expects them: only what differs
 * from the server's behaviour the user chose, booleans as 1/0, property strings in the order
 * the web UI writes them, and the whole create call assembled from them. Pure.
 */
import type {
  CpuSettings,
  DiskSettings,
  GeneralSettings,
  MemorySettings,
  NetworkSettings,
  NicSettings,
  OsSettings,
  SystemSettings,
  VmConfig,
} from './config';
import { efiDiskAllowed, efiDiskUsed, iothreadUsed } from './availability';
import { startupParam } from './general';
import type { Arch } from './iso-choice';
import { machineParam } from './machine-version';
import { usedNics } from './nics';
import { BUS_SUPPORTS, type ScsiController } from './options';
import { virtioDriversDrive } from './os-defaults';
import { parseInteger } from './rules';
import { cpuUnitsLimits } from './cpu-options';
import { limitParts } from './disk-limits';

export type Params = Record<string, string | number>;

export function generalParams(g: GeneralSettings): Params {
  const p: Params = { vmid: Number(g.vmid) };
  if (g.name) p.name = g.name;
  if (g.pool) p.pool = g.pool;
  if (g.tags.length > 0) p.tags = g.tags.join(';');
  if (g.onboot) p.onboot = 1;
  const startup = startupParam(g);
  if (startup) p.startup = startup;
  return p;
}

export function osParams(o: OsSettings): Params {
  const p: Params = { ostype: o.osVersion };
  // ide2; on aarch64 scsi2 (Architecture.js `defaultCDDrive`).
  const cd = o.arch === 'aarch64' ? 'scsi2' : 'ide2';
  if (o.media === 'iso') p[cd] = `${o.iso},media=cdrom`;
  if (o.media === 'cdrom') p[cd] = 'cdrom,media=cdrom';
  // No media is an empty drive, as the web UI's CDEdit.js makes it (file `none`).
  if (o.media === 'none') p[cd] = 'none,media=cdrom';
  if (virtioDriversDrive(o) && o.virtioIso) p.ide0 = `${o.virtioIso},media=cdrom`;
  return p;
}

export function systemParams(s: SystemSettings, arch: Arch = 'x86_64'): Params {
  const p: Params = {};
  if (s.vga !== 'default') p.vga = s.vga;
  const machine = machineParam(s, arch);
  if (machine !== undefined) p.machine = machine;
  if (efiDiskAllowed(s)) {
    p.bios = 'ovmf';
    if (efiDiskUsed(s))
      p.efidisk0 = `${s.efiStorage}:1,efitype=4m,pre-enrolled-keys=${s.preEnrolledKeys ? 1 : 0}`;
  }
  if (s.scsihw !== 'default') p.scsihw = s.scsihw;
  if (s.agent) p.agent = 1;
  if (s.tpm) p.tpmstate0 = `${s.tpmStorage}:1,version=${s.tpmVersion}`;
  return p;
}

/**
 * `scsi0=ceph-pool:32,format=raw,iothread=1,ssd=1,aio=io_uring` and friends; IO thread only
 * where it takes effect with the SCSI controller `scsihw`.
 */
export function diskParam(d: DiskSettings, scsihw: ScsiController): [string, string] {
  const supports = BUS_SUPPORTS[d.bus];
  // HDEdit.js: an imported disk is `<storage>:0,import-from=<volid>` (its size the image's).
  const parts =
    d.source === 'import'
      ? [`${d.storage}:0`, `import-from=${d.importFrom}`, 'format=raw']
      : [`${d.storage}:${d.size.trim()}`, 'format=raw'];
  if (d.cache !== 'default') parts.push(`cache=${d.cache}`);
  if (d.discard) parts.push('discard=on');
  if (iothreadUsed(d, scsihw)) parts.push('iothread=1');
  if (d.ssd && supports.ssd) parts.push('ssd=1');
  if (d.readOnly && supports.ro) parts.push('ro=1');
  if (!d.backup) parts.push('backup=0');
  if (d.skipReplication) parts.push('replicate=0');
  parts.push(`aio=${d.aio}`);
  parts.push(...limitParts(d));
  return [`${d.bus}${d.index}`, parts.join(',')];
}

export function diskParams(disks: readonly DiskSettings[], scsihw: ScsiController): Params {
  return Object.fromEntries(disks.map((d) => diskParam(d, scsihw)));
}

/**
 * ProcessorEdit.js `onGetValues` inside the wizard: an empty field or the default (`cpulimit`
 * 0, `cpuunits` the node's default) is not sent; the flags go into `cpu` (`printQemuCpu`:
 * `type,flags=+aes;-pcid`).
 */
export function cpuParams(c: CpuSettings): Params {
  const p: Params = {
    cores: Number(c.cores),
    sockets: Number(c.sockets),
    cpu: c.flags ? `${c.type},flags=${c.flags}` : c.type,
  };
  if (c.vcpus.trim()) p.vcpus = Number(c.vcpus);
  if (c.cpulimit.trim() && Number(c.cpulimit) !== 0) p.cpulimit = Number(c.cpulimit);
  const units = c.cpuunits.trim();
  if (units && Number(units) !== cpuUnitsLimits().default) p.cpuunits = Number(units);
  if (c.affinity.trim()) p.affinity = c.affinity.trim();
  if (c.numa) p.numa = 1;
  return p;
}

export function memoryParams(m: MemorySettings, supportsAllowKsm: boolean): Params {
  const p: Params = { memory: String(Number(m.memory)) };
  const memory = parseInteger(m.memory);
  const min = parseInteger(m.minMemory);
  if (!m.ballooning) p.balloon = 0;
  else if (memory !== undefined && min !== undefined && min < memory) {
    p.balloon = min;
    // MemoryEdit.js: shares only with a balloon below the memory, and only when given.
    if (m.shares.trim()) p.shares = Number(m.shares);
  }
  if (!m.allowKsm && supportsAllowKsm) p['allow-ksm'] = 0;
  return p;
}

/** One device's `netN` value, as the web UI's PVE.Parser.printQemuNetwork writes it. */
export function nicParam(n: NicSettings): string {
  const parts = [n.mac ? `${n.model}=${n.mac.toUpperCase()}` : n.model, `bridge=${n.bridge}`];
  if (n.vlan.trim()) parts.push(`tag=${n.vlan.trim()}`);
  if (n.firewall) parts.push('firewall=1');
  if (n.disconnected) parts.push('link_down=1');
  if (n.mtu.trim()) parts.push(`mtu=${n.mtu.trim()}`);
  if (n.rate.trim()) parts.push(`rate=${n.rate.trim()}`);
  if (n.queues.trim()) parts.push(`queues=${n.queues.trim()}`);
  return parts.join(',');
}

/** net0…netN in list order; none with `noNetwork`. */
export function networkParams(n: NetworkSettings): Params {
  return Object.fromEntries(usedNics(n).map((nic, i) => [`net${i}`, nicParam(nic)]));
}

/** Drive ids in the order the web UI walks them (`PVE.Utils.forEachBus`). */
const BOOT_BUSES = [
  ['ide', 3],
  ['scsi', 30],
  ['virtio', 15],
  ['sata', 5],
] as const;

/**
 * The boot order with a second CD/DVD drive (the VirtIO drivers on ide0), as pve-manager's
 * CreateWizard.js `calculateBootOrder`: the first disk, the install CD (ide2), the drivers CD,
 * the network; undefined otherwise (the server's default order).
 */
export function bootOrder(params: Params): string | undefined {
  const cdrom = (id: string) => String(params[id]).includes('media=cdrom');
  if (params.ide0 === undefined || !cdrom('ide0')) return undefined;
  let disk: string | undefined;
  for (const [bus, max] of BOOT_BUSES) {
    for (let i = 0; i <= max && !disk; i++) {
      const id = `${bus}${i}`;
      if (params[id] !== undefined && !cdrom(id)) disk = id;
    }
  }
  const order = [...(disk ? [disk] : []), 'ide2', 'ide0'];
  if (params.net0 !== undefined) order.push('net0');
  return `order=${order.join(';')}`;
}

export interface CreateOptions {
  /** The server accepts `ha-managed` (Proxmox VE 9.1+). */
  haManagedParam: boolean;
  /** The server accepts `allow-ksm` (Proxmox VE 9.1+). */
  allowKsmParam: boolean;
}

/**
 * Every parameter of the create call, for the whole configuration. "Start after created" is not
 * among them: the VM is started after its serial console is set (lib/creation.ts).
 */
export function createParams(config: VmConfig, options: CreateOptions): Params {
  const p: Params = {
    ...generalParams(config.general),
    ...osParams(config.os),
    ...systemParams(config.system, config.os.arch),
    ...diskParams(config.disks, config.system.scsihw),
    ...cpuParams(config.cpu),
    ...memoryParams(config.memory, options.allowKsmParam),
    ...networkParams(config.network),
  };
  if (config.general.ha && options.haManagedParam) p['ha-managed'] = 1;
  const boot = bootOrder(p);
  if (boot) p.boot = boot;
  return p;
}

/** The parameters one per line, sorted: `key=value`. */
export function paramLines(params: Params): string[] {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`);
}
