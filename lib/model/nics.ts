/**
 * Several network devices: net0 is the Network section's own fields, net1…netN its `extraNics`
 * (config.ts says why). These edits see them as one list by position. Pure.
 */
import {
  defaultNic,
  MAX_NICS,
  type NetworkSettings,
  type NicSettings,
  type VmConfig,
} from './config';

const NIC_KEYS = [
  'bridge',
  'vlan',
  'model',
  'mac',
  'firewall',
  'disconnected',
  'mtu',
  'rate',
  'queues',
] as const satisfies readonly (keyof NicSettings)[];

/** The NIC fields of a value that may carry more (net0's section). */
export function nicOf(values: NicSettings): NicSettings {
  return Object.fromEntries(NIC_KEYS.map((k) => [k, values[k]])) as unknown as NicSettings;
}

/** Every device, net0 first (also while `noNetwork` is on: they are kept as typed). */
export function nicList(network: NetworkSettings): NicSettings[] {
  return [nicOf(network), ...network.extraNics];
}

/** The devices the VM gets: none with `noNetwork`. */
export function usedNics(network: NetworkSettings): NicSettings[] {
  return network.noNetwork ? [] : nicList(network);
}

/** The section from a list of devices (at least one: net0 is the section's own fields). */
function fromList(network: NetworkSettings, nics: NicSettings[]): NetworkSettings {
  const [first, ...rest] = nics;
  return { ...network, ...(first ? nicOf(first) : {}), extraNics: rest };
}

/** The schema path prefix of device `position` in the Network section (`` or `extraNics[0].`). */
export function nicPrefix(position: number): string {
  return position === 0 ? '' : `extraNics[${position - 1}].`;
}

/** Which device a Network field path belongs to, and its field: `extraNics[1].vlan` → 2, `vlan`. */
export function nicOfPath(path: string): { position: number; field: string } {
  const m = /^extraNics\[(\d+)\]\.(.+)$/.exec(path);
  return m ? { position: Number(m[1]) + 1, field: m[2]! } : { position: 0, field: path };
}

/**
 * Add a device like the ones there: net0's bridge and model (the model follows the OS type),
 * the firewall on as the web UI's NetworkEdit.js checks it, the rest empty. With no network
 * device yet, Add brings back net0 (as it was typed).
 */
export function addNic(config: VmConfig): VmConfig {
  const network = config.network;
  if (network.noNetwork) return { ...config, network: { ...network, noNetwork: false } };
  if (nicList(network).length >= MAX_NICS) return config;
  const nic = defaultNic(network.bridge, network.model);
  return { ...config, network: { ...network, extraNics: [...network.extraNics, nic] } };
}

/** Remove device `position`; the later ones move up. Removing the only one means no network. */
export function removeNic(config: VmConfig, position: number): VmConfig {
  const network = config.network;
  const nics = nicList(network);
  if (network.noNetwork || position < 0 || position >= nics.length) return config;
  if (nics.length === 1) return { ...config, network: { ...network, noNetwork: true } };
  return {
    ...config,
    network: fromList(
      network,
      nics.filter((_, i) => i !== position),
    ),
  };
}

/** Change fields of device `position`. */
export function updateNic(
  config: VmConfig,
  position: number,
  patch: Partial<NicSettings>,
): VmConfig {
  const network = config.network;
  if (position === 0) return { ...config, network: { ...network, ...patch } };
  const extraNics = network.extraNics.map((n, i) => (i === position - 1 ? { ...n, ...patch } : n));
  return { ...config, network: { ...network, extraNics } };
}
