/**
 * The Confirm step: the whole configuration grouped by step (or, with F2, the exact API
 * parameters and the equivalent `qm create` command), the problems that block Create with a
 * jump to each, the VM ID checked again, "Start after created", and Create VM.
 */
import { updateSection } from '../lib/model/derive';
import type { WizardState } from '../lib/wizard/machine';
import { Button } from '../widgets/button';
import { CommandSheet } from '../widgets/command-sheet';
import type { Dialog } from '../widgets/dialog';
import { Form } from '../widgets/form';
import { SelectField } from '../widgets/select-field';
import { TextView } from '../widgets/text-view';
import { ToggleField } from '../widgets/toggle-field';
import { blockers, commandScript, confirmLines, type ConfirmPort } from './confirm-text';
import type { Blocker } from '../lib/wizard/confirm';
import { bindKeys, type BoundKey } from './screen-keys';
import { askWhereToSave, askWhereToSaveCommands } from './spec-dialog';
import type { StepContext, StepScreen } from './step-screen';
import { showView } from './view-status';

export type { ConfirmPort } from './confirm-text';

class ConfirmScreen implements StepScreen {
  readonly keys: readonly BoundKey[];
  private state: WizardState;
  /** What the Problems list shows, in its order. */
  private listed: Blocker[] = [];
  private apiView = false;
  private saveDialog: Dialog | undefined;
  private sheet: CommandSheet | undefined;
  private readonly view: TextView;
  private readonly form: Form;
  private readonly start: ToggleField;
  private readonly problems: SelectField;
  private readonly create: Button;
  private readonly unbind: () => void;

  constructor(
    private readonly ctx: StepContext,
    private readonly port: ConfirmPort,
  ) {
    const { screen, parent } = ctx;
    this.state = ctx.state;
    this.view = new TextView(screen, {
      parent,
      title: 'Summary',
      top: 0,
      bottom: 9,
      left: 0,
      right: 0,
    });
    this.form = new Form(screen, { parent, bottom: 0, height: 9, left: 0, right: 0 });
    this.start = this.form.add(
      new ToggleField(screen, {
        label: 'Start after created',
        value: this.state.config.confirm.startAfterCreate,
        hint: 'checked: started once configured',
        onChange: (v) =>
          ctx.dispatch({
            type: 'changed',
            config: updateSection(this.state.config, 'confirm', { startAfterCreate: v }),
          }),
      }),
    );
    this.problems = this.form.add(
      new SelectField(screen, {
        label: 'Problems to fix first',
        placeholder: 'None',
        emptyText: 'Nothing to fix',
        onChange: (value) => this.goTo(value),
      }),
    );
    this.create = new Button(screen, { label: 'Create VM', onPress: () => this.forward() });
    this.addButtons();
    this.keys = this.screenKeys();
    this.unbind = bindKeys(screen, this.keys, () => !this.problems.isOpen && !this.busy);
    this.update(this.state);
    this.form.focus(blockers(this.state, port).length > 0 ? this.problems : this.create);
    // Coming back to Confirm: someone may have taken the VM ID meanwhile.
    if (this.state.views.confirm?.status === 'ready')
      ctx.dispatch({ type: 'retry', step: 'confirm' });
  }

  /** The save dialog or the command sheet is open: they have the keys. */
  private get busy(): boolean {
    return this.saveDialog?.isOpen === true || this.sheet?.isOpen === true;
  }

  private addButtons(): void {
    const { screen } = this.ctx;
    this.form.addButtons([
      new Button(screen, { label: '< Back', onPress: () => this.back() }),
      this.create,
      new Button(screen, { label: 'API view (F2)', onPress: () => this.switchView() }),
      new Button(screen, { label: 'Save as spec (F3)', onPress: () => this.askWhere() }),
    ]);
  }

