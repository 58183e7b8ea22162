/**
 * Commands packed into rows of the screen's width for copying off the screen (the API view's
 * command sheet): every row fits, breaks fall between words (` \`), a `--key value` stays on
 * one row when it fits, and bash reads the rows as the same words.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { qmCreateLines, shellWord } from '../../lib/model/follow-ups';
import { createParams } from '../../lib/model/payload';
import { packCommand, shellWords } from '../../widgets/shell-rows';
import { displayWidth } from '../../widgets/terminal-text';
import { shellRows } from '../../widgets/text-view';
import apiSchema from '../../services/simulator/api-schema.json';
import { validateParams, type EndpointSchema } from '../../services/simulator/validate';
import { validConfig } from '../support/configs';

/**
 * What an interactive bash (the one a paste goes to: history expansion on) prints for
 * `script` run with qm printing its words; and what it says on stderr.
 */
function pasted(script: string): { words: string[]; err: string } {
  const shim = `qm() { printf '%s\\n' qm "$@"; }\n`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-i'], {
    input: shim + script + '\n',
    encoding: 'utf8',
    // No history file: `!b` must find no earlier command starting with b.
    env: { PATH: process.env.PATH, HOME: tmpdir(), HISTFILE: '/dev/null', PS1: '', PS2: '' },
  });
  return { words: r.stdout.split('\n').slice(0, -1), err: r.stderr };
}

/** The words bash makes of `script` (each command's name replaced by printf). */
function argv(script: string): string[] {
  execFileSync('bash', ['-n', '-c', script]);
  const run = `qm() { printf '%s\\n' qm "$@"; }\n${script}`;
  return execFileSync('bash', ['-c', run], { encoding: 'utf8' }).split('\n').slice(0, -1);
}

const params = {
  ...createParams(validConfig(), { haManagedParam: true, allowKsmParam: true }),
  tags: 'a;b',
  name: `it's "quoted" $HOME \`x\` \\ end`,
  scsi0:
    'local-lvm:32,format=raw,iothread=1,ssd=1,aio=io_uring,mbps_rd=100,mbps_rd_max=200,mbps_wr=100,mbps_wr_max=200,iops_rd=1000,iops_rd_max=2000',
};
const expected = [
  'qm',
  'create',
  '100',
  ...Object.keys(params)
    .filter((k) => k !== 'vmid')
    .sort()
    .flatMap((k) => [`--${k}`, String(params[k as keyof typeof params])]),
];
const command = qmCreateLines(params).join('\n');

describe('shellWords', () => {
  it('splits as the shell does, quotes kept', () => {
    expect(shellWords(`qm set 1 --name "a b" --x 'c d' e\\ f`)).toEqual([
      'qm',
      'set',
      '1',
      '--name',
      '"a b"',
      '--x',
      "'c d'",
      'e\\ f',
    ]);
  });
});

describe('packCommand', () => {
  it.each([24, 40, 60, 80, 132])('rows of %i cells read as the same words', (width) => {
    const rows = packCommand(command, width);
    expect(rows.every((r) => displayWidth(r) <= width)).toBe(true);
    expect(argv(rows.join('\n'))).toEqual(expected);
  });

  it('breaks between words: a `--key value` on one row when it fits', () => {
    const rows = packCommand(command, 80);
    expect(rows[0]).toMatch(/^qm create 100 --agent 1 .* \\$/);
    for (const row of rows.slice(0, -1)) expect(row).toMatch(/\\$/);
    rows.forEach((row, i) => {
      // A row after a break between words starts indented with an option.
      if (i > 0 && rows[i - 1]!.endsWith(' \\')) expect(row).toMatch(/^ {2}--[a-z]/);
      // No option's key is left alone at a row's end.
      expect(row).not.toMatch(/--[a-z0-9_-]+ \\$/);
    });
    expect(rows).toContain('  --net0 virtio,bridge=vmbr9,firewall=1 --ostype l26 \\');
  });

  it('a value longer than the row is cut after a comma, the rest from the next row start', () => {
    const rows = packCommand(command, 60);
    const at = rows.findIndex((r) => r.startsWith('  --scsi0'));
    expect(rows[at]).toBe('  --scsi0 local-lvm:32,format=raw,iothread=1,ssd=1,\\');
    expect(rows[at + 1]).toBe('aio=io_uring,mbps_rd=100,mbps_rd_max=200,mbps_wr=100,\\');
    expect(rows[at + 2]).toBe('mbps_wr_max=200,iops_rd=1000,iops_rd_max=2000 \\');
    expect(rows[at + 3]).toMatch(/^ {2}--scsihw/);
  });

  it('one short command stays one row', () => {
    expect(packCommand('qm set 100 --serial0 socket --vga serial0', 80)).toEqual([
      'qm set 100 --serial0 socket --vga serial0',
    ]);
    expect(packCommand('ha-manager add vm:100 --state stopped', 24)).toEqual([
      'ha-manager add vm:100 \\',
      '  --state stopped',
    ]);
  });
});

