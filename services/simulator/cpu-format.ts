/**
 * The CPU side of the VM config as qemu-server checks it (src/PVE/QemuServer/CPUConfig.pm):
 * the models a node offers (`$cpu_vendor_list` and the built-in x86-64-vN profiles), the
 * `pve-vm-cpu-conf` format with its VM-specific flags, and `pve-cpuset` (pve-common).
 */

/** qemu-server's `$cpu_vendor_list` (9.0.x, Proxmox VE 9.1), `default` for QEMU's own. */
const INTEL = [
  ...['486', 'pentium', 'pentium2', 'pentium3', 'coreduo', 'core2duo', 'Conroe', 'Penryn'],
  ...['Nehalem', 'Nehalem-IBRS', 'Westmere', 'Westmere-IBRS', 'SandyBridge', 'SandyBridge-IBRS'],
  ...['IvyBridge', 'IvyBridge-IBRS', 'Haswell', 'Haswell-IBRS', 'Haswell-noTSX'],
  ...['Haswell-noTSX-IBRS', 'Broadwell', 'Broadwell-IBRS', 'Broadwell-noTSX'],
  ...['Broadwell-noTSX-IBRS', 'Skylake-Client', 'Skylake-Client-IBRS'],
  ...['Skylake-Client-noTSX-IBRS', 'Skylake-Client-v4', 'Skylake-Server', 'Skylake-Server-IBRS'],
  ...['Skylake-Server-noTSX-IBRS', 'Skylake-Server-v4', 'Skylake-Server-v5'],
  ...['Cascadelake-Server', 'Cascadelake-Server-v2', 'Cascadelake-Server-noTSX'],
  ...['Cascadelake-Server-v4', 'Cascadelake-Server-v5', 'Cooperlake', 'Cooperlake-v2'],
  ...['KnightsMill', 'Icelake-Client', 'Icelake-Client-noTSX', 'Icelake-Server'],
  ...['Icelake-Server-noTSX', 'Icelake-Server-v3', 'Icelake-Server-v4', 'Icelake-Server-v5'],
  ...['Icelake-Server-v6', 'SapphireRapids', 'SapphireRapids-v2', 'GraniteRapids'],
];
const AMD = [
  ...['athlon', 'phenom', 'Opteron_G1', 'Opteron_G2', 'Opteron_G3', 'Opteron_G4', 'Opteron_G5'],
  ...['EPYC', 'EPYC-IBPB', 'EPYC-v3', 'EPYC-v4', 'EPYC-Rome', 'EPYC-Rome-v2', 'EPYC-Rome-v3'],
  ...['EPYC-Rome-v4', 'EPYC-Milan', 'EPYC-Milan-v2', 'EPYC-Genoa'],
];
const QEMU = ['host', 'kvm32', 'kvm64', 'qemu32', 'qemu64', 'max'];
/** `$builtin_models`: PVE's abstract profiles, reported as qemu64 (vendor `default`). */
const PROFILES = ['x86-64-v2', 'x86-64-v2-AES', 'x86-64-v3', 'x86-64-v4'];

export const CPU_MODELS: readonly { name: string; vendor: string }[] = [
  ...INTEL.map((name) => ({ name, vendor: 'GenuineIntel' })),
  ...AMD.map((name) => ({ name, vendor: 'AuthenticAMD' })),
  ...[...QEMU, ...PROFILES].map((name) => ({ name, vendor: 'default' })),
];

/** `supported_cpu_flags`: the flags a VM's own `cpu` may set (nested-virt: 9.1). */
export const VM_CPU_FLAGS = [
  ...['nested-virt', 'md-clear', 'pcid', 'spec-ctrl', 'ssbd', 'ibpb', 'virt-ssbd', 'amd-ssbd'],
  ...['amd-no-ssb', 'pdpe1gb', 'hv-tlbflush', 'hv-evmcs', 'aes'],
];

/** qemu-server 8.x had no `nested-virt` (added in 9.0.27, Proxmox VE 9.1). */
const FLAGS_BEFORE_9_1 = VM_CPU_FLAGS.filter((f) => f !== 'nested-virt');

/** The VM flags a release rejects that the named format (9.1's list) lets through. */
export function cpuFlagsProblemFor(release: string, cpu: string | undefined): string | undefined {
  if (release !== '8.3' || cpu === undefined) return undefined;
  const flags = /(?:^|,)flags=([^,]*)/.exec(cpu)?.[1] ?? '';
  if (!flags.split(';').some((f) => f.slice(1) === 'nested-virt')) return undefined;
  return `invalid format - VM-specific CPU flags must be a subset of: ${FLAGS_BEFORE_9_1.join(', ')}`;
}

const KEYS = new Set([
  'cputype',
  'flags',
  'hidden',
  'hv-vendor-id',
  'phys-bits',
  'guest-phys-bits',
]);
const FLAG = new RegExp(`^[+-](${VM_CPU_FLAGS.join('|')})$`);

/** `validate_vm_cpu_conf`: a known or `custom-` type, known keys, only the supported flags. */
export function vmCpuConfProblem(value: string): string | undefined {
  const items = value.split(',');
  let cputype: string | undefined;
  for (const [i, item] of items.entries()) {
    const eq = item.indexOf('=');
    const key = eq < 0 && i === 0 ? 'cputype' : item.slice(0, eq);
    const v = eq < 0 && i === 0 ? item : item.slice(eq + 1);
    if (!KEYS.has(key)) return `property '${key}' is not allowed`;
    if (key === 'cputype') cputype = v;
    if (key === 'flags' && v !== '' && !v.split(';').every((f) => FLAG.test(f)))
      return `VM-specific CPU flags must be a subset of: ${VM_CPU_FLAGS.join(', ')}`;
  }
  if (cputype === undefined) return undefined;
  if (cputype.startsWith('custom-') || CPU_MODELS.some((m) => m.name === cputype)) return undefined;
  return `Built-in cputype '${cputype}' is not defined (missing 'custom-' prefix?)`;
}

/** pve-common `pve-cpuset`: CPU numbers and ranges, each range ascending. */
export function cpusetProblem(value: string): string | undefined {
  for (const part of value.split(',')) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1])))
      return `value does not look like a valid CPU set`;
  }
  return undefined;
}
