/**
 * The API view's exact calls: the serial console after the create (serialN=socket for a serialN
 * display), HA as a resource and the start as pvevm makes them (services/create-stages), and a
 * `qm create` that pastes as one command — checked by letting bash read the rows.
 */
import { execFileSync } from 'node:child_process';
import {
  followUpCalls,
  qmCreateLines,
  serialConsoleNote,
  serialConsoleParams,
} from '../../lib/model/follow-ups';
import { createParams } from '../../lib/model/payload';
import { summary } from '../../lib/model/summary';
import { shellRows } from '../../widgets/text-view';
import { validConfig } from '../support/configs';

/** The words bash makes of `text` (the command's first word replaced by printf). */
function argv(text: string): string[] {
  const script = text.replace(/^qm /, "printf '%s\\n' ");
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\n').slice(0, -1);
}

describe('the serial console after the create', () => {
  it.each([
    ['default', { serial0: 'socket', vga: 'serial0' }],
    ['qxl', { serial0: 'socket', vga: 'serial0' }],
    ['serial0', { serial0: 'socket', vga: 'serial0' }],
    ['serial2', { serial2: 'socket', vga: 'serial2' }],
  ] as const)('vga %s → %j', (vga, params) => {
    expect(serialConsoleParams({ vga })).toEqual(params);
  });

  it('the summary says plainly that vga becomes serial0', () => {
    const rows = summary(validConfig()).find((g) => g.title === 'System')!.rows;
    expect(rows).toContainEqual([
      'Serial console',
      'after creation vga becomes serial0 and serial0=socket is added (serial console for xterm.js)',
    ]);
    expect(serialConsoleNote({ vga: 'serial1' })).toBe(
      'serial1=socket is added after creation, for the serial console of vga=serial1',
    );
  });
});

describe('the follow-up calls', () => {
  it('serial console, HA as a resource, start: the real node and VM ID in each path', () => {
    const c = validConfig();
    c.general.node = 'pve2';
    expect(followUpCalls(c, { ha: 'resource', start: true })).toEqual([
      {
        request: 'PUT /nodes/pve2/qemu/100/config',
        params: ['serial0=socket', 'vga=serial0'],
        command: 'qm set 100 --serial0 socket --vga serial0',
      },
      {
        request: 'POST /cluster/ha/resources',
        params: ['sid=vm:100', 'state=stopped'],
        command: 'ha-manager add vm:100 --state stopped',
      },
      {
        request: 'POST /nodes/pve2/qemu/100/status/start',
        params: [],
        command: 'qm start 100',
      },
    ]);
    // HA with the create call (9.1) and no start: the serial console only.
    expect(followUpCalls(c, { ha: 'param', start: false })).toHaveLength(1);
  });
});

describe('qm create pastes as one command', () => {
  const params = {
    ...createParams(validConfig(), { haManagedParam: true, allowKsmParam: true }),
    tags: 'a;b',
    name: 'it"s $HOME `x` \\ end',
  };
  const expected = [
    'create',
    '100',
    ...Object.keys(params)
      .filter((k) => k !== 'vmid')
      .sort()
      .flatMap((k) => [`--${k}`, String(params[k as keyof typeof params])]),
  ];

  it('one option a line, each but the last ending in " \\"', () => {
    const lines = qmCreateLines(params);
    expect(lines[0]).toBe('qm create 100 \\');
    expect(lines[1]).toBe('  --agent 1 \\');
    expect(lines.at(-1)).not.toMatch(/\\$/);
    expect(argv(lines.join('\n'))).toEqual(expected);
  });

  it.each([10, 17, 33, 77])('rows of %i cells still read as the same words', (width) => {
    const rows = qmCreateLines(params).flatMap((l) => shellRows(l, width));
    expect(rows.every((r) => Array.from(r).length <= width)).toBe(true);
    expect(argv(rows.join('\n'))).toEqual(expected);
  });
});
