/** The creation's gauge (stages over, what is going on) and the log lines a report adds. */
import {
  creationGauge,
  newLogLines,
  type Progress,
  type Stage,
  type StageState,
} from '../../lib/wizard/creation-stages';

function progress(
  states: Partial<Record<Stage, StageState | [StageState, string]>>,
  log: string[] = [],
): Progress {
  const all: Stage[] = ['create', 'task', 'serial', 'ha', 'start'];
  const stages = Object.fromEntries(
    all.map((s) => {
      const v = states[s] ?? 'pending';
      return [s, Array.isArray(v) ? { state: v[0], detail: v[1] } : { state: v }];
    }),
  ) as Progress['stages'];
  return { stages, log };
}

describe('creationGauge', () => {
  it('before any report: none of five, starting', () => {
    expect(creationGauge(undefined)).toEqual({
      done: 0,
      total: 5,
      caption: 'Starting',
      tone: 'normal',
    });
  });

  it('advances per stage, naming the one under way', () => {
    expect(creationGauge(progress({ create: 'running' }))).toMatchObject({
      done: 0,
      caption: 'Stage 1 of 5: Create the VM',
    });
    expect(creationGauge(progress({ create: 'done', task: 'running' }))).toMatchObject({
      done: 1,
      caption: 'Stage 2 of 5: Wait for the create task',
    });
    // A stage left out (HA not requested) is over too.
    expect(
      creationGauge(
        progress({ create: 'done', task: 'done', serial: 'done', ha: 'skipped', start: 'running' }),
      ),
    ).toMatchObject({ done: 4, caption: 'Stage 5 of 5: Start', tone: 'normal' });
    expect(
      creationGauge(
        progress({ create: 'done', task: 'done', serial: 'done', ha: 'done', start: 'skipped' }),
      ),
    ).toMatchObject({ done: 5, caption: 'Every stage is over' });
  });

  it('a failed stage: error, with what failed and why, and it is not counted as over', () => {
    expect(
      creationGauge(
        progress({ create: 'done', task: 'done', serial: ['failed', 'no quorum'], ha: 'running' }),
      ),
    ).toEqual({
      done: 2,
      total: 5,
      caption: 'Failed: Serial console (serial0=socket, vga=serial0): no quorum',
      tone: 'error',
    });
  });

  it('a stage whose end is unknown: a warning that says so', () => {
    expect(
      creationGauge(progress({ create: 'done', task: ['unknown', 'its end is unknown'] })),
    ).toMatchObject({
      done: 1,
      caption: 'Unknown: Wait for the create task: its end is unknown',
      tone: 'warning',
    });
  });
});

describe('newLogLines', () => {
  it('gives the lines past those shown', () => {
    expect(newLogLines(progress({}, ['a', 'b', 'c']), 1)).toEqual(['b', 'c']);
    expect(newLogLines(progress({}, ['a']), 1)).toEqual([]);
    expect(newLogLines(undefined, 0)).toEqual([]);
  });

  it('nothing when the log was cut to its tail at the end (those lines were shown)', () => {
    expect(newLogLines(progress({}, ['y', 'z']), 30)).toEqual([]);
  });
});