describe('shell quoting of names from the server', () => {
  const versions = apiSchema as unknown as Record<string, Record<string, EndpointSchema>>;
  const create = (v: string) => versions[v]!['POST /nodes/{node}/qemu']!;

  it.each(['8.3', '9.1'])(
    'PVE %s refuses a pool or a new disk storage with a space, a pool with a quote; an ISO file name may have them',
    (v) => {
      const check = (params: Record<string, string>) =>
        Object.keys(validateParams(create(v), { node: 'pve1', vmid: '100', ...params }));
      expect(check({ scsi0: 'my storage:32' })).toEqual(['scsi0']);
      expect(check({ pool: 'my pool' })).toEqual(['pool']);
      expect(check({ pool: "o'brien" })).toEqual(['pool']);
      // Storage's parse_volname takes any file name under iso/ (qemu-server passes it on).
      expect(check({ ide2: `local:iso/it's a "test" $HOME !now.iso,media=cdrom` })).toEqual([]);
    },
  );

  const hostile = [
    'local lvm',
    "o'brien",
    'pool "x"',
    '$(reboot)',
    '`id`',
    'a\\b',
    'tab\there',
    'wow!',
    'a!b!c',
    '!',
    `local:iso/it's a "test" $HOME !now.iso,media=cdrom`,
  ];

  it.each(hostile)('%j comes back as the same word, in rows of 24 cells', (value) => {
    const rows = packCommand(`qm set 1 --x ${shellWord(value)}`, 24);
    expect(rows.every((r) => displayWidth(r) <= 24)).toBe(true);
    expect(argv(rows.join('\n'))).toEqual(['qm', 'set', '1', '--x', value]);
  });

  it('pasted into an interactive bash (history expansion on), every value is the same word', () => {
    const lines = qmCreateLines({
      vmid: 100,
      ...Object.fromEntries(hostile.map((v, i) => [`x${i}`, v])),
    });
    const expected = [
      'qm',
      'create',
      '100',
      ...hostile
        .map((v, i) => [`--x${i}`, v])
        .sort(([a], [b]) => a!.localeCompare(b!))
        .flat(),
    ];
    // The API view's lines, and the F5 sheet's rows at 40 cells.
    for (const script of [lines.join('\n'), packCommand(lines.join('\n'), 40).join('\n')]) {
      const { words, err } = pasted(script);
      expect(err).not.toContain('event not found');
      expect(words).toEqual(expected);
    }
  });

  it("the API view's box rows of any width keep single quotes whole", () => {
    const lines = qmCreateLines({ vmid: 100, x: 'wow!', y: 'tab\there', z: "it's" });
    const expected = ['qm', 'create', '100', '--x', 'wow!', '--y', 'tab\there', '--z', "it's"];
    const script = Array.from({ length: 30 }, (_, i) => i + 8)
      .map((width) => lines.flatMap((l) => shellRows(l, width)).join('\n'))
      .join('\n');
    const { words } = pasted(script);
    expect(words).toEqual(Array.from({ length: 30 }, () => expected).flat());
  });

  it('without the "\'!\'" a paste would fail: the test can tell', () => {
    expect(pasted('qm x "a!b"').err).toContain('event not found');
  });
});
