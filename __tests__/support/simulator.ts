/** A simulator and a client sharing one fake clock, for service tests. */
import { ProxmoxClient, type ClientOptions } from '../../services/client/client';
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../services/simulator/server';
import type { Clock } from '../../services/tasks';

export class FakeClock implements Clock {
  constructor(public ms = Date.UTC(2026, 10, 25, 12, 0, 0)) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
  sleep = async (ms: number): Promise<void> => {
    this.ms += ms;
  };
}

export interface SimSetup {
  sim: Simulator;
  clock: FakeClock;
  client(options?: Partial<ClientOptions>): ProxmoxClient;
}

export async function simulator(options: SimulatorOptions = {}): Promise<SimSetup> {
  const clock = new FakeClock();
  const sim = await startSimulator({ taskDurationMs: 2000, ...options, clock: clock.now });
  return {
    sim,
    clock,
    client: (o = {}) =>
      new ProxmoxClient({
        server: sim.url,
        tls: { fingerprint: sim.fingerprint },
        clock: clock.now,
        ...o,
      }),
  };
}
