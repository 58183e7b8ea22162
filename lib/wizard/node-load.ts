/**
 * The Node list's load at a glance, as part of the machine: once the node list is there (never
 * before: General is drawn ready first), the hour of the nodes a user could look at is asked
 * for (`loadNodeLoad`, run by the controller a few at a time), and a newly chosen node's too.
 * Answers land in `data.general.nodeLoad`; nothing waits for them. Pure.
 */
import { watchedNodes, type NodeLoad } from '../model/node-load';
import type { Transition, WizardState } from './state';
import type { GeneralData } from './step-data';

/** Nodes whose hour is not asked for yet, of those worth asking about after this transition. */
function wanted(before: WizardState, state: WizardState, general: GeneralData): string[] {
  const chosen = state.config.general.node;
  if (general.nodes !== before.data.general?.nodes) return watchedNodes(general.nodes, chosen);
  if (chosen === before.config.general.node) return [];
  return general.nodes.some((n) => n.node === chosen && n.status === 'online') ? [chosen] : [];
}

/** After any transition: ask for the hours newly worth asking for (cheap when nothing changed). */
export function watchNodeLoad(before: WizardState, { state, effects }: Transition): Transition {
  const general = state.data.general;
  if (
    !general ||
    (general === before.data.general && state.config.general.node === before.config.general.node)
  )
    return { state, effects };
  const nodes = wanted(before, state, general).filter((n) => !general.nodeLoad?.[n]);
  if (nodes.length === 0) return { state, effects };
  const asked = Object.fromEntries(nodes.map((n) => [n, { status: 'loading' } as NodeLoad]));
  const nodeLoad = { ...general.nodeLoad, ...asked };
  return {
    state: { ...state, data: { ...state.data, general: { ...general, nodeLoad } } },
    effects: [...effects, { type: 'loadNodeLoad', nodes }],
  };
}

/** A node's hour arrived (or failed): kept where it was asked for, else dropped. */
export function nodeLoaded(state: WizardState, node: string, load: NodeLoad): Transition {
  const general = state.data.general;
  if (general?.nodeLoad?.[node]?.status !== 'loading') return { state, effects: [] };
  const nodeLoad = { ...general.nodeLoad, [node]: load };
  return {
    state: { ...state, data: { ...state.data, general: { ...general, nodeLoad } } },
    effects: [],
  };
}
