/**
 * Find a step's fields by their descriptor keys (the config paths), not by words on screen or
 * patterns over screen source: the descriptors say each field's label and kind.
 */
import { CPU_FIELDS } from '../../screens/cpu';
import { DISK_FIELDS } from '../../screens/disks';
import { generalFields } from '../../screens/general';
import { MEMORY_FIELDS } from '../../screens/memory';
import { NETWORK_FIELDS } from '../../screens/network';
import { osFields } from '../../screens/os';
import { SYSTEM_FIELDS } from '../../screens/system';

export type FormStep = 'general' | 'os' | 'system' | 'disks' | 'cpu' | 'memory' | 'network';

/** What a test needs of a descriptor. */
interface AnyField {
  kind: 'text' | 'number' | 'select' | 'toggle' | 'tags' | 'picker' | 'readonly';
  key: string;
  label: string;
}

const none = () => undefined;

/** Each form step's descriptors in screen order (Disks: the fields of one disk). */
export const STEP_FIELDS: Record<FormStep, readonly AnyField[]> = {
  general: generalFields(),
  os: osFields(none),
  system: SYSTEM_FIELDS,
  disks: DISK_FIELDS,
  cpu: CPU_FIELDS,
  memory: MEMORY_FIELDS,
  network: NETWORK_FIELDS,
};

export function fieldOf(step: FormStep, key: string): AnyField {
  const field = STEP_FIELDS[step].find((f) => f.key === key);
  if (!field) throw new Error(`No field ${key} on ${step}`);
  return field;
}

/** The label a field's top border carries. */
export const labelOf = (step: FormStep, key: string): string => fieldOf(step, key).label;

/** The keys of a step's fields of these kinds, in screen order. */
export const keysOf = (step: FormStep, kinds: readonly AnyField['kind'][]): string[] =>
  STEP_FIELDS[step].filter((f) => kinds.includes(f.kind)).map((f) => f.key);

/** The screen row of a field's top border (its label), or -1 when it is not on screen. */
export function rowOf(lines: readonly string[], step: FormStep, key: string): number {
  const label = labelOf(step, key);
  return lines.findIndex((l) => l.includes(`─ ${label} ─`));
}

/** A field's place as `step.key`, e.g. `cpu.cores` (on Disks, a key of the disk editor). */
export type FieldPath = `${FormStep}.${string}`;

const split = (path: FieldPath) => {
  const at = path.indexOf('.');
  return [path.slice(0, at) as FormStep, path.slice(at + 1)] as const;
};

/** The label of the field at `path`. */
export const fieldLabel = (path: FieldPath): string => labelOf(...split(path));

/** The screen row of the top border of the field at `path`, or -1 when it is not on screen. */
export const fieldRow = (lines: readonly string[], path: FieldPath): number =>
  rowOf(lines, ...split(path));

/** The value row and the bottom border (hint or error) of the field at `path`. */
export function fieldText(lines: readonly string[], path: FieldPath): [string, string] {
  const row = fieldRow(lines, path);
  return [lines[row + 1] ?? '', lines[row + 2] ?? ''];
}
