/**
 * The General step: node, VM ID (checked against the server as it is typed), name, resource
 * pool, tags, HA, start at boot and the start/shutdown order. Nodes, the next free id, pools
 * and tags arrive together; while they load, or when some fail, the step stays usable.
 */
import type { GeneralData } from '../lib/wizard/step-data';
import { updateSection } from '../lib/model/derive';
import type { GeneralSettings, VmConfig } from '../lib/model/config';
import {
  DNS_NAME,
  DNS_NAME_TOO_LONG,
  couldBecomeDnsName,
  dnsNameTooLong,
  normaliseTag,
  tagProblem,
  VMID_MAX,
  VMID_MIN,
} from '../lib/model/rules';
import { serverIssues, type WizardState } from '../lib/wizard/machine';
import { Button } from '../widgets/button';
import { Form } from '../widgets/form';
import { SelectField, type SelectOption } from '../widgets/select-field';
import { TagListField } from '../widgets/tag-list-field';
import { NumberField, TextField } from '../widgets/text-field';
import { ToggleField } from '../widgets/toggle-field';
import { percent } from './format';
import type { StepContext, StepScreen } from './step-screen';
import { withKept } from './kept-choice';
import { serverProblem, showView } from './view-status';

const DNS_NAME_HINT = 'A DNS name: letters, digits, inner hyphens, dots';

function nodeOptions(data: GeneralData | undefined): SelectOption[] {
  return [...(data?.nodes ?? [])]
    .sort((a, b) => a.node.localeCompare(b.node))
    .map((n) => ({
      value: n.node,
      label: n.node,
      detail:
        n.status === 'online'
          ? `online  CPU ${percent(n.cpu)}  Mem ${percent(n.mem !== undefined && n.maxmem ? n.mem / n.maxmem : undefined)}`
          : n.status,
      disabled: n.status !== 'online',
    }));
}

