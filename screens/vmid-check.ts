/**
 * The General step's VM ID check as it is typed: after a pause the server is asked whether the
 * id is free; Next runs a pending check at once and waits for its answer.
 */
import { parseInteger, VMID_MAX, VMID_MIN } from '../lib/model/rules';
import type { StepContext } from './step-screen';

export interface VmidCheckPort {
  isVmidFree(vmid: number): Promise<boolean>;
  /** Milliseconds to wait after the last keystroke before checking the VM ID. */
  checkDelayMs?: number;
}

export interface VmidField {
  readonly value: string;
  setError(message: string | undefined): void;
}

/** One check at a time: a new keystroke cancels the check still waiting for its pause. */
export class VmidCheck {
  private timer: ReturnType<typeof setTimeout> | undefined;
  // Settles the tracked check whose timer is cancelled, so the app's pending work drops to none.
  private drop = () => {};
  // The check still to come (or under way): Next runs it at once and waits for its answer.
  private pending: (() => Promise<void>) | undefined;
  private checkedFor = '';
  private cancelled = false;

  constructor(
    private readonly ctx: StepContext,
    private readonly port: VmidCheckPort,
    private readonly field: () => VmidField | undefined,
  ) {}

  /** The VM ID field now holds `text`: check it once typing pauses. */
  typed(text: string): void {
    this.stop();
    const id = parseInteger(text);
    if (id === undefined || id < VMID_MIN || id > VMID_MAX) return;
    this.checkedFor = text;
    void this.ctx.track(
      new Promise<void>((resolve) => {
        this.drop = resolve;
        this.schedule(text, id, resolve);
      }),
    );
  }

  /** Run `next` once the VM ID typed last has been checked. */
  thenNext(next: () => void): void {
    if (!this.pending) return next();
    void this.pending().then(() => {
      if (!this.cancelled) next();
    });
  }

  cancel(): void {
    this.cancelled = true;
    this.stop();
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.pending = undefined;
    this.drop();
  }

  private schedule(text: string, id: number, resolve: () => void): void {
    let started: Promise<void> | undefined;
    const run = () => {
      clearTimeout(this.timer);
      started ??= this.port
        .isVmidFree(id)
        .then((free) => this.answer(text, id, free))
        .catch(() => undefined)
        .finally(() => {
          if (this.pending === run) this.pending = undefined;
          resolve();
        });
      return started;
    };
    this.pending = run;
    this.timer = setTimeout(run, this.port.checkDelayMs ?? 300);
  }

  private answer(text: string, id: number, free: boolean): void {
    const vmid = this.field();
    if (this.checkedFor !== text || vmid?.value !== text) return;
    vmid.setError(free ? undefined : `VM ID ${id} is already in use`);
    // The wizard knows it too: Next stays here while the ID is in use.
    this.ctx.dispatch({ type: 'vmidChecked', vmid: text, free });
    this.ctx.screen.render();
  }
}
