/**
 * The General step: node, VM ID (the wizard checks it against the server as it is typed), name, resource
 * pool, tags, HA, start at boot and the start/shutdown order. Nodes, the next free id, pools
 * and tags arrive together; while they load, or when some fail, the step stays usable.
 */
import { byCodePoint } from '../lib/model/order';
import type { GeneralData } from '../lib/wizard/step-data';
import type { GeneralSettings } from '../lib/model/config';
import { normaliseTag, tagProblem, VMID_MAX, VMID_MIN } from '../lib/model/rules';
import { tagColor } from '../lib/model/tag-colors';
import type { WizardState } from '../lib/wizard/machine';
import { itemSource, type OptionSource } from '../widgets/option-source';
import type { TagListField } from '../widgets/tag-list-field';
import type { FieldDescriptor } from './fields';
import { createTheme, themeOf, type Glyphs } from '../widgets/theme';
import { nodeHint, nodeOptions } from './node-options';
import { nodePanel } from './node-panel';
import { createFormStep } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { serverProblem, showView } from './view-status';

/** PoolSelector.js (`sorters: 'poolid'`): ExtJS's plain compare. */
const byName = byCodePoint;

type Pool = GeneralData['pools'][number];

/** The pools of an answer, sorted once and kept with it (a remount of the step reuses them). */
const sortedPools = new WeakMap<readonly Pool[], OptionSource>();

/** The pools, read in place: an option is made only for the rows shown. */
function poolOptions(data: GeneralData | undefined): OptionSource {
  const pools = data?.pools ?? [];
  let source = sortedPools.get(pools);
  if (!source) {
    // Sorted by name, as the web UI's PoolSelector.js (`sorters: 'poolid'`).
    const sorted = [...pools].sort((a, b) => byName(a.poolid, b.poolid));
    source = itemSource(
      sorted,
      {
        value: (p) => p.poolid,
        option: (p) => ({ value: p.poolid, label: p.poolid, detail: p.comment }),
        text: (p) => p.poolid.toLowerCase(),
      },
      [{ value: '', label: 'None' }],
    );
    sortedPools.set(pools, source);
  }
  return source;
}

/** The last tag list made per answer, and for which chosen tags. */
const lastTags = new WeakMap<readonly string[], { chosen: string; source: OptionSource }>();

/**
 * The cluster's tags not chosen yet, read in place (200,000 tags make no option each); the
 * same source while neither changed (a node's load arriving keeps an open list's filter).
 */
function tagOptions(data: GeneralData | undefined, chosen: readonly string[]): OptionSource {
  const all = data?.tags ?? [];
  const key = chosen.join('\u0000');
  const last = lastTags.get(all);
  if (last?.chosen === key) return last.source;
  const tags = chosen.length === 0 ? all : all.filter((t) => !chosen.includes(t));
  const colors = data?.tagColors ?? NO_COLORS;
  const source = itemSource(tags, {
    value: (t) => t,
    option: (t) => ({ value: t, label: t, color: tagColor(t, colors) }),
    text: (t) => t.toLowerCase(),
  });
  lastTags.set(all, { chosen: key, source });
  return source;
}

const NO_COLORS: GeneralData['tagColors'] = new Map();

type Descriptor = FieldDescriptor<GeneralSettings, GeneralData>;

const orderField = (key: 'startupOrder' | 'startupDelay' | 'shutdownTimeout', label: string) =>
  ({ kind: 'number', key, label, min: 0, hint: 'optional' }) satisfies Descriptor;

/**
 * The General step's fields. A new node reloads the steps that depend on it and a typed VM ID
 * is checked against the server: the wizard's machine does both (lib/wizard).
 */
export function generalFields(glyphs: Glyphs = createTheme().glyphs): Descriptor[] {
  return [
    {
      kind: 'select',
      key: 'node',
      label: 'Node',
      placeholder: 'Loading nodes…',
      options: ({ data, values }) => {
        return nodeOptions(data, glyphs, values.node);
      },
      hint: ({ data, values }) => nodeHint(data, values.node),
    },
    {
      kind: 'number',
      key: 'vmid',
      label: 'VM ID',
      min: VMID_MIN,
      max: VMID_MAX,
    },
    { kind: 'text', key: 'name', label: 'Name', placeholder: 'optional, e.g. web-01' },
    {
      kind: 'select',
      key: 'pool',
      label: 'Resource Pool',
      options: ({ data }) => poolOptions(data),
      hint: ({ data }) =>
        data && (data.pools ?? []).length === 0 ? 'No pools on this cluster' : '',
    },
    {
      kind: 'tags',
      key: 'tags',
      label: 'Tags',
      placeholder: 'none; type a tag and press Enter',
      normalise: normaliseTag,
      check: tagProblem,
      // As the web UI draws a tag: the cluster's colour, else one made from its name.
      color: (tag, { data }) => tagColor(tag, data?.tagColors ?? NO_COLORS),
    },
    {
      kind: 'picker',
      key: 'clusterTags',
      label: 'Add a cluster tag',
      placeholder: "choose one of the cluster's tags",
      emptyText: 'No tags on this cluster yet',
      options: ({ data, values }) => tagOptions(data, values.tags),
      dependsOn: ['tags'],
      pick: (tag, { tags }) => (tag && !tags.includes(tag) ? { tags: [...tags, tag] } : undefined),
    },
    { kind: 'toggle', key: 'ha', label: 'Add to HA' },
    { kind: 'toggle', key: 'onboot', label: 'Start at boot' },
    orderField('startupOrder', 'Start/shutdown order'),
    orderField('startupDelay', 'Startup delay (s)'),
    orderField('shutdownTimeout', 'Shutdown timeout (s)'),
  ];
}

function showStatus(ctx: StepContext, state: WizardState): void {
  const problem = serverProblem(state, 'general');
  if (problem) ctx.status.set('warning', problem);
  else
    showView(ctx.status, state.views.general, {
      loading: 'Loading nodes, next VM ID, pools and tags…',
    });
}

export function createGeneralScreen(ctx: StepContext): StepScreen {
  const next = () => ctx.dispatch({ type: 'next' });
  const step = createFormStep(ctx, 'general', generalFields(themeOf(ctx.screen).glyphs), {
    reload: true,
    data: (state) => state.data.general,
    status: (state) => showStatus(ctx, state),
    buttons: { back: false, next },
  });
  const { sf, bound, view } = step;
  const tags = bound.widget('tags') as TagListField;
  const panel = nodePanel(ctx, sf.form);
  panel.update(ctx.state);
  return {
    ...view,
    update: (state) => {
      view.update(state);
      panel.update(state);
    },
    // A tag typed but not entered is added first; a refused one keeps the user here.
    forward: () => {
      if (tags.commitPending()) next();
      else {
        sf.form.focus(tags);
        ctx.screen.render();
      }
    },
  };
}
