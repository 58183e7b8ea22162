/**
 * The Disks step: the VM's disks as a list (one SCSI disk by default, none allowed), Add and
 * Remove, and an editor for the chosen disk. Options a bus does not have are disabled, not
 * dropped silently.
 */
import type { StoragesData } from '../lib/wizard/step-data';
import type { DiskSettings } from '../lib/model/config';
import { addDisk, diskId, removeDisk, updateDisk } from '../lib/model/derive';
import type { WizardState } from '../lib/wizard/machine';
import { Button } from '../widgets/button';
import { SelectField } from '../widgets/select-field';
import { ToggleField } from '../widgets/toggle-field';
import { DISK_FIELDS, diskSummary } from './disk-fields';
import { bindFields, type BoundFields } from './form-binder';
import { createStepForm, type StepForm } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { serverProblem, showView, withNote } from './view-status';

function showStatus(ctx: StepContext, state: WizardState): void {
  const data = state.data.disks;
  const problem = serverProblem(state, 'disks');
  if (problem) ctx.status.set('warning', problem);
  else if (state.views.disks?.status === 'ready' && data?.notice)
    ctx.status.set('warning', withNote(data.notice, state.views.disks));
  else showView(ctx.status, state.views.disks, { loading: 'Loading the storages for disks…' });
}

/** The disk list, Add and Remove above the editor of the chosen disk. */
export { DISK_FIELDS, diskSummary };

class DisksScreen implements StepScreen {
  private readonly sf: StepForm;
  private readonly list: SelectField;
  private readonly remove: Button;
  private readonly editor: BoundFields;
  private state: WizardState;
  private selected = 0;
  private advancedOn: boolean;
  private advancedToggle: ToggleField | undefined;

  constructor(private readonly ctx: StepContext) {
    const { screen } = ctx;
    this.state = ctx.state;
    this.advancedOn = ctx.advanced?.isOn('disks') ?? false;
    this.sf = createStepForm(ctx, 'disks', { reload: true });
    this.list = this.sf.form.add(
      new SelectField(screen, {
        label: 'Disk',
        placeholder: 'No disks',
        emptyText: 'No disks: Add disk adds one',
        onChange: (v) => this.choose(Number(v)),
      }),
      { wide: true },
    );
    const add = new Button(screen, { label: 'Add disk', onPress: () => this.add() });
    this.remove = new Button(screen, { label: 'Remove disk', onPress: () => this.removeDisk() });
    this.sf.form.addButtons([add, this.remove]);
    this.editor = bindFields<DiskSettings, StoragesData>({
      screen,
      form: this.sf.form,
      fields: DISK_FIELDS,
      section: 'disks',
      prefix: () => `[${this.selected}].`,
      values: (c) => c.disks[this.selected],
      write: (c, patch) => updateDisk(c, this.selected, patch),
      data: (s) => s.data.disks,
      config: this.sf.config,
      change: this.sf.replace,
      state: this.state,
      advanced: () => this.advancedOn,
      addAdvancedToggle: () => {
        this.advancedToggle = this.sf.form.add(
          new ToggleField(screen, {
            label: 'Advanced',
            hint: 'show the advanced options below',
            value: this.advancedOn,
            onChange: (on) => this.setAdvanced(on),
          }),
        );
      },
    });
    this.update(ctx.state);
    this.sf.finish(this.list);
  }

  private get disk(): DiskSettings | undefined {
    return this.sf.config().disks[this.selected];
  }

  update(next: WizardState): void {
    this.state = next;
    const issues = this.sf.adopt(next);
    this.editor.showIssues(issues);
    // A problem of another disk (two disks on one slot) shows at the list.
    const other = issues.find((i) => !i.field.startsWith(`[${this.selected}]`));
    if (other) {
      const at = Number(/^\[(\d+)\]/.exec(other.field)?.[1] ?? 0);
      const d = next.config.disks[at];
      this.list.setError(d ? `${diskId(d)}: ${other.message}` : other.message);
    }
    this.show();
    if (this.disk) showStatus(this.ctx, next);
  }

  focusField(field: string): void {
    const m = /^\[(\d+)\]\.(\w+)$/.exec(field);
    if (m) this.choose(Number(m[1]));
    // A problem in an advanced field opens the advanced options, as a click would.
    if (m && this.editor.isAdvanced(m[2]!) && !this.advancedOn) this.setAdvanced(true);
    if (!this.editor.focus(m?.[2] ?? '')) this.sf.form.focus(this.list);
  }

  destroy(): void {
    this.sf.destroy();
  }

  /** The step's Advanced checkbox: remembered, and shows or hides the advanced fields. */
  private setAdvanced(on: boolean): void {
    this.advancedOn = on;
    this.ctx.advanced?.set('disks', on);
    this.advancedToggle?.setValue(on);
    this.editor.showAdvanced();
  }

  private choose(position: number): void {
    this.selected = position;
    this.show();
  }

  private add(): void {
    const config = this.sf.config();
    const data = this.state.data.disks;
    const storage = this.disk?.storage ?? data?.storages[0]?.storage ?? 'ceph-pool';
    this.sf.replace(addDisk(config, storage));
    if (this.sf.config().disks.length > config.disks.length) this.selected = config.disks.length;
    this.show();
  }

  private removeDisk(): void {
    if (!this.disk) return;
    this.sf.replace(removeDisk(this.sf.config(), this.selected));
    this.selected = Math.max(0, Math.min(this.selected, this.sf.config().disks.length - 1));
    this.show();
  }

  /** Put the chosen disk into the editor and the list. */
  private show(): void {
    const disks = this.sf.config().disks;
    this.list.setOptions(
      disks.map((d, i) => ({
        value: String(i),
        ...diskSummary(d, this.sf.config().system.scsihw),
      })),
      disks.length > 0 ? String(this.selected) : '',
    );
    this.remove.setDisabled(disks.length === 0);
    if (!this.disk) {
      this.editor.setDisabled(true);
      this.ctx.status.set('info', 'No disks: the VM gets none (Add disk adds one)');
    } else this.editor.update(this.state);
    this.ctx.screen.render();
  }
}

export const createDisksScreen = (ctx: StepContext): StepScreen => new DisksScreen(ctx);
