/**
 * The create itself for `pvevm create`: once, and once more with the next free VM ID when
 * another client took a VM ID the spec left open; then what came of it, in words and an exit
 * code.
 */
import type { Clock } from '../../services/tasks';
import { createFromConfig, type CreationResult } from '../creation';
import { EXIT } from '../exit-codes';
import type { RunningCreate } from '../interrupted-create';
import type { SessionApi } from '../login';
import type { VmConfig } from '../model/config';
import { updateSection } from '../model/derive';
import { takenVmid, takenVmidMessage } from '../model/vmid-taken';
import type { WizardState } from '../wizard/machine';
import { CommandError } from './command-error';
import { progressPrinter } from './progress';

export interface CreateRun {
  out: NodeJS.WritableStream;
  color: boolean;
  clock?: Clock;
  onCreating?(running: RunningCreate | undefined): void;
  say(line: string): void;
}

type Created = Extract<CreationResult, { kind: 'created' }>;

function createOnce(api: SessionApi, config: VmConfig, release: string, run: CreateRun) {
  const { general } = config;
  run.say(
    `Creating VM ${general.vmid}${general.name ? ` (${general.name})` : ''} on ${general.node}`,
  );
  run.onCreating?.({ vmid: general.vmid, node: general.node });
  return createFromConfig(api, config, {
    release,
    clock: run.clock,
    onProgress: progressPrinter(run),
  }).finally(() => run.onCreating?.(undefined));
}

/** Create the VM of `state`; anything but a VM is a `CommandError`. */
export async function createVmOnce(
  api: SessionApi,
  state: WizardState,
  run: CreateRun,
): Promise<Created> {
  const release = state.data.confirm?.release ?? '';
  let result = await createOnce(api, state.config, release, run);
  const taken = result.kind === 'failed' ? takenVmid(result.message) : undefined;
  if (taken) {
    const next = await api.nextVmid().catch(() => undefined);
    // A VM ID the spec left open is a default: fetched again once. The spec's own is kept.
    if (state.explicit.includes('general.vmid') || next === undefined) {
      const hint = next === undefined ? '' : ` (the next free one is ${next})`;
      throw new CommandError(`${takenVmidMessage(taken)}${hint}`, EXIT.failed);
    }
    run.say(`${takenVmidMessage(taken)}; trying once more with the next free one`);
    run.say(`general.vmid: ${next} (default)`);
    const config = updateSection(state.config, 'general', { vmid: String(next) });
    result = await createOnce(api, config, release, run);
    const again = result.kind === 'failed' ? takenVmid(result.message) : undefined;
    if (again) throw new CommandError(takenVmidMessage(again), EXIT.failed);
  }
  if (result.kind === 'unknown')
    throw new CommandError(`VM creation outcome unknown: ${result.message}`, EXIT.unknown);
  if (result.kind === 'failed') {
    const fields = Object.entries(result.errors).map(([k, v]) => `  ${k}: ${v}`);
    throw new CommandError(
      [`VM creation failed: ${result.message}`, ...fields].join('\n'),
      EXIT.failed,
    );
  }
  return result;
}

/** What came of a created VM: said in one line; exit 1 when a follow-up failed. */
export function reportCreated(result: Created, config: VmConfig, say: (line: string) => void) {
  const { stages } = result;
  const problems = [
    result.serial.ok ? undefined : `serial console not configured: ${result.serial.message}`,
    result.ha !== 'skipped' && !result.ha.ok ? `not added to HA: ${result.ha.message}` : undefined,
    stages.start.state === 'failed' ||
    (config.confirm.startAfterCreate && stages.start.state === 'skipped')
      ? `not started: ${stages.start.detail ?? ''}`
      : undefined,
  ].filter((p): p is string => p !== undefined);
  const started =
    stages.start.state === 'done'
      ? result.startViaHa
        ? ' and HA asked to start it'
        : ' and started'
      : '';
  const made = `VM ${result.vmid} was created on ${result.node}${started}`;
  if (problems.length === 0) {
    say(`${made}. Console: qm terminal ${result.vmid}`);
    return EXIT.created;
  }
  say(`${made}, but ${problems.join('; ')}`);
  return EXIT.failed;
}
