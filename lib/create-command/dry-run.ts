/**
 * `pvevm create --dry-run`: the create call and the equivalent commands, nothing sent. The
 * commands are printed as the API view shows them — `qm create` one option a line with ` \`
 * continuations, then the calls after it — and every other line is a `#` comment, so the part
 * from the first comment on pastes into the node's shell as it is.
 */
import { creationPlan } from '../creation';
import type { VmConfig } from '../model/config';
import { followUpCalls, qmCreateLines, serialConsoleNote } from '../model/follow-ups';
import { paramLines } from '../model/payload';

export function printDryRun(config: VmConfig, say: (line: string) => void): void {
  const { params, ha, start } = creationPlan(config, '');
  const { node } = config.general;
  say(`Dry run: nothing is created. POST /nodes/${node}/qemu with:`);
  for (const line of paramLines(params)) say(`  ${line}`);
  say('');
  say(`# The same on ${node}'s shell:`);
  for (const line of qmCreateLines(params)) say(line);
  say(`# then ${serialConsoleNote(config.system)}:`);
  for (const call of followUpCalls(config, { ha, start })) say(call.command);
  say('# (ha-managed and allow-ksm are sent only to servers that know them: 9.1 and later.)');
}
