/**
 * Start the VM: `POST …/status/start`, and wait for its task. For an HA-managed VM qemu-server
 * itself turns this call into a `hastart` task (`ha-manager set vm:N --state started`, in
 * vm_start of PVE/API2/Qemu.pm on 8.x and 9.x), so the same call serves both; its task ending
 * OK means HA was asked, and HA then boots the VM. A start refused because the VM is locked
 * is asked again within the bound; a lost answer is looked for, never sent twice.
 */
import type { ProxmoxApi } from '../proxmox-api';
import { waitForTask, type TaskResult } from '../tasks';
import { backoffMs, isTransient } from '../transient';
import { isLocked, messageOf, noVerdict } from './failures';
import type { FollowUp, Run } from './types';

export interface Started {
  outcome: FollowUp;
  /** The start went through HA (a `hastart` task). */
  viaHa: boolean;
}

/** The UPIDs of the VM's start tasks, plain and HA. */
async function startTasks(api: ProxmoxApi, node: string, vmid: number): Promise<string[]> {
  const lists = await Promise.all(
    ['qmstart', 'hastart'].map((type) => api.guestTasks(node, vmid, type).catch(() => [])),
  );
  return lists.flat().map((t) => t.upid);
}

/** A start task that was not there before the call, looked for over the lookup window. */
async function lookForStart(run: Run, known: string[]): Promise<string | undefined> {
  const lookUntil = run.clock.now() + run.lookupMs;
  for (let attempt = 0; ; attempt++) {
    const fresh = (await startTasks(run.api, run.node, run.vmid)).find((u) => !known.includes(u));
    if (fresh) return fresh;
    if (run.clock.now() >= lookUntil) return undefined;
    await run.clock.sleep(backoffMs(attempt, 15_000));
  }
}

/** What one start call came to: its task, ask again (the VM was locked), or the end. */
type Sent = { upid: string } | { again: true } | Started;

async function sendStart(run: Run, until: number, attempt: number): Promise<Sent> {
  const { api, node, vmid, clock } = run;
  const known = await startTasks(api, node, vmid);
  try {
    return { upid: await api.startVm(node, vmid) };
  } catch (err) {
    if (isLocked(err) && clock.now() < until) {
      await clock.sleep(backoffMs(attempt));
      return { again: true };
    }
    if (!isTransient(err)) return { outcome: { ok: false, message: messageOf(err) }, viaHa: false };
    const found = await lookForStart(run, known);
    if (found) return { upid: found };
    return {
      outcome: {
        ok: false,
        message: `the start call got no answer (${noVerdict(err)}) and no start task appeared: check with \`qm status ${vmid}\``,
      },
      viaHa: false,
    };
  }
}

export async function startVm(run: Run): Promise<Started> {
  const { clock } = run;
  const until = clock.now() + run.lockedMs;
  for (let attempt = 0; ; attempt++) {
    const sent = await sendStart(run, until, attempt);
    if ('again' in sent) continue;
    if ('outcome' in sent) return sent;
    const viaHa = sent.upid.includes(':hastart:');
    let result: TaskResult;
    try {
      result = await waitForTask(run.api, sent.upid, { clock });
    } catch (err) {
      return {
        outcome: { ok: false, message: `the start task's end is unknown: ${messageOf(err)}` },
        viaHa,
      };
    }
    if (result.ok) return { outcome: { ok: true }, viaHa };
    if (/\bis locked\b/.test(result.exitStatus) && clock.now() < until) {
      await clock.sleep(backoffMs(attempt));
      continue;
    }
    return { outcome: { ok: false, message: result.exitStatus }, viaHa };
  }
}
