/** Confirm's "Save as spec" dialog: where to write the answers, asked again after a refusal. */
import type { WizardState } from '../lib/wizard/machine';
import { Dialog } from '../widgets/dialog';
import { TextField } from '../widgets/text-field';
import type { ConfirmPort } from './confirm-text';
import type { StepContext } from './step-screen';

export interface SpecDialogHost {
  ctx: StepContext;
  port: ConfirmPort;
  state(): WizardState;
  /** The dialog now open (a refusal opens a new one with the reason). */
  opened(dialog: Dialog): void;
}

export function askWhereToSave(host: SpecDialogHost, problem?: string, typed?: string): void {
  const { ctx, port } = host;
  const path = new TextField(ctx.screen, {
    label: 'File',
    value: typed ?? port.suggestSpecPath(host.state()),
  });
  const dialog = new Dialog(ctx.screen, {
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
          const outcome = port.saveSpec(path.value, host.state());
          if (!outcome.ok) return askWhereToSave(host, outcome.message, path.value);
          ctx.status.set('success', `Saved the answers to ${path.value}`);
          ctx.screen.render();
        },
      },
      { label: 'Cancel', onPress: () => undefined },
    ],
  });
  host.opened(dialog);
}
