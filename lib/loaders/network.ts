/** The Network step's loader: the node's bridges, and which to fill in. */
import type { ProxmoxApi } from '../../services/proxmox-api';
import type { Loader } from '../controller';
import { BRIDGE } from '../model/rules';
import type { SiteDefaults } from '../settings';
import { leftOutNote } from '../strings';
import type { WizardEvent } from '../wizard/machine';
import type { NetworkData } from '../wizard/step-data';

export function networkLoader(
  api: () => ProxmoxApi,
  defaults: SiteDefaults,
  fallbackBridge: string,
): Loader {
  return async (state): Promise<WizardEvent> => {
    const node = state.config.general.node;
    const listed = await api().bridges(node);
    const bridges = listed.map((b) => b.iface).sort();
    const offered = { node, bridges };
    const leftOut = leftOutNote([['bridge', listed.leftOut]]);
    const note = leftOut ? { note: leftOut } : {};
    if (bridges.length === 0)
      return {
        type: 'loaded',
        step: 'network',
        ...note,
        data: { bridges } satisfies NetworkData,
        empty: `No bridges on ${node}`,
        offered,
      };
    const preferred = defaults.bridge ?? fallbackBridge;
    const chosen = state.config.network.bridge;
    const explicitBridge = state.explicit.includes('network.bridge');
    const bridge = bridges.includes(chosen)
      ? chosen
      : bridges.includes(preferred)
        ? preferred
        : (bridges.find((b) => BRIDGE.test(b)) ?? bridges[0]!);
    const notice =
      explicitBridge || bridges.includes(preferred)
        ? undefined
        : `No ${preferred} on ${node}: using ${bridge}`;
    return {
      type: 'loaded',
      step: 'network',
      data: { bridges, notice } satisfies NetworkData,
      fill: (config, explicit) => ({
        ...config,
        network: {
          ...config.network,
          bridge:
            explicit.includes('network.bridge') || bridges.includes(config.network.bridge)
              ? config.network.bridge
              : bridge,
        },
      }),
      offered,
      ...note,
    };
  };
}
