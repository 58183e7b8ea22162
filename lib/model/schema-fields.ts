/** Field schemas the step schemas share: whole numbers typed as text, required choices. Pure. */
import * as yup from 'yup';
import { parseInteger } from './rules';

interface IntOptions {
  min: number;
  max?: number;
  required?: boolean;
}

/** A text field holding a whole number in [min, max]; empty is allowed unless required. */
export function intText(label: string, { min, max, required = false }: IntOptions) {
  const range = max === undefined ? `of ${min} or more` : `between ${min} and ${max}`;
  return yup
    .string()
    .defined()
    .test('int', `${label} must be a whole number ${range}`, (value) => {
      if (value.trim() === '') return !required;
      const n = parseInteger(value);
      return n !== undefined && n >= min && (max === undefined || n <= max);
    })
    .test('required', `${label} is required`, (value) => !required || value.trim() !== '');
}

export const requiredChoice = (label: string) => yup.string().defined().required(`Choose ${label}`);