export function createGeneralScreen(ctx: StepContext): StepScreen {
  const { screen, parent } = ctx;
  let state = ctx.state;
  let config: VmConfig = state.config;
  const form = new Form(screen, { parent, top: 0, left: 0, right: 0, bottom: 0 });

  const change = (patch: Partial<GeneralSettings>) => {
    config = updateSection(config, 'general', patch);
    ctx.dispatch({ type: 'changed', config });
  };

  const next = () => ctx.dispatch({ type: 'next' });

  const g = config.general;
  const node = form.add(
    new SelectField(screen, {
      label: 'Node',
      options: nodeOptions(state.data.general),
      value: g.node,
      placeholder: 'Loading nodes…',
      onChange: (value) => change({ node: value }),
    }),
  );
  const vmid = form.add(
    new NumberField(screen, {
      label: 'VM ID',
      noun: 'VM ID',
      min: VMID_MIN,
      max: VMID_MAX,
      value: g.vmid,
      onChange: (value) => change({ vmid: value }),
    }),
  );
  const name = form.add(
    new TextField(screen, {
      label: 'Name',
      value: g.name,
      placeholder: 'optional, e.g. web-01',
      validate: (v) =>
        dnsNameTooLong(v) ? DNS_NAME_TOO_LONG : couldBecomeDnsName(v) ? undefined : DNS_NAME_HINT,
      validateOnLeave: (v) =>
        dnsNameTooLong(v)
          ? DNS_NAME_TOO_LONG
          : v === '' || DNS_NAME.test(v)
            ? undefined
            : DNS_NAME_HINT,
      onChange: (value) => change({ name: value }),
    }),
  );
  const pool = form.add(
    new SelectField(screen, {
      label: 'Resource Pool',
      options: [{ value: '', label: 'None' }],
      value: g.pool,
      onChange: (value) => change({ pool: value }),
    }),
  );
  const tags = form.add(
    new TagListField(screen, {
      label: 'Tags',
      value: g.tags,
      placeholder: 'none; type a tag and press Enter',
      normalise: normaliseTag,
      check: tagProblem,
      onChange: (value) => {
        change({ tags: value });
        refreshTagChoices();
      },
    }),
  );
  const clusterTags = form.add(
    new SelectField(screen, {
      label: 'Add a cluster tag',
      placeholder: "choose one of the cluster's tags",
      emptyText: 'No tags on this cluster yet',
      onChange: (value) => {
        if (!value || config.general.tags.includes(value)) return;
        tags.setValue([...config.general.tags, value]);
        change({ tags: [...config.general.tags, value] });
        refreshTagChoices();
      },
    }),
  );
  const ha = form.add(
    new ToggleField(screen, {
      label: 'Add to HA',
      value: g.ha,
      onChange: (v) => change({ ha: v }),
    }),
  );
  form.add(
    new ToggleField(screen, {
      label: 'Start at boot',
      value: g.onboot,
      onChange: (v) => change({ onboot: v }),
    }),
  );
  const order = form.add(
    new NumberField(screen, {
      label: 'Start/shutdown order',
      noun: 'Order',
      min: 0,
      optional: true,
      value: g.startupOrder,
      hint: 'optional',
      onChange: (v) => change({ startupOrder: v }),
    }),
  );
  const up = form.add(
    new NumberField(screen, {
      label: 'Startup delay (s)',
      noun: 'Startup delay',
      min: 0,
      optional: true,
      value: g.startupDelay,
      hint: 'optional',
      onChange: (v) => change({ startupDelay: v }),
    }),
  );
  const down = form.add(
    new NumberField(screen, {
      label: 'Shutdown timeout (s)',
      noun: 'Shutdown timeout',
      min: 0,
      optional: true,
      value: g.shutdownTimeout,
      hint: 'optional',
      onChange: (v) => change({ shutdownTimeout: v }),
    }),
  );
  const reload = new Button(screen, {
    label: 'Reload',
    onPress: () => ctx.dispatch({ type: 'retry', step: 'general' }),
  });
  form.addButtons([new Button(screen, { label: 'Next >', onPress: () => next() }), reload]);

  const fields: Record<string, { setError(m?: string): void }> = {
    node,
    vmid,
    name,
    pool,
    tags,
    ha,
    startupOrder: order,
    startupDelay: up,
    shutdownTimeout: down,
  };
  const focusable: Record<string, Parameters<Form['focus']>[0]> = {
    node,
    vmid,
    name,
    pool,
    tags,
    ha,
    startupOrder: order,
    startupDelay: up,
    shutdownTimeout: down,
  };

  function refreshTagChoices() {
    listedTags = config.general.tags;
    const data = state.data.general;
    const choices = (data?.tags ?? [])
      .filter((t) => !config.general.tags.includes(t))
      .map((t) => ({ value: t, label: t }));
    clusterTags.setOptions(choices, '');
  }

  // Lists are rebuilt only when new data or a new tag choice arrives, not on every keystroke
  // (a large cluster has thousands of tags and hundreds of pools).
  let listedData: GeneralData | undefined;
  let listedTags: string[] | undefined;
  const update = (next: WizardState) => {
    state = next;
    config = next.config;
    const data = next.data.general;
    if (data !== listedData) {
      listedData = data;
      const nodes = nodeOptions(data);
      node.setOptions(
        data ? withKept(nodes, config.general.node, 'not in this cluster') : nodes,
        config.general.node,
      );
      const pools = data?.pools ?? [];
      pool.setOptions(
        [
          { value: '', label: 'None' },
          ...pools.map((p) => ({ value: p.poolid, label: p.poolid, detail: p.comment })),
        ],
        config.general.pool,
      );
      pool.setHint(data && pools.length === 0 ? 'No pools on this cluster' : '');
      refreshTagChoices();
    } else {
      node.setValue(config.general.node);
      pool.setValue(config.general.pool);
    }
    if (!vmid.focused && vmid.value !== config.general.vmid) vmid.setValue(config.general.vmid);
    if (listedTags !== config.general.tags) refreshTagChoices();
    const issues = [...next.issues, ...serverIssues(next)];
    for (const [field, widget] of Object.entries(fields)) {
      const issue = issues.find(
        (i) => i.section === 'general' && (i.field === field || i.field.startsWith(`${field}[`)),
      );
      if (issue) widget.setError(issue.message);
    }
    reload.setDisabled(next.views.general?.status === 'loading');
    const problem = serverProblem(next, 'general');
    if (problem) ctx.status.set('warning', problem);
    else
      showView(ctx.status, next.views.general, {
        loading: 'Loading nodes, next VM ID, pools and tags…',
      });
  };

  update(state);
  form.focus(node);
  return {
    update,
    // A tag typed but not entered is added first; a refused one keeps the user here.
    forward: () => {
      if (tags.commitPending()) next();
      else {
        form.focus(tags);
        screen.render();
      }
    },
    focusField: (field) => {
      const target = focusable[field.replace(/\[.*$/, '')];
      if (target) form.focus(target);
    },
    destroy: () => {
      for (const child of parent.children.slice()) child.destroy();
    },
  };
}
