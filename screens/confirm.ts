/**
 * The Confirm step: the whole configuration grouped by step (or, with F2, the exact API
 * parameters and the equivalent `qm create` command), the problems that block Create with a
 * jump to each, the VM ID checked again, "Start after created", and Create VM.
 */
import { updateSection } from '../lib/model/derive';
import { describeMissing, type PrivilegeNeed } from '../lib/model/privileges';
import { summary } from '../lib/model/summary';
import type { WizardState } from '../lib/wizard/machine';
import { confirmBlockers, nextFreeVmid, type Blocker } from '../lib/wizard/confirm';
import { takenVmid, takenVmidMessage } from '../lib/vmid-taken';
import { Button } from '../widgets/button';
import { Dialog } from '../widgets/dialog';
import { TextField } from '../widgets/text-field';
import { Form } from '../widgets/form';
import { SelectField } from '../widgets/select-field';
import { TextView, type TextLine } from '../widgets/text-view';
import { ToggleField } from '../widgets/toggle-field';
import type { StepContext, StepScreen } from './step-screen';
import { bindKeys, type BoundKey } from './screen-keys';
import { showView } from './view-status';

export interface ConfirmPort {
  /** The create call's parameters and the `qm create` line for a state (for the API view). */
  preview(state: WizardState): { params: string[]; command: string } | undefined;
  /** Where "Save as spec" suggests writing the answers. */
  suggestSpecPath(state: WizardState): string;
  /** Write the answers as a spec; never over an existing file. */
  saveSpec(path: string, state: WizardState): { ok: true } | { ok: false; message: string };
  /** The privileges the create needs and the user lacks (as far as the server said). */
  missingPrivileges(state: WizardState): PrivilegeNeed[];
}

