/**
 * For any sequence of transport failures during one create, at most one create call is sent and
 * the report matches what the simulator ends with: created ⇔ the VM exists (serial console and
 * running state as reported), failed ⇒ no VM; only "unknown" leaves it open.
 */
import fc from 'fast-check';
import { createParams } from '../../lib/model/payload';
import { createVm } from '../../services/create-vm';
import { ROOT_USER } from '../../services/simulator/datasets';
import type { Fault } from '../../services/simulator/server';
import type { PveVersion } from '../../services/simulator/state';
import { validConfig } from '../support/configs';
import { simulator, type SimSetup } from '../support/simulator';

const ENDPOINTS = [
  'POST /nodes/{node}/qemu',
  'GET /nodes/{node}/tasks/{upid}/status',
  'GET /nodes/{node}/tasks/{upid}/log',
  'GET /nodes/{node}/tasks',
  'GET /cluster/resources',
  'PUT /nodes/{node}/qemu/{vmid}/config',
  'POST /cluster/ha/resources',
  'POST /nodes/{node}/qemu/{vmid}/status/start',
] as const;

/** Failures that tell nothing about the outcome: before or after the call took effect. */
const transportFault: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant<Fault>({ reset: true }),
  fc.constant<Fault>({ resetAfter: true }),
  fc.constant<Fault>({ status: 595, message: 'No route to host' }),
  fc.constant<Fault>({ statusAfter: 596, message: 'Connection timed out' }),
  fc.constant<Fault>({ status: 500 }),
  fc.constant<Fault>({ status: 502 }),
);

const scenario = fc.record({
  faults: fc.array(
    fc.record({
      endpoint: fc.constantFrom(...ENDPOINTS),
      fault: transportFault,
      skip: fc.integer({ min: 0, max: 3 }),
      times: fc.integer({ min: 1, max: 4 }),
    }),
    { maxLength: 4 },
  ),
  taskError: fc.boolean(),
  landLate: fc.boolean(),
  ha: fc.boolean(),
  start: fc.boolean(),
  taskMs: fc.constantFrom(0, 2000, 16_000),
});

describe.each<PveVersion>(['8.3', '9.1'])(
  'any transport failures during a create on %s',
  (version) => {
    let s: SimSetup;
    beforeAll(async () => {
      s = await simulator({ version });
    });
    afterAll(() => s.sim.close());

    it('at most one create call; the report matches the final state', async () => {
      let vmid = 900;
      await fc.assert(
        fc.asyncProperty(scenario, async (sc) => {
          vmid += 1;
          s.sim.clearFaults();
          s.sim.options.taskDurationMs = sc.taskMs;
          const api = s.client();
          await api.login({
            username: ROOT_USER.username,
            realm: ROOT_USER.realm,
            password: ROOT_USER.password,
          });
          for (const f of sc.faults) {
            s.sim.fault(f.endpoint, { ...f.fault, skip: f.skip, times: f.times });
          }
          if (sc.taskError || sc.landLate) {
            // These ride on the create call's own fault, if any.
            const own = sc.faults.find((f) => f.endpoint === 'POST /nodes/{node}/qemu');
            s.sim.fault('POST /nodes/{node}/qemu', {
              ...(own ? { ...own.fault, skip: own.skip, times: own.times } : { times: 1 }),
              ...(sc.taskError ? { taskError: 'storage ceph-pool is full' } : {}),
              ...(sc.landLate && !own ? { landAfterMs: 5000 } : {}),
            });
          }
          const config = validConfig();
          config.general.vmid = String(vmid);
          config.general.ha = sc.ha;
          const haParam = version === '9.1';
          const params = createParams(config, { haManagedParam: haParam, allowKsmParam: haParam });
          s.sim.requests.length = 0;
          const result = await createVm(api, {
            node: 'pve1',
            vmid,
            params,
            ha: sc.ha ? (haParam ? 'param' : 'resource') : 'none',
            start: sc.start,
            clock: s.clock,
          });
          // Whatever was pending lands, and tasks end, before the state is read.
          s.clock.advance(600_000);
          s.sim.clearFaults();
          await api.findVm(vmid);

          const creates = s.sim.requests.filter((r) => r.endpoint === 'POST /nodes/{node}/qemu');
          expect(creates.length).toBeLessThanOrEqual(1);
          const vm = s.sim.state.vms.get(vmid);
          if (result.kind === 'created') {
            expect(vm).toBeDefined();
            expect(vm!.config.serial0 === 'socket').toBe(result.serial.ok);
            if (result.start !== 'skipped' && result.start.ok) expect(vm!.status).toBe('running');
            if (result.start === 'skipped' || !result.start.ok) expect(vm!.status).toBe('stopped');
          }
          if (result.kind === 'failed') expect(vm).toBeUndefined();
        }),
        { seed: 20261130, numRuns: 25 },
      );
    });
  },
);
