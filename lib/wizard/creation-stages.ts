/**
 * How the creation's stages read (progress screen, `pvevm create`) and the creation's types the
 * screens show. Pure.
 */
import type { Progress, Stage, StageState } from '../../services/create-stages/types';

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

/** The creation as a gauge: stages over (done or skipped) of all, and what is going on. */
export interface CreationGauge {
  done: number;
  total: number;
  caption: string;
  tone: 'normal' | 'error' | 'warning';
}

const said = (name: string, detail: string | undefined) => (detail ? `${name}: ${detail}` : name);

export function creationGauge(progress: Progress | undefined): CreationGauge {
  const total = STAGE_TITLES.length;
  const stages = STAGE_TITLES.map(([key, name]) => ({
    name,
    ...(progress?.stages[key] ?? { state: 'pending' as const }),
  }));
  const done = stages.filter((s) => s.state === 'done' || s.state === 'skipped').length;
  const failed = stages.find((s) => s.state === 'failed');
  if (failed)
    return { done, total, caption: `Failed: ${said(failed.name, failed.detail)}`, tone: 'error' };
  const unknown = stages.find((s) => s.state === 'unknown');
  if (unknown)
    return {
      done,
      total,
      caption: `Unknown: ${said(unknown.name, unknown.detail)}`,
      tone: 'warning',
    };
  const running = stages.findIndex((s) => s.state === 'running');
  const caption =
    running >= 0
      ? `Stage ${running + 1} of ${total}: ${stages[running]!.name}`
      : done === total
        ? 'Every stage is over'
        : 'Starting';
  return { done, total, caption, tone: 'normal' };
}

/**
 * The log lines not shown yet, given how many were. The create's log only grows while its task
 * runs; once the task ends it is cut to its tail, whose lines were all reported already.
 */
export function newLogLines(progress: Progress | undefined, shown: number): string[] {
  const log = progress?.log ?? [];
  return log.length > shown ? log.slice(shown) : [];
}
