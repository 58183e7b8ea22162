/** General-step derivations: the startup property string and the defaults loaded data implies. Pure. */
import type { GeneralSettings, VmConfig } from './config';
import { NODE_NAME } from './rules';

/** `order=N,up=N,down=N` with only the parts given; undefined when all three are empty. */
export function startupParam(
  g: Pick<GeneralSettings, 'startupOrder' | 'startupDelay' | 'shutdownTimeout'>,
): string | undefined {
  const parts = [
    ['order', g.startupOrder],
    ['up', g.startupDelay],
    ['down', g.shutdownTimeout],
  ]
    .filter(([, v]) => v!.trim() !== '')
    .map(([k, v]) => `${k}=${v!.trim()}`);
  return parts.length > 0 ? parts.join(',') : undefined;
}

export interface NodeState {
  node: string;
  status: string;
}

/**
 * Fill what the user has not chosen yet: the configured or first online node, the next free id.
 * An explicit node (a spec's, a preset's) stays even when it is not online: it is reported.
 */
export function withGeneralDefaults(
  config: VmConfig,
  loaded: {
    nodes?: readonly NodeState[];
    nextId?: number;
    preferredNode?: string;
    keepNode?: boolean;
  },
): VmConfig {
  const general = { ...config.general };
  const online = (loaded.nodes ?? []).filter((n) => n.status === 'online');
  const keep = loaded.keepNode && general.node !== '';
  if (!keep && (!general.node || !online.some((n) => n.node === general.node))) {
    const preferred = online.find((n) => n.node === loaded.preferredNode);
    // A name Proxmox would refuse in a path (a hostile server's) is never the default.
    const usable = online.find((n) => NODE_NAME.test(n.node)) ?? online[0];
    general.node = (preferred ?? usable)?.node ?? general.node;
  }
  if (general.vmid === '' && loaded.nextId !== undefined) general.vmid = String(loaded.nextId);
  return { ...config, general };
}
