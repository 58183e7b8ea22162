/**
 * What happens after the create call, as the API view lists it: the serial console, HA as a
 * resource (servers before 9.1), the start — each as the API call pvevm makes and the command
 * that does the same on the node. And the `qm create` line, one option per line with ` \`
 * continuations, so it pastes as one command. Pure.
 */
import type { SystemSettings, VmConfig } from './config';
import type { Params } from './payload';

/**
 * The serial console set after the create (the seed's requirement: xterm.js works from the first
 * boot): `serial0=socket` and the graphic card becomes `vga=serial0`; a display already on a
 * serial terminal (`serialN`) gets its own `serialN=socket` and keeps it.
 */
export function serialConsoleParams(system: Pick<SystemSettings, 'vga'>): Record<string, string> {
  const port = /^serial[0-3]$/.test(system.vga) ? system.vga : 'serial0';
  return { [port]: 'socket', vga: port };
}

/** In words, for the summary and the API view. */
export function serialConsoleNote(system: Pick<SystemSettings, 'vga'>): string {
  const params = serialConsoleParams(system);
  const port = params.vga!;
  return system.vga === port
    ? `${port}=socket is added after creation, for the serial console of vga=${port}`
    : `after creation vga becomes ${port} and ${port}=socket is added (serial console for xterm.js)`;
}

export interface FollowUpCall {
  /** `PUT /nodes/pve1/qemu/103/config` */
  request: string;
  params: string[];
  /** The same on the node's shell. */
  command: string;
}

/** The calls after the create call, in the order pvevm makes them. */
export function followUpCalls(
  config: VmConfig,
  plan: { ha: 'param' | 'resource' | 'none'; start: boolean },
): FollowUpCall[] {
  const node = encodeURIComponent(config.general.node);
  const vmid = config.general.vmid;
  const serial = serialConsoleParams(config.system);
  const calls: FollowUpCall[] = [
    {
      request: `PUT /nodes/${node}/qemu/${vmid}/config`,
      params: Object.entries(serial).map(([k, v]) => `${k}=${v}`),
      command: `qm set ${vmid} ${Object.entries(serial)
        .map(([k, v]) => `--${k} ${v}`)
        .join(' ')}`,
    },
  ];
  if (plan.ha === 'resource')
    calls.push({
      request: 'POST /cluster/ha/resources',
      params: [`sid=vm:${vmid}`, 'state=stopped'],
      command: `ha-manager add vm:${vmid} --state stopped`,
    });
  if (plan.start)
    calls.push({
      request: `POST /nodes/${node}/qemu/${vmid}/status/start`,
      params: [],
      command: `qm start ${vmid}`,
    });
  return calls;
}

/**
 * A value for the shell: as it is when it is safe, else in double quotes (inside them a
 * backslash-newline still joins lines, so a long row may be continued anywhere). A `!` is
 * written `"'!'"`: inside double quotes an interactive bash, the one a paste goes to, would take
 * it for a history expansion ("event not found"); a control character as `"$'\x09'"`, so it is
 * seen and pasted as text (a tab would ask for completion).
 */
export function shellWord(value: string): string {
  if (/^[A-Za-z0-9_.,:=/+@%-]+$/.test(value)) return value;
  const quoted = value
    .replace(/[\\"$`]/g, '\\$&')
    .replace(/!/g, `"'!'"`)
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f\x7f]/g, (c) => `"$'\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}'"`);
  return `"${quoted}"`;
}

/** `qm create 103 \`, then one `  --key value \` per option, the last without the `\`. */
export function qmCreateLines(params: Params): string[] {
  const { vmid, ...rest } = params;
  const options = Object.keys(rest)
    .sort()
    .map((k) => `  --${k} ${shellWord(String(rest[k]))}`);
  const lines = [`qm create ${vmid}`, ...options];
  return lines.map((l, i) => (i < lines.length - 1 ? `${l} \\` : l));
}