export function createConfirmScreen(ctx: StepContext, port: ConfirmPort): StepScreen {
  const { screen, parent, status } = ctx;
  let state = ctx.state;
  let apiView = false;
  const view = new TextView(screen, {
    parent,
    title: 'Summary',
    top: 0,
    bottom: 9,
    left: 0,
    right: 0,
  });
  const form = new Form(screen, { parent, bottom: 0, height: 9, left: 0, right: 0 });

  const start = form.add(
    new ToggleField(screen, {
      label: 'Start after created',
      value: state.config.confirm.startAfterCreate,
      hint: 'checked: started once configured',
      onChange: (v) =>
        ctx.dispatch({
          type: 'changed',
          config: updateSection(state.config, 'confirm', { startAfterCreate: v }),
        }),
    }),
  );
  const problems = form.add(
    new SelectField(screen, {
      label: 'Problems to fix first',
      placeholder: 'None',
      emptyText: 'Nothing to fix',
      onChange: (value) => {
        const action = listed[Number(value)]?.action;
        if (action) ctx.dispatch(action);
      },
    }),
  );
  const create = new Button(screen, { label: 'Create VM', onPress: () => forward() });
  const toggle = new Button(screen, { label: 'API view (F2)', onPress: () => switchView() });
  const save = new Button(screen, { label: 'Save as spec (F3)', onPress: () => askWhere() });
  form.addButtons([
    new Button(screen, { label: '< Back', onPress: () => back() }),
    create,
    toggle,
    save,
  ]);

  const useNextFree = () => ctx.dispatch({ type: 'useNextFreeVmid' });

  let saveDialog: Dialog | undefined;
  const saving = () => saveDialog?.isOpen === true;
  function askWhere(problem?: string, typed?: string) {
    const path = new TextField(screen, {
      label: 'File',
      value: typed ?? port.suggestSpecPath(state),
    });
    saveDialog = new Dialog(screen, {
      title: 'Save the answers as a spec',
      lines: [
        problem ?? 'A JSON file with every answer; open it with pvevm --spec FILE',
        'or create the same VM again with pvevm create --spec FILE.',
      ],
      field: path,
      buttons: [
        {
          label: 'Save',
          onPress: () => {
            const outcome = port.saveSpec(path.value, state);
            if (!outcome.ok) return askWhere(outcome.message, path.value);
            status.set('success', `Saved the answers to ${path.value}`);
            screen.render();
          },
        },
        { label: 'Cancel', onPress: () => undefined },
      ],
    });
  }
  function back() {
    if (!saving()) ctx.dispatch({ type: 'back' });
  }

  /** What the Problems list shows, each with the event that goes to fix it. */
  let listed: Blocker[] = [];
  const blockers = (s: WizardState) => confirmBlockers(s, port.missingPrivileges(s));

  function lines(s: WizardState): TextLine[] {
    const out: TextLine[] = [];
    const failure = s.lastFailure;
    const taken = failure?.kind === 'failed' ? takenVmid(failure.message) : undefined;
    if (taken) {
      const next = nextFreeVmid(s);
      out.push(
        { text: `${takenVmidMessage(taken)}.`, role: 'error' },
        {
          text:
            next !== undefined
              ? `Press F4 to use the next free VM ID, ${next}, or choose one on General.`
              : String(taken.vmid) === s.config.general.vmid
                ? 'Choose another VM ID on General.'
                : `Create VM tries again with VM ID ${s.config.general.vmid}.`,
          role: 'hint',
        },
        { text: '' },
      );
    } else if (failure?.kind === 'failed') {
      out.push({ text: `VM creation failed, no VM exists: ${failure.message}`, role: 'error' });
      for (const l of failure.log.slice(-8)) out.push({ text: `  ${l}`, role: 'hint' });
      out.push({ text: '' });
    }
    if (failure?.kind === 'unknown') {
      out.push(
        { text: failure.message, role: 'error' },
        {
          text: `Create looks for VM ${failure.vmid} first: if the earlier call arrived, it carries on with that VM instead of creating another.`,
        },
      );
      for (const l of failure.log.slice(-8)) out.push({ text: `  ${l}`, role: 'hint' });
      out.push({ text: '' });
    }
    const check = s.data.confirm;
    if (check && !check.vmidFree && !taken) {
      out.push(
        {
          text: `VM ID ${s.config.general.vmid} was taken by someone else meanwhile: choose another below.`,
          role: 'error',
        },
        { text: '' },
      );
    }
    const missing = port.missingPrivileges(s);
    if (missing.length > 0) {
      out.push({
        text: 'You lack privileges this create needs: an administrator can grant them, or choose other values (Problems to fix first goes to each field).',
        role: 'error',
      });
      for (const need of missing) out.push({ text: `  ${describeMissing(need)}`, role: 'hint' });
      out.push({ text: '' });
    }
    if (apiView) {
      const preview = port.preview(s);
      if (!preview)
        return [...out, { text: 'Fix the problems first to see the parameters.', role: 'hint' }];
      out.push({ text: 'POST /nodes/{node}/qemu with:', role: 'title' });
      for (const p of preview.params) out.push({ text: `  ${p}` });
      out.push(
        { text: '' },
        { text: 'The same on the node:', role: 'title' },
        { text: preview.command },
      );
      return out;
    }
    const data = s.data.confirm;
    for (const group of summary(s.config, {
      allowKsmSupported: data?.allowKsmSupported,
    })) {
      out.push({ text: group.title, role: 'title' });
      for (const [label, value] of group.rows) out.push({ text: `  ${label.padEnd(18)} ${value}` });
    }
    return out;
  }

  function switchView() {
    apiView = !apiView;
    view.setTitle(apiView ? 'API parameters and qm create' : 'Summary');
    view.setLines(lines(state));
    screen.render();
  }

  function forward() {
    if (saving()) return;
    if (blockers(state).length > 0) {
      form.focus(problems);
      status.set('error', 'Fix the problems listed first (choose one to go there)');
      screen.render();
      return;
    }
    ctx.dispatch({ type: 'next' });
  }

  const keys: BoundKey[] = [
    {
      keys: ['f2'],
      label: 'F2',
      help: 'Switch between the summary and the API parameters',
      run: () => switchView(),
    },
    { keys: ['pagedown'], label: 'PgDn', help: 'Scroll the summary down', run: () => view.page(1) },
    { keys: ['pageup'], label: 'PgUp', help: 'Scroll the summary up', run: () => view.page(-1) },
    { keys: ['f3'], label: 'F3', help: 'Save the answers as a spec file', run: () => askWhere() },
    {
      keys: ['f4'],
      label: 'F4',
      help: 'Use the next free VM ID (when the chosen one is taken)',
      run: () => useNextFree(),
    },
  ];
  const unbind = bindKeys(screen, keys, () => !problems.isOpen && !saving());

  const update = (next: WizardState) => {
    state = next;
    const list = blockers(next);
    listed = list;
    // Problems found by the check that ran after Confirm opened: Create is off, go to the list.
    if (list.length > 0 && form.focused === create) form.focus(problems);
    problems.setOptions(
      list.map((b, i) => ({ value: String(i), label: b.label })),
      '',
    );
    problems.setPlaceholder(list[0]?.label ?? 'None');
    problems.setHint(list.length > 0 ? `${list.length} to fix: choose one to go there` : '');
    create.setDisabled(list.length > 0);
    view.setLines(lines(next));
    if (next.views.confirm?.status === 'error')
      status.set('error', next.views.confirm.message ?? 'VM creation failed');
    else if (list.length > 0)
      status.set(
        'warning',
        `${list.length} problem${list.length > 1 ? 's' : ''} to fix before creating`,
      );
    else
      showView(status, next.views.confirm, {
        loading: 'Checking the VM ID again…',
        ready: 'Ready: Create VM (Ctrl-N) creates it',
      });
  };

  update(state);
  form.focus(blockers(state).length > 0 ? problems : create);
  // Coming back to Confirm: someone may have taken the VM ID meanwhile.
  if (state.views.confirm?.status === 'ready') ctx.dispatch({ type: 'retry', step: 'confirm' });
  return {
    update,
    focusField: (field) => form.focus(field === 'startAfterCreate' ? start : problems),
    forward,
    back,
    keys,
    destroy: () => {
      saveDialog?.close();
      unbind();
      for (const child of parent.children.slice()) child.destroy();
    },
  };
}
