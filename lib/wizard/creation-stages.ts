/**
 * How the creation's stages read (progress screen, `pvevm create`) and the creation's types the
 * screens show. Pure.
 */
import type { Stage, StageState } from '../../services/create-stages/types';

export type {
  CreationResult,
  FollowUp,
  Progress,
  Stage,
  StageState,
} from '../../services/create-stages/types';

/** The stages in order, as people read them (progress screen, `pvevm create`). */
export const STAGE_TITLES: [Stage, string][] = [
  ['create', 'Create the VM'],
  ['task', 'Wait for the create task'],
  ['serial', 'Serial console (serial0=socket, vga=serial0)'],
  ['ha', 'High Availability'],
  ['start', 'Start'],
];

export const STAGE_MARKS: Record<StageState, string> = {
  pending: '[    ]',
  running: '[ .. ]',
  done: '[ ok ]',
  failed: '[FAIL]',
  skipped: '[ -- ]',
  unknown: '[ ?? ]',
};
