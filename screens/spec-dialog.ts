/**
 * Confirm's "where to write" dialogs — Save as spec (F3) and the commands as a script (F3 in the
 * command sheet): a suggested path, asked again with the reason after a refusal (an existing file
 * is never overwritten), the path written said in the status line.
 */
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

type Outcome = { ok: true } | { ok: false; message: string };

interface WriteQuestion {
  title: string;
  /** Two lines saying what the file holds. */
  lines: [string, string];
  suggested: string;
  write(path: string): Outcome;
  /** The status line's words once written. */
  saved(path: string): string;
}

function askWhereToWrite(
  host: SpecDialogHost,
  q: WriteQuestion,
  problem?: string,
  typed?: string,
): void {
  const { ctx } = host;
  const path = new TextField(ctx.screen, { label: 'File', value: typed ?? q.suggested });
  const dialog = new Dialog(ctx.screen, {
    title: q.title,
    lines: problem ? [problem, q.lines[1]] : q.lines,
    field: path,
    buttons: [
      {
        label: 'Save',
        onPress: () => {
          const outcome = q.write(path.value);
          if (!outcome.ok) return askWhereToWrite(host, q, outcome.message, path.value);
          ctx.status.set('success', q.saved(path.value));
          ctx.screen.render();
        },
      },
      { label: 'Cancel', onPress: () => undefined },
    ],
  });
  host.opened(dialog);
}

export function askWhereToSave(host: SpecDialogHost): void {
  const { port } = host;
  askWhereToWrite(host, {
    title: 'Save the answers as a spec',
    lines: [
      'A JSON file with every answer; open it with pvevm --spec FILE',
      'or create the same VM again with pvevm create --spec FILE.',
    ],
    suggested: port.suggestSpecPath(host.state()),
    write: (path) => port.saveSpec(path, host.state()),
    saved: (path) => `Saved the answers to ${path}`,
  });
}

/** The node's commands as a bash script (readable by the user alone, 0600). */
export function askWhereToSaveCommands(
  host: SpecDialogHost,
  script: string,
  onSaved: (words: string) => void,
): void {
  const { port } = host;
  askWhereToWrite(host, {
    title: "Save the node's commands as a script",
    lines: [
      'The qm commands of the API view, as a bash script (mode 0600):',
      'copy it to the node and run it there with bash FILE.',
    ],
    suggested: port.suggestCommandsPath(host.state()),
    write: (path) => port.saveCommands(path, script),
    saved: (path) => {
      const words = `Saved the commands to ${path} (on the node: bash ${path})`;
      onSaved(words);
      return words;
    },
  });
}
