/** A simulated task whose work is done half-way through and whose result is written at its end. */
import type { SimTask } from './state';

/**
 * Half-way through `task`, run `work` (a create allocates its disks and logs them, so the log
 * grows while the task runs); when the task ends, `end` with its result, or `failed` with the
 * error either threw.
 */
export function inTwoPhases<T>(
  task: SimTask,
  work: () => T,
  end: (value: T) => void,
  failed: (err: unknown) => void,
): void {
  let result: { value: T } | { err: unknown } = { err: new Error('the work was not done') };
  task.midway = {
    at: task.start + task.duration / 2,
    run: () => {
      try {
        result = { value: work() };
      } catch (err) {
        result = { err };
      }
    },
  };
  task.finish = () => {
    try {
      if ('err' in result) throw result.err;
      end(result.value);
    } catch (err) {
      failed(err);
    }
  };
}
