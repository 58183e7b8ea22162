/** The Disks step's schema: each disk's fields, and the slots the disks take. Pure. */
import * as yup from 'yup';
import { archTest } from './schema-fields';
import { BUS_OPTION_WORDS, unavailableBusOptions } from './availability';
import { diskId } from './derive';
import { DISK_LIMITS, limitProblem, type LimitKey } from './disk-limits';
import { DISK_SOURCES, IMPORT_REQUIRED } from './disk-import';
import { BUS_MAX_INDEX, CD_SLOT, choiceValues, type DiskBus } from './options';
import { DISK_SIZE_MAX_GIB, parseDecimal } from './rules';
import { requiredChoice } from './schema-fields';

/** The limits' schema fields (each checks its own text, a burst also its limit). */
const diskLimitFields = Object.fromEntries(
  DISK_LIMITS.map((l) => [
    l.key,
    yup
      .string()
      .defined()
      .test(l.key, function () {
        const problem = limitProblem(l, this.parent as Record<LimitKey, string>);
        return problem ? this.createError({ message: problem }) : true;
      }),
  ]),
) as Record<LimitKey, yup.StringSchema<string>>;

const diskSchema = yup.object({
  bus: yup.string().defined().oneOf(choiceValues.buses).test(archTest('bus')),
  index: yup
    .number()
    .defined()
    .integer()
    .min(0)
    .test('typed', function () {
      const typed = (this.parent as { indexText?: string }).indexText;
      const max = BUS_MAX_INDEX[this.parent.bus as keyof typeof BUS_MAX_INDEX];
      return (
        typed === undefined ||
        this.createError({
          message: `Device index must be a whole number between 0 and ${max} on this bus`,
        })
      );
    })
    .test('range', function (i) {
      const max = BUS_MAX_INDEX[this.parent.bus as keyof typeof BUS_MAX_INDEX];
      return (
        (max !== undefined && i <= max) ||
        this.createError({ message: `Device index is out of range for this bus (0-${max})` })
      );
    }),
  storage: requiredChoice('a storage for the disk'),
  source: yup
    .string()
    .defined()
    .oneOf(DISK_SOURCES.map((s) => s.value)),
  importFrom: yup
    .string()
    .defined()
    .test('import', IMPORT_REQUIRED, function (v) {
      return this.parent.source !== 'import' || v.trim() !== '';
    }),
  size: yup
    .string()
    .defined()
    .test(
      'size',
      `Disk size must be a number above 0 and at most ${DISK_SIZE_MAX_GIB} GiB`,
      function (v) {
        // An imported disk takes the image's size.
        if (this.parent.source === 'import') return true;
        const n = parseDecimal(v);
        return n !== undefined && n > 0 && n <= DISK_SIZE_MAX_GIB;
      },
    ),
  cache: yup.string().defined().oneOf(choiceValues.cache),
  discard: yup.boolean().defined(),
  iothread: yup
    .boolean()
    .defined()
    .test('iothread', BUS_OPTION_WORDS.iothread.problem, function (v) {
      return !v || unavailableBusOptions(this.parent.bus as DiskBus).iothread === undefined;
    }),
  ssd: yup
    .boolean()
    .defined()
    .test('ssd', BUS_OPTION_WORDS.ssd.problem, function (v) {
      return !v || unavailableBusOptions(this.parent.bus as DiskBus).ssd === undefined;
    }),
  backup: yup.boolean().defined(),
  skipReplication: yup.boolean().defined(),
  aio: yup.string().defined().oneOf(choiceValues.aio),
  readOnly: yup
    .boolean()
    .defined()
    .test('ro', BUS_OPTION_WORDS.ro.problem, function (v) {
      return !v || unavailableBusOptions(this.parent.bus as DiskBus).ro === undefined;
    }),
  ...diskLimitFields,
});

/** Every disk on a slot another disk or a CD/DVD drive (`cds`) has, with why. */
function slotConflicts(
  disks: readonly { bus: string; index: number }[],
  cds: readonly { bus: string; index: number }[],
): { path: string; message: string }[] {
  const seen = new Set<string>();
  const conflicts: { path: string; message: string }[] = [];
  for (const [i, disk] of disks.entries()) {
    const id = diskId(disk as { bus: 'ide'; index: number });
    if (cds.some((cd) => cd.bus === disk.bus && cd.index === disk.index))
      conflicts.push({ path: `[${i}].index`, message: `${id} is taken by the CD/DVD drive` });
    else if (seen.has(id))
      conflicts.push({ path: `[${i}].index`, message: `${id} is used by another disk` });
    seen.add(id);
  }
  return conflicts;
}

export const disksSchema = yup
  .array(diskSchema)
  .defined()
  .test('slots', '', function (disks) {
    const context = this.options.context as { cds?: { bus: string; index: number }[] } | undefined;
    const conflicts = slotConflicts(disks, context?.cds ?? [CD_SLOT]);
    if (conflicts.length === 0) return true;
    return new yup.ValidationError(conflicts.map((c) => this.createError(c)));
  });
