/**
 * After the create task: the serial console (`serial0=socket`, `vga=serial0`) and HA (with the
 * create call on 9.1+, else as a resource afterwards) at once, then the start — so the first
 * boot already has the serial console.
 */
import { ProxmoxError } from '../errors';
import type { ApiParams, ProxmoxApi } from '../proxmox-api';
import type { Clock } from '../tasks';
import { isTransient } from '../transient';
import { messageOf, retrying } from './failures';
import { startVm } from './start-vm';
import type { CreationRequest, FollowUp, Run } from './types';

export interface FollowUps {
  serial: FollowUp;
  ha: FollowUp | 'skipped';
  start: FollowUp | 'skipped';
  startViaHa: boolean;
}

export async function setSerial(
  api: ProxmoxApi,
  node: string,
  vmid: number,
  clock: Clock,
  boundMs: number,
  serial: ApiParams = { serial0: 'socket', vga: 'serial0' },
): Promise<FollowUp> {
  try {
    await retrying(() => api.updateVmConfig(node, vmid, serial), clock, boundMs);
    return { ok: true };
  } catch (err) {
    return { ok: false, message: messageOf(err) };
  }
}

/** Add the HA resource (stopped: the start, if any, comes after it). */
async function addToHa(
  api: ProxmoxApi,
  vmid: number,
  clock: Clock,
  boundMs: number,
): Promise<FollowUp> {
  let lost = false;
  try {
    await retrying(
      async () => {
        try {
          await api.addHaResource({ sid: `vm:${vmid}`, state: 'stopped' });
        } catch (err) {
          if (isTransient(err)) lost = true;
          throw err;
        }
      },
      clock,
      boundMs,
    );
    return { ok: true };
  } catch (err) {
    // An earlier attempt whose answer was lost may have added it.
    if (lost && err instanceof ProxmoxError && /already defined/.test(err.message))
      return { ok: true };
    return { ok: false, message: messageOf(err) };
  }
}

/** HA's stage, reported once the serial console's is (its request, if any, already sent). */
async function haStage(
  run: Run,
  ha: CreationRequest['ha'],
  adding: Promise<FollowUp> | undefined,
): Promise<FollowUp | 'skipped'> {
  if (ha === 'param') {
    run.mark('ha', 'done', 'added by the create task');
    return { ok: true };
  }
  if (ha !== 'resource') {
    run.mark('ha', 'skipped', 'not requested');
    return 'skipped';
  }
  run.mark('ha', 'running');
  const added = await (adding ?? addToHa(run.api, run.vmid, run.clock, run.lockedMs));
  run.mark('ha', added.ok ? 'done' : 'failed', added.ok ? undefined : added.message);
  return added;
}

async function startStage(
  run: Run,
  wanted: boolean,
  serial: FollowUp,
): Promise<Pick<FollowUps, 'start' | 'startViaHa'>> {
  const { mark } = run;
  if (!wanted) {
    mark('start', 'skipped', 'not requested');
    return { start: 'skipped', startViaHa: false };
  }
  if (!serial.ok) {
    mark(
      'start',
      'skipped',
      `not started, so that the first boot has the serial console: configure it, then qm start ${run.vmid}`,
    );
    return { start: 'skipped', startViaHa: false };
  }
  mark('start', 'running');
  const { outcome, viaHa } = await startVm(run);
  if (outcome.ok) {
    mark(
      'start',
      'done',
      viaHa ? 'HA was asked to start it (hastart task OK)' : 'the start task ended OK',
    );
  } else mark('start', 'failed', outcome.message);
  return { start: outcome, startViaHa: viaHa };
}

/**
 * The serial console's and HA's requests go out at once (neither waits for the other: the
 * resource is added `stopped`); their stages are reported in order, serial console first, and
 * the start comes once both are settled.
 */
export async function runFollowUps(run: Run, request: CreationRequest): Promise<FollowUps> {
  run.mark('serial', 'running');
  const adding =
    request.ha === 'resource' ? addToHa(run.api, run.vmid, run.clock, run.lockedMs) : undefined;
  const serial = await setSerial(
    run.api,
    run.node,
    run.vmid,
    run.clock,
    run.lockedMs,
    request.serial,
  );
  run.mark('serial', serial.ok ? 'done' : 'failed', serial.ok ? undefined : serial.message);
  const ha = await haStage(run, request.ha, adding);
  return { serial, ha, ...(await startStage(run, !!request.start, serial)) };
}
