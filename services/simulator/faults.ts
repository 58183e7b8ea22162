/** Injected faults per endpoint, and the calls a fault lets land late. */
import { SimError } from './errors';
import type { Fault } from './options';

export class FaultBook {
  private readonly faults = new Map<string, Fault>();

  set(endpoint: string, fault: Fault): void {
    this.faults.set(endpoint, { ...fault });
  }

  clear(): void {
    this.faults.clear();
  }

  /** The fault for this call, counting down its `skip` and `times`. */
  take(endpoint: string | undefined): Fault {
    const fault = endpoint ? this.faults.get(endpoint) : undefined;
    if (!fault) return {};
    if (fault.skip) {
      fault.skip -= 1;
      return {};
    }
    if (fault.times !== undefined && --fault.times <= 0) this.faults.delete(endpoint!);
    return fault;
  }
}

/** Calls that land late (`landAfterMs`), run once the clock reaches `at`. */
export class LateCalls {
  private readonly late: { at: number; run: () => void }[] = [];

  add(at: number, run: () => void): void {
    this.late.push({ at, run });
  }

  /** Runs the calls due by `nowMs`; one a handler refuses has no answer to carry it. */
  land(nowMs: number): void {
    for (const call of this.late.filter((c) => c.at <= nowMs)) {
      this.late.splice(this.late.indexOf(call), 1);
      try {
        call.run();
      } catch (err) {
        if (!(err instanceof SimError)) throw err;
      }
    }
  }
}
