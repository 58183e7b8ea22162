/** What stops `pvevm create` before anything is sent: bad values, missing privileges, choices. */
import { EXIT } from '../exit-codes';
import { issuePath } from '../model/choices';
import type { VmConfig } from '../model/config';
import { describeMissing } from '../model/privileges';
import { validateConfig } from '../model/schemas';
import { missingForCreate } from '../preflight';
import { serverIssues, type WizardState } from '../wizard/machine';
import type { ConfirmData } from '../wizard/step-data';
import { CommandError } from './command-error';

export function checkValues(path: string, config: VmConfig): void {
  const issues = validateConfig(config);
  if (issues.length > 0) {
    throw new CommandError(
      issues.map((i) => `${path}: ${issuePath(i)}: ${i.message}`).join('\n'),
      EXIT.usage,
    );
  }
}

/** The privileges the create needs and the user lacks stop it before anything is sent. */
export function checkPrivileges(config: VmConfig, confirm: ConfirmData | undefined): void {
  const missing = missingForCreate(config, confirm?.release ?? '', confirm?.permissions);
  if (missing.length === 0) return;
  const lines = missing.map((need) => {
    const where = need.section === 'disks' ? `disks${need.field}` : `${need.section}.${need.field}`;
    return `  ${where}: ${describeMissing(need)}`;
  });
  throw new CommandError(
    ['the user lacks privileges this create needs (nothing was created):', ...lines].join('\n'),
    EXIT.usage,
  );
}

/**
 * Choices the server lacks stop the command: the spec's own (exit 2, the spec asked for them)
 * or defaults the server could not fill (exit 1). Each is named by its field and value.
 */
export function checkChoices(state: WizardState): void {
  const issues = serverIssues(state).filter((i) => i.section !== 'general' || i.field !== 'vmid');
  if (issues.length === 0) return;
  const explicit = issues.every((i) => state.explicit.includes(issuePath(i)));
  throw new CommandError(
    issues.map((i) => `${issuePath(i)}: ${i.message}`).join('\n'),
    explicit ? EXIT.usage : EXIT.failed,
  );
}
