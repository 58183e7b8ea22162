/** The wizard's steps in order, with their titles and what each needs. Pure data. */
export const STEPS = [
  'login',
  'general',
  'os',
  'system',
  'disks',
  'cpu',
  'memory',
  'network',
  'confirm',
  'submitting',
  'done',
] as const;
export type Step = (typeof STEPS)[number];

/** Steps the user fills in, shown in the header's breadcrumb. */
export const FORM_STEPS = [
  'general',
  'os',
  'system',
  'disks',
  'cpu',
  'memory',
  'network',
  'confirm',
] as const satisfies readonly Step[];
export type FormStep = (typeof FORM_STEPS)[number];

export const STEP_TITLES: Record<Step, string> = {
  login: 'Log in',
  general: 'General',
  os: 'OS',
  system: 'System',
  disks: 'Disks',
  cpu: 'CPU',
  memory: 'Memory',
  network: 'Network',
  confirm: 'Confirm',
  submitting: 'Creating',
  done: 'Done',
};

/** Steps that fetch data from the server when first entered. */
export const STEP_LOADS: Record<Step, boolean> = {
  login: true,
  general: true,
  os: true,
  system: true,
  disks: true,
  cpu: true,
  memory: true,
  network: true,
  confirm: true,
  submitting: false,
  done: false,
};

export function isFormStep(step: Step): step is FormStep {
  return (FORM_STEPS as readonly Step[]).includes(step);
}

export function stepIndex(step: Step): number {
  return STEPS.indexOf(step);
}

/** Steps whose data depends on the node: a node change clears them, so they load again. */
export const NODE_DEPENDENT_STEPS = [
  'os',
  'system',
  'disks',
  'cpu',
  'network',
] as const satisfies readonly Step[];
