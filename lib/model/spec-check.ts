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
  const leftToServer = new Set<string>([
    // Which versions fit depends on the node's architecture, which only the server tells (a dry
    // run never learns it): judged once the node is known.
    'system.machineVersion',
    ...(judge === 'all'
      ? []
      : choiceValues(config)
          .map(([path]) => path)
          .filter((path) => !explicit.includes(path))),
  ]);
  const values = validateConfig(config)
    .filter((issue) => !leftToServer.has(issuePath(issue)))
    .map((issue) => `${specPath(issuePath(issue), data)}: ${issue.message}`);
  return { config, explicit, problems: [...problems, ...values] };
}

/**
 * A path as the spec wrote it: a spec that lists its network devices names them by position
 * (`network[1].mtu`, the configuration's `network.extraNics[0].mtu`; net0 is `network[0]`).
 */
export function specPath(path: string, data: unknown): string {
  const listed =
    data !== null &&
    typeof data === 'object' &&
    Array.isArray((data as { network?: unknown }).network);
  if (!listed || !path.startsWith('network.')) return path;
  const extra = /^network\.extraNics\[(\d+)\]\.(.+)$/.exec(path);
  if (extra) return `network[${Number(extra[1]) + 1}].${extra[2]}`;
  return path === 'network.extraNics' ? 'network' : path.replace(/^network\./, 'network[0].');
}
