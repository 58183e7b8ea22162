/**
 * A value a spec or preset chose that the server lacks stays visible in its select (dimmed, not
 * choosable again), so the user sees what was asked for while choosing what exists.
 */
import type { SelectOption } from '../widgets/select-field';

export function withKept(
  options: SelectOption[],
  value: string,
  detail: string,
  label: string = value,
): SelectOption[] {
  if (value === '' || options.some((o) => o.value === value)) return options;
  return [...options, { value, label, detail, disabled: true }];
}
