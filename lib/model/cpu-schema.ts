/**
 * The checks of the CPU step's advanced fields and the balloon rule of the Memory step, with
 * the web UI's limits (pve-manager www/manager6/qemu/ProcessorEdit.js, MemoryEdit.js). Pure.
 */
import * as yup from 'yup';
import { cpusetProblem, cpuUnitsLimits, flagsProblem } from './cpu-options';
import { parseInteger } from './rules';
import { intText } from './schema-fields';

/**
 * MemoryEdit.js: the minimum memory field has `minValue: 1`, so the web UI never sends
 * `balloon=0` with ballooning on — that value turns the balloon device off.
 */
export const BALLOON_ZERO =
  'Minimum memory must be at least 1 MiB: 0 (balloon=0) turns the ballooning device off; ' +
  'uncheck Ballooning Device for that';

/** ProcessorEdit.js: `cpulimit` is a number field 0–128 (the API's maximum), decimals allowed. */
const CPU_LIMIT = /^\d+(\.\d+)?$|^\.\d+$/;
const cpulimit = yup
  .string()
  .defined()
  .test('cpulimit', 'CPU limit must be a number between 0 and 128 (empty: unlimited)', (v) => {
    const text = v.trim();
    return text === '' || (CPU_LIMIT.test(text) && Number(text) <= 128);
  });

const units = cpuUnitsLimits();

export const cpuAdvancedFields = {
  /** ProcessorEdit.js: VCPUs 1 up to the total cores (sockets x cores). */
  vcpus: intText('VCPUs', { min: 1 }).test('le-total', function (v) {
    const vcpus = parseInteger(v);
    const cores = parseInteger(this.parent.cores as string);
    const sockets = parseInteger(this.parent.sockets as string);
    if (vcpus === undefined || cores === undefined || sockets === undefined) return true;
    const total = cores * sockets;
    return vcpus <= total
      ? true
      : this.createError({ message: `VCPUs must not exceed the total cores (${total})` });
  }),
  cpulimit,
  cpuunits: intText('CPU units', { min: units.min, max: units.max }),
  affinity: yup
    .string()
    .defined()
    .test('cpuset', function (v) {
      const problem = cpusetProblem(v);
      return problem ? this.createError({ message: problem }) : true;
    }),
  numa: yup.boolean().defined(),
  flags: yup
    .string()
    .defined()
    .test('flags', function (v) {
      const problem = flagsProblem(v);
      return problem ? this.createError({ message: problem }) : true;
    }),
};
