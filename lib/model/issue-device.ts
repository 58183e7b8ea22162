/**
 * Which device a problem is about, so a list of problems can name it ("Network (net1): …",
 * "Disks (scsi1): …"): the network device's `netN` as the create call names it, a disk's slot.
 * Pure.
 */
import type { VmConfig } from './config';

/** `net1` for `extraNics[0].bridge`, `net0` for net0's own fields, `scsi1` for `[1].size`. */
export function issueDevice(config: VmConfig, section: string, field: string): string | undefined {
  if (section === 'network') {
    const extra = /^extraNics\[(\d+)\]\./.exec(field);
    if (extra) return `net${Number(extra[1]) + 1}`;
    return field === 'noNetwork' || field.startsWith('extraNics') || field === ''
      ? undefined
      : 'net0';
  }
  if (section === 'disks') {
    const at = /^\[(\d+)\]/.exec(field);
    if (!at) return undefined;
    const i = Number(at[1]);
    const disk = config.disks[i];
    if (!disk) return undefined;
    return disk.indexText === undefined ? `${disk.bus}${disk.index}` : `disk ${i + 1}`;
  }
  return undefined;
}
