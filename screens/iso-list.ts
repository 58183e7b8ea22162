/**
 * The OS step's ISO image list: the images of the storage last listed, loaded again when
 * another storage is chosen; an answer for a storage already left is dropped.
 */
import type { OsData } from '../lib/wizard/step-data';
import type { VmConfig } from '../lib/model/config';
import type { SelectField, SelectOption } from '../widgets/select-field';
import { formatBytes } from './format';
import { withKept } from './kept-choice';
import type { StepContext } from './step-screen';

export interface IsoEntry {
  volid: string;
  size: number;
}

export interface OsPort {
  isoImages(storage: string): Promise<IsoEntry[]>;
}

const fileOf = (volid: string) => volid.slice(volid.indexOf('/') + 1);

function isoOptions(isos: readonly IsoEntry[]): SelectOption[] {
  return isos.map((i) => ({ value: i.volid, label: fileOf(i.volid), detail: formatBytes(i.size) }));
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
    iso?.setOptions(withKept(isoOptions(list), chosen, `not on ${from}`, fileOf(chosen)), chosen);
    iso?.setHint(
      list.length === 0 ? `No ISO images on ${from}` : `${list.length} images; type to filter`,
    );
    // The drivers ISO chosen on another storage stays a choice (its volume id names it).
    const drivers = this.config().os.virtioIso;
    const options = isoOptions(list);
    if (drivers && !options.some((o) => o.value === drivers)) {
      const storage = drivers.slice(0, Math.max(drivers.indexOf(':'), 0));
      options.push({ value: drivers, label: fileOf(drivers), detail: `on ${storage}` });
    }
    this.virtioField()?.setOptions(options, drivers);
  }
}
