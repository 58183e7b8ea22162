/**
 * The OS step's ISO image list: the images of the storage last listed, loaded again when
 * another storage is chosen; an answer for a storage already left is dropped.
 */
import type { OsData } from '../lib/wizard/step-data';
import type { VmConfig } from '../lib/model/config';
import type { OptionSource, SelectField, SelectOption } from '../widgets/select-field';
import { formatBytes } from './format';
import type { StepContext } from './step-screen';

export interface IsoEntry {
  volid: string;
  size: number;
}

export interface OsPort {
  isoImages(storage: string): Promise<IsoEntry[]>;
}

const fileOf = (volid: string) => volid.slice(volid.indexOf('/') + 1);

/** Names lower-cased per turn while an answer waits for its first filter. */
export const NAMES_PER_SLICE = 5_000;

/** Runs work on a later turn of the event loop (tests pass their own). */
export type Schedule = (work: () => void) => void;
const nextTurn: Schedule = (work) => void setImmediate(work);

/**
 * The lower-case volume ids of an answer, kept with it (a remount or the drivers field reuses
 * them). They are made in slices that let keys in between (`prepareNames`); a filter before
 * the last slice makes the rest at once. A name already lower case is the same string.
 */
class LowerNames {
  readonly names: string[] = [];
  preparing = false;
  constructor(private readonly isos: readonly IsoEntry[]) {}

  /** Make up to `count` more; true when all are made. */
  more(count: number): boolean {
    const { isos, names } = this;
    const end = Math.min(isos.length, names.length + count);
    for (let i = names.length; i < end; i++) names.push(isos[i]!.volid.toLowerCase());
    return names.length === isos.length;
  }
}

const lowered = new WeakMap<readonly IsoEntry[], LowerNames>();
function namesOf(isos: readonly IsoEntry[]): LowerNames {
  let names = lowered.get(isos);
  if (!names) lowered.set(isos, (names = new LowerNames(isos)));
  return names;
}

/** Lower-case an answer's names in slices of NAMES_PER_SLICE, one slice per turn. */
export function prepareNames(isos: readonly IsoEntry[], schedule: Schedule = nextTurn): void {
  const names = namesOf(isos);
  const slice = () => {
    if (!names.more(NAMES_PER_SLICE)) schedule(slice);
    else names.preparing = false;
  };
  if (names.preparing || names.names.length === isos.length) return;
  names.preparing = true;
  schedule(slice);
}

/** How many of an answer's names are lower-cased so far (tests). */
export const namesMade = (isos: readonly IsoEntry[]) => lowered.get(isos)?.names.length ?? 0;

/**
 * The images as the select reads them: the server's answer in place, with no copy per image (a
 * row's label and size are made when it is shown), and a few kept choices after them.
 * A volume id holds its file name, so the filter looks in the volume id alone.
 */
export class IsoSource implements OptionSource {
  readonly length: number;
  private lowered: LowerNames | undefined;

  constructor(
    readonly isos: readonly IsoEntry[],
    private readonly extra: readonly SelectOption[] = [],
  ) {
    this.length = isos.length + extra.length;
  }

  value(i: number): string {
    return this.isos[i]?.volid ?? this.extra[i - this.isos.length]!.value;
  }

  option(i: number): SelectOption {
    const iso = this.isos[i];
    if (!iso) return this.extra[i - this.isos.length]!;
    return { value: iso.volid, label: fileOf(iso.volid), detail: formatBytes(iso.size) };
  }

  haystack(i: number): string {
    if (i >= this.isos.length) return this.extra[i - this.isos.length]!.value.toLowerCase();
    // Made up to `i` when the slices have not got that far (a filter, or the joined text of
    // widgets/option-corpus.ts, reads them in order), then read directly.
    const names = (this.lowered ??= namesOf(this.isos));
    if (i >= names.names.length) names.more(i + 1 - names.names.length);
    return names.names[i]!;
  }

  disabled(i: number): boolean {
    return this.extra[i - this.isos.length]?.disabled === true;
  }

  /** The same images with `kept` after them when they lack it (see kept-choice.ts). */
  keeping(kept: SelectOption | undefined): IsoSource {
    if (!kept || kept.value === '' || this.isos.some((i) => i.volid === kept.value)) return this;
    return new IsoSource(this.isos, [kept]);
  }
}

export class IsoList {
  private listed = '';
  private loading: string | undefined;

  constructor(
    private readonly ctx: StepContext,
    private readonly port: OsPort,
    private readonly field: () => SelectField | undefined,
    private readonly config: () => VmConfig,
    /** The VirtIO drivers ISO field, which lists the same images. */
    private readonly virtioField: () => SelectField | undefined = () => undefined,
    private readonly schedule: Schedule = nextTurn,
  ) {}

  /** Another storage's images are on their way (the step's status line says so). */
  get busy(): boolean {
    return this.loading !== undefined;
  }

  /** The step's data arrived: show its images unless they are listed or others are coming. */
  adopt(data: OsData | undefined): void {
    if (data && data.storage !== this.listed && !this.busy) this.show(data.isos, data.storage);
    if (this.busy) this.field()?.setDisabled(true);
  }

  /** List the images of another storage. */
  async load(target: string): Promise<void> {
    const { status, screen } = this.ctx;
    this.loading = target;
    this.field()?.setDisabled(true);
    status.set('loading', `Loading ISO images on ${target}…`);
    screen.render();
    try {
      const list = await this.ctx.track(this.port.isoImages(target));
      if (this.loading !== target) return;
      this.loading = undefined;
      this.show(list, target);
      if (list.length === 0) status.set('empty', `No ISO images on ${target}`);
      else status.clear();
    } catch (err) {
      if (this.loading !== target) return;
      this.loading = undefined;
      const reason = err instanceof Error ? err.message : String(err);
      status.set('error', `Could not list ISO images on ${target}: ${reason}`);
    }
    this.field()?.setDisabled(this.config().os.media !== 'iso');
    screen.render();
  }

  /** Let go of the list being loaded: its answer finds the screen gone. */
  stop(): void {
    this.loading = undefined;
  }

  private show(list: IsoEntry[], from: string): void {
    const chosen = this.config().os.iso;
    const iso = this.field();
    this.listed = from;
    const images = new IsoSource(list);
    prepareNames(list, this.schedule);
    const kept = { value: chosen, label: fileOf(chosen), detail: `not on ${from}`, disabled: true };
    iso?.setOptions(images.keeping(kept), chosen);
    iso?.setHint(
      list.length === 0 ? `No ISO images on ${from}` : `${list.length} images; type to filter`,
    );
    // The drivers ISO chosen on another storage stays a choice (its volume id names it).
    const drivers = this.config().os.virtioIso;
    const storage = drivers.slice(0, Math.max(drivers.indexOf(':'), 0));
    const other = { value: drivers, label: fileOf(drivers), detail: `on ${storage}` };
    this.virtioField()?.setOptions(images.keeping(other), drivers);
  }
}
