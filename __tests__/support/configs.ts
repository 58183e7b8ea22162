import { defaultConfig, type VmConfig } from '../../lib/model/config';

/** The defaults plus what only the server can supply (node, id, ISO): valid on every step. */
export function validConfig(): VmConfig {
  const c = defaultConfig();
  c.general.node = 'pve1';
  c.general.vmid = '100';
  c.os.iso = 'cephfs:iso/nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso';
  return c;
}