  private screenKeys(): BoundKey[] {
    return [
      {
        keys: ['f2'],
        label: 'F2',
        help: 'Switch between the summary and the API parameters',
        run: () => this.switchView(),
      },
      {
        keys: ['f5'],
        label: 'F5',
        help: 'The commands alone on the whole screen, to copy with the mouse',
        run: () => this.showCommands(),
      },
      {
        // One entry for both: the help has to fit at 80x24.
        keys: ['pageup', 'pagedown'],
        label: 'PgUp/Dn',
        help: 'Scroll the summary or the API view',
        run: (key) => this.view.page(key === 'pageup' ? -1 : 1),
      },
      {
        keys: ['f3'],
        label: 'F3',
        help: 'Save the answers as a spec file',
        run: () => this.askWhere(),
      },
      {
        keys: ['f4'],
        label: 'F4',
        help: 'Use the next free VM ID (when the chosen one is taken)',
        run: () => this.useNextFree(),
      },
    ];
  }

  /** A problem chosen in the list: its event goes to the field (or takes the next free VM ID). */
  private goTo(value: string): void {
    const action = this.listed[Number(value)]?.action;
    if (action) this.ctx.dispatch(action);
  }

  private useNextFree(): void {
    this.ctx.dispatch({ type: 'useNextFreeVmid' });
  }

  private dialogHost() {
    return {
      ctx: this.ctx,
      port: this.port,
      state: () => this.state,
      opened: (dialog: Dialog) => (this.saveDialog = dialog),
    };
  }

  private askWhere(): void {
    askWhereToSave(this.dialogHost());
  }

  private switchView(): void {
    this.apiView = !this.apiView;
    this.view.setTitle(this.apiView ? 'API parameters and qm create' : 'Summary');
    this.view.setLines(confirmLines(this.state, this.port, this.apiView));
    this.ctx.screen.render();
  }

  /** F5: the node's commands borderless on the whole screen (F5 or Esc goes back). */
  private showCommands(): void {
    const preview = this.port.preview(this.state);
    if (!preview) {
      this.ctx.status.set('error', 'Fix the problems first to see the commands');
      this.ctx.screen.render();
      return;
    }
    const node = this.state.config.general.node;
    this.sheet = new CommandSheet(this.ctx.screen, {
      title: `The same VM on ${node}'s shell; select with the mouse to copy`,
      commands: [preview.command.join('\n'), ...preview.followUps.map((c) => c.command)],
      closeKeys: ['f5'],
      keys: [
        {
          key: 'f3',
          says: 'saves them as a script',
          run: () =>
            askWhereToSaveCommands(this.dialogHost(), commandScript(this.state, preview), (w) =>
              this.sheet?.setNote(w),
            ),
        },
      ],
    });
  }

  back(): void {
    if (!this.busy) this.ctx.dispatch({ type: 'back' });
  }

  forward(): void {
    if (this.busy) return;
    if (blockers(this.state, this.port).length > 0) {
      this.form.focus(this.problems);
      this.ctx.status.set('error', 'Fix the problems listed first (choose one to go there)');
      this.ctx.screen.render();
      return;
    }
    this.ctx.dispatch({ type: 'next' });
  }

  update(next: WizardState): void {
    this.state = next;
    const list = blockers(next, this.port);
    this.listed = list;
    // Problems found by the check that ran after Confirm opened: Create is off, go to the list.
    if (list.length > 0 && this.form.focused === this.create) this.form.focus(this.problems);
    this.problems.setOptions(
      list.map((b, i) => ({ value: String(i), label: b.label })),
      '',
    );
    this.problems.setPlaceholder(list[0]?.label ?? 'None');
    this.problems.setHint(list.length > 0 ? `${list.length} to fix: choose one to go there` : '');
    this.create.setDisabled(list.length > 0);
    this.view.setLines(confirmLines(next, this.port, this.apiView));
    const { status } = this.ctx;
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
  }

  focusField(field: string): void {
    this.form.focus(field === 'startAfterCreate' ? this.start : this.problems);
  }

  destroy(): void {
    this.saveDialog?.close();
    this.sheet?.close();
    this.unbind();
    for (const child of this.ctx.parent.children.slice()) child.destroy();
  }
}

export const createConfirmScreen = (ctx: StepContext, port: ConfirmPort): StepScreen =>
  new ConfirmScreen(ctx, port);
