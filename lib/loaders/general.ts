/** The General step's loader: nodes, the next free VM ID, pools and tags, in parallel. */
import type { ProxmoxApi } from '../../services/proxmox-api';
import type { Loader } from '../controller';
import { withGeneralDefaults } from '../model/general';
import type { SiteDefaults } from '../settings';
import { leftOutNote } from '../strings';
import type { Fill } from '../wizard/machine';
import type { GeneralData } from '../wizard/step-data';
import { messageOf } from './message-of';

/** `what: why` of each call that failed. */
function failures(results: [string, PromiseSettledResult<unknown>][]): string[] {
  return results.flatMap(([what, r]) =>
    r.status === 'rejected' ? [`${what}: ${messageOf(r.reason)}`] : [],
  );
}

export function generalLoader(api: () => ProxmoxApi, defaults: SiteDefaults): Loader {
  return async () => {
    const [nodes, nextId, pools, tags] = await Promise.allSettled([
      api().nodes(),
      api().nextVmid(),
      api().pools(),
      api().tags(),
    ]);
    const value = <T>(r: PromiseSettledResult<T>, fallback: T) =>
      r.status === 'fulfilled' ? r.value : fallback;
    const { tags: tagList, colors } = value(tags, { tags: [], colors: new Map() });
    const data: GeneralData = {
      nodes: value(nodes, []),
      pools: value(pools, []),
      tags: tagList,
      tagColors: colors,
    };
    const fill: Fill = (config, explicit) =>
      withGeneralDefaults(config, {
        nodes: data.nodes,
        nextId: value(nextId, undefined),
        preferredNode: defaults.node,
        keepNode: explicit.includes('general.node'),
      });
    // Without the node list nothing can be said against the chosen node.
    const offered =
      nodes.status === 'fulfilled'
        ? {
            nodes: {
              all: data.nodes.map((n) => n.node),
              online: data.nodes.filter((n) => n.status === 'online').map((n) => n.node),
            },
          }
        : undefined;
    const reasons = failures([
      ['nodes', nodes],
      ['next VM ID', nextId],
      ['pools', pools],
      ['tags', tags],
    ]);
    if (reasons.length > 0) {
      return {
        type: 'loadFailed',
        step: 'general',
        message: `Could not load ${reasons.join('; ')}`,
        data,
        fill,
        offered,
      };
    }
    const note = leftOutNote([
      ['node', data.nodes.leftOut],
      ['pool', data.pools.leftOut],
    ]);
    return { type: 'loaded', step: 'general', data, fill, offered, note };
  };
}
