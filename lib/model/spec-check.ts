/**
 * Every problem of a spec in one report: its shape (unknown keys, wrong types, the version)
 * and its values as the step schemas judge them, each by its path. Pure.
 */
import { choiceValues, explicitChoices, issuePath, type ChoicePath } from './choices';
import type { VmConfig } from './config';
import { validateConfig } from './schemas';
import { readSpec } from './spec';

/**
 * Which values to judge now: `all` (nothing will fill what the spec leaves open: a dry run),
 * or `own` (the server fills the choices the spec leaves open, so those wait for it).
 */
export type SpecJudgement = 'all' | 'own';

export interface CheckedSpec {
  config: VmConfig;
  /** The choices the spec (or the base) names. */
  explicit: ChoicePath[];
  /** `cpu.cors: unknown key`, `general.vmid: VM ID must be …`: shape problems first. */
  problems: string[];
}

export function checkSpec(
  base: { config: VmConfig; explicit: readonly ChoicePath[] },
  data: unknown,
  judge: SpecJudgement,
): CheckedSpec {
  const { config, problems } = readSpec(base.config, data);
  const explicit = explicitChoices(data, base.explicit);
  const leftToServer = new Set(
    judge === 'all'
      ? []
      : choiceValues(config)
          .map(([path]) => path)
          .filter((path) => !explicit.includes(path)),
  );
  const values = validateConfig(config)
    .filter((issue) => !leftToServer.has(issuePath(issue)))
    .map((issue) => `${issuePath(issue)}: ${issue.message}`);
  return { config, explicit, problems: [...problems, ...values] };
}
