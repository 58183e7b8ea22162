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

export interface VmidCheck {
  /** The VM ID field now holds `text`: check it once typing pauses. */
  typed(text: string): void;
  /** Run `next` once the VM ID typed last has been checked. */
  thenNext(next: () => void): void;
  cancel(): void;
}

export function createVmidCheck(
  ctx: StepContext,
  port: VmidCheckPort,
  field: () => VmidField | undefined,
): VmidCheck {
  let checkTimer: ReturnType<typeof setTimeout> | undefined;
  // Settles the tracked check whose timer is cancelled, so the app's pending work drops to none.
  let dropCheck = () => {};
  // The check still to come (or under way): Next runs it at once and waits for its answer.
  let pendingCheck: (() => Promise<void>) | undefined;
  let checkedFor = '';
  let cancelled = false;
  const cancelCheck = () => {
    clearTimeout(checkTimer);
    pendingCheck = undefined;
    dropCheck();
  };
  const answer = (text: string, id: number, free: boolean) => {
    const vmid = field();
    if (checkedFor !== text || vmid?.value !== text) return;
    vmid.setError(free ? undefined : `VM ID ${id} is already in use`);
    // The wizard knows it too: Next stays here while the ID is in use.
    ctx.dispatch({ type: 'vmidChecked', vmid: text, free });
    ctx.screen.render();
  };
  const check = (text: string, id: number, resolve: () => void) => {
    let started: Promise<void> | undefined;
    const run = () => {
      clearTimeout(checkTimer);
      started ??= port
        .isVmidFree(id)
        .then((free) => answer(text, id, free))
        .catch(() => undefined)
        .finally(() => {
          if (pendingCheck === run) pendingCheck = undefined;
          resolve();
        });
      return started;
    };
    pendingCheck = run;
    checkTimer = setTimeout(run, port.checkDelayMs ?? 300);
  };
  return {
    typed(text) {
      cancelCheck();
      const id = parseInteger(text);
      if (id === undefined || id < VMID_MIN || id > VMID_MAX) return;
      checkedFor = text;
      void ctx.track(
        new Promise<void>((resolve) => {
          dropCheck = resolve;
          check(text, id, resolve);
        }),
      );
    },
    thenNext(next) {
      if (!pendingCheck) return next();
      void pendingCheck().then(() => {
        if (!cancelled) next();
      });
    },
    cancel() {
      cancelled = true;
      cancelCheck();
    },
  };
}
