/** Which wizard field a create parameter comes from, so a server error can point at it. Pure. */
import type { VmConfig } from './config';
import { nicPrefix } from './nics';
import type { FieldIssue, ValidatedSection } from './schemas';

const DIRECT: Record<string, [ValidatedSection, string]> = {
  vmid: ['general', 'vmid'],
  name: ['general', 'name'],
  pool: ['general', 'pool'],
  tags: ['general', 'tags'],
  startup: ['general', 'startupOrder'],
  onboot: ['general', 'node'],
  'ha-managed': ['general', 'node'],
  ide2: ['os', 'iso'],
  ide0: ['os', 'virtioIso'],
  boot: ['os', 'virtioIso'],
  ostype: ['os', 'osVersion'],
  vga: ['system', 'vga'],
  machine: ['system', 'machine'],
  bios: ['system', 'bios'],
  efidisk0: ['system', 'efiStorage'],
  scsihw: ['system', 'scsihw'],
  agent: ['system', 'vga'],
  tpmstate0: ['system', 'tpmStorage'],
  cores: ['cpu', 'cores'],
  sockets: ['cpu', 'sockets'],
  cpu: ['cpu', 'type'],
  vcpus: ['cpu', 'vcpus'],
  cpulimit: ['cpu', 'cpulimit'],
  cpuunits: ['cpu', 'cpuunits'],
  affinity: ['cpu', 'affinity'],
  numa: ['cpu', 'numa'],
  memory: ['memory', 'memory'],
  shares: ['memory', 'shares'],
  balloon: ['memory', 'minMemory'],
  'allow-ksm': ['memory', 'memory'],
};

/** The server's per-parameter errors as issues at the wizard's fields. */
export function issuesFromServer(errors: Record<string, string>, config: VmConfig): FieldIssue[] {
  return Object.entries(errors).map(([param, message]) => {
    const direct = DIRECT[param];
    if (direct) return { section: direct[0], field: direct[1], message: `${param}: ${message}` };
    const disk = /^(ide|sata|scsi|virtio)(\d+)$/.exec(param);
    const at = disk
      ? config.disks.findIndex((d) => d.bus === disk[1] && d.index === Number(disk[2]))
      : -1;
    if (at >= 0)
      return { section: 'disks', field: `[${at}].size`, message: `${param}: ${message}` };
    const nic = /^net(\d+)$/.exec(param);
    if (nic && Number(nic[1]) <= config.network.extraNics.length)
      return {
        section: 'network',
        field: `${nicPrefix(Number(nic[1]))}bridge`,
        message: `${param}: ${message}`,
      };
    if (param === 'storage') return { section: 'disks', field: '[0].storage', message };
    return { section: 'general', field: 'node', message: `${param}: ${message}` };
  });
}
