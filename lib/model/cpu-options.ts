/**
 * The CPU step's advanced options as the web UI offers them (pve-manager
 * www/manager6/qemu/ProcessorEdit.js, www/manager6/form/VMCPUFlagSelector.js) and as
 * qemu-server accepts them (src/PVE/QemuServer/CPUConfig.pm `supported_cpu_flags`). Pure.
 */

/** A flag the VM's `cpu` may switch on (`+`) or off (`-`); absent: the model's default. */
export interface CpuFlag {
  name: string;
  description: string;
  /** The first Proxmox VE release that accepts it. */
  since?: [number, number];
}

/**
 * qemu-server's list, in its order (the web UI lists them so and writes them in this order).
 * 8.x: the twelve of VMCPUFlagSelector.js's built-in list; `nested-virt` came with qemu-server
 * 9.0.27 (Proxmox VE 9.1), whose web UI reads the list from `capabilities/qemu/cpu-flags`.
 */
export const CPU_FLAGS: readonly CpuFlag[] = [
  {
    name: 'nested-virt',
    description: "Nested virtualization ('svm' on AMD, 'vmx' on Intel CPUs)",
    since: [9, 1],
  },
  {
    name: 'md-clear',
    description: 'Required to let the guest OS know if MDS is mitigated correctly',
  },
  {
    name: 'pcid',
    description: 'Meltdown fix cost reduction on Westmere, Sandy-, and IvyBridge Intel CPUs',
  },
  { name: 'spec-ctrl', description: 'Allows improved Spectre mitigation with Intel CPUs' },
  { name: 'ssbd', description: 'Protection for "Speculative Store Bypass" for Intel models' },
  { name: 'ibpb', description: 'Allows improved Spectre mitigation with AMD CPUs' },
  {
    name: 'virt-ssbd',
    description: 'Basis for "Speculative Store Bypass" protection for AMD models',
  },
  {
    name: 'amd-ssbd',
    description:
      'Improves Spectre mitigation performance with AMD CPUs, best used with "virt-ssbd"',
  },
  {
    name: 'amd-no-ssb',
    description: 'Notifies guest OS that host is not vulnerable for Spectre on AMD CPUs',
  },
  { name: 'pdpe1gb', description: 'Allow guest OS to use 1GB size pages, if host HW supports it' },
  {
    name: 'hv-tlbflush',
    description:
      'Improve performance in overcommitted Windows guests. May lead to guest bluescreens on old CPUs.',
  },
  {
    name: 'hv-evmcs',
    description: 'Improve performance for nested virtualization. Only supported on Intel CPUs.',
  },
  { name: 'aes', description: 'Activate AES instruction set for HW acceleration.' },
];

export type FlagState = '+' | '-' | '=';

/** Whether a release (`8.3.2`) accepts the flag. */
export function flagSupported(flag: CpuFlag, release: string): boolean {
  if (!flag.since) return true;
  const [major = 0, minor = 0] = release.split('.').map(Number);
  return major > flag.since[0] || (major === flag.since[0] && minor >= flag.since[1]);
}

const FLAG_ITEM = /^([+-])([a-zA-Z0-9\-_.]+)$/;

/** The flags text (`+aes;-pcid`) as a map; items that are not `+name`/`-name` are left out. */
export function parseFlags(text: string): Map<string, '+' | '-'> {
  const flags = new Map<string, '+' | '-'>();
  for (const item of text.split(';')) {
    const m = FLAG_ITEM.exec(item.trim());
    if (m) flags.set(m[2]!, m[1] as '+' | '-');
  }
  return flags;
}

export function flagState(text: string, name: string): FlagState {
  return parseFlags(text).get(name) ?? '=';
}

/**
 * The flags text with one flag set: written in the table's order, unknown flags after them
 * (VMCPUFlagSelector.getValue keeps them), `=` leaves the flag out.
 */
export function withFlag(text: string, name: string, state: FlagState): string {
  const flags = parseFlags(text);
  if (state === '=') flags.delete(name);
  else flags.set(name, state);
  const known = CPU_FLAGS.map((f) => f.name);
  const order = [...known, ...[...flags.keys()].filter((n) => !known.includes(n))];
  return order
    .filter((n) => flags.has(n))
    .map((n) => `${flags.get(n)}${n}`)
    .join(';');
}

/** Why a flags text is refused (qemu-server: only the supported flags may be set for a VM). */
export function flagsProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const known = CPU_FLAGS.map((f) => f.name);
  for (const item of text.split(';')) {
    const m = FLAG_ITEM.exec(item.trim());
    if (!m) return `CPU flags: "${item}" is not +flag or -flag`;
    if (!known.includes(m[2]!)) return `CPU flags: "${m[2]}" is not one of ${known.join(', ')}`;
  }
  return undefined;
}

/**
 * CPU units: the default and range follow the node's cgroup version (ProcessorEdit.js
 * `cpuunitsDefault/Min/Max`): v1 1024 in 2–262144, v2 100 in 1–10000; the web UI assumes v2
 * when it does not know the node's `cgroup-mode` (CreateWizard.js).
 */
export function cpuUnitsLimits(cgroupMode = 2): { min: number; max: number; default: number } {
  return cgroupMode === 1
    ? { min: 2, max: 262144, default: 1024 }
    : { min: 1, max: 10000, default: 100 };
}

/** `pve-cpuset` (pve-common): host CPU numbers and ranges, `0,5,8-11`. */
export function cpusetProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return 'CPU affinity must be CPU numbers and ranges, e.g. 0,5,8-11';
    if (m[2] !== undefined && Number(m[2]) < Number(m[1]))
      return `CPU affinity: the range ${part} ends before it starts`;
  }
  return undefined;
}
