/** `pvevm create --dry-run`: the create call and the equivalent commands, nothing sent. */
import { creationPlan } from '../creation';
import type { VmConfig } from '../model/config';
import { followUpCalls } from '../model/follow-ups';
import { paramLines, qmCreateCommand } from '../model/payload';

export function printDryRun(config: VmConfig, say: (line: string) => void): void {
  const { params, ha, start } = creationPlan(config, '');
  const { node } = config.general;
  say(`Dry run: nothing is created. POST /nodes/${node}/qemu with:`);
  for (const line of paramLines(params)) say(`  ${line}`);
  say('');
  say(`The same on ${node}:`);
  say(`  ${qmCreateCommand(params)}`);
  for (const call of followUpCalls(config, { ha, start })) say(`Then: ${call.command}`);
  say('(ha-managed and allow-ksm are sent only to servers that know them: 9.1 and later.)');
}
