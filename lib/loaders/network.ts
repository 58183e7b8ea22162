/** The Network step's loader: the node's bridges, and which to fill in. */
import type { ProxmoxApi } from '../../services/proxmox-api';
import type { Loader } from '../controller';
import type { VmConfig } from '../model/config';
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
    const note = leftOutNote([['bridge', listed.leftOut]]);
    if (bridges.length === 0)
      return {
        type: 'loaded',
        step: 'network',
        note,
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
      data: { bridges, bridgeDetails: [...listed], notice } satisfies NetworkData,
      fill: (config, explicit) => fillBridges(config, explicit, bridges, bridge),
      offered,
      note,
    };
  };
}

/** Put `bridge` into every device whose bridge the node lacks, unless a spec or preset chose it. */
function fillBridges(
  config: VmConfig,
  explicit: readonly string[],
  bridges: readonly string[],
  bridge: string,
): VmConfig {
  const keep = (path: string, value: string) => explicit.includes(path) || bridges.includes(value);
  const network = config.network;
  return {
    ...config,
    network: {
      ...network,
      bridge: keep('network.bridge', network.bridge) ? network.bridge : bridge,
      extraNics: network.extraNics.map((n, i) =>
        keep(`network.extraNics[${i}].bridge`, n.bridge) ? n : { ...n, bridge },
      ),
    },
  };
}
