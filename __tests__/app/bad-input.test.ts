/**
 * Bad input, field by field: every text and number field of every step gets invalid values of
 * each class that applies (empty where required, out of range, wrong type, too long, forbidden
 * characters, a multi-line paste arriving as one chunk). Each must leave a message at the field,
 * keep what was typed, keep Ctrl-N on the step and bring the focus back to the field.
 */
import type { Widgets } from 'blessed';
import { defaultConfig, type VmConfig } from '../../lib/model/config';
import { DISK_LIMITS } from '../../lib/model/disk-limits';
import type { Step } from '../../lib/wizard/steps';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { keysOf, labelOf, rowOf, type FormStep } from '../support/fields';
import { loginApp, logInAsRoot } from '../support/login-app';
import { memoryAdvancedChoice } from '../../lib/advanced-choice';
const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];

interface FieldSpec {
  step: FormStep;
  /** The field's descriptor key (its config path). */
  key: string;
  /** What the model holds for the field, as text. */
  value(c: VmConfig): string;
  /** The message the field shows for its problems. */
  message: RegExp;
}

const disk0 = (c: VmConfig) => c.disks[0]!;

function withBalloonBelowMemory(): VmConfig {
  const c = defaultConfig();
  return { ...c, memory: { ...c.memory, minMemory: '1024', minMemoryEdited: true } };
}

/** Every text and number field of the wizard's steps, in screen order. */
const FIELDS: FieldSpec[] = [
  {
    step: 'general',
    key: 'vmid',
    value: (c) => c.general.vmid,
    message: /^VM ID (is required|must be a whole number between 100 and 999999999)/,
  },
  {
    step: 'general',
    key: 'name',
    value: (c) => c.general.name,
    message: /^Name (must be a DNS name|is too long)/,
  },
  {
    step: 'general',
    key: 'startupOrder',
    value: (c) => c.general.startupOrder,
    message: /^Start\/shutdown order must be a whole number of 0 or more/,
  },
  {
    step: 'general',
    key: 'startupDelay',
    value: (c) => c.general.startupDelay,
    message: /^Startup delay must be a whole number of 0 or more/,
  },
  {
    step: 'general',
    key: 'shutdownTimeout',
    value: (c) => c.general.shutdownTimeout,
    message: /^Shutdown timeout must be a whole number of 0 or more/,
  },
  {
    step: 'disks',
    key: 'index',
    value: (c) => disk0(c).indexText ?? String(disk0(c).index),
    message: /^Device index (must be a whole number|is out of range)/,
  },
  {
    step: 'disks',
    key: 'size',
    value: (c) => disk0(c).size,
    message: /^Disk size (is required|must be a number above 0 and at most 131072 GiB)/,
  },
  // The Bandwidth limits (HDEdit.js): MB/s from 1, ops/s whole numbers from 10.
  ...DISK_LIMITS.map((l): FieldSpec => ({
    step: 'disks',
    key: l.key,
    value: (c) => disk0(c)[l.key],
    message: new RegExp(
      `^${l.label.replace(/[()]/g, '\\$&')} (must be a (whole )?number of at least|needs a)`,
    ),
  })),
  {
    step: 'cpu',
    key: 'sockets',
    value: (c) => c.cpu.sockets,
    message: /^Sockets (is required|must be a whole number between 1 and 256)/,
  },
  {
    step: 'cpu',
    key: 'cores',
    value: (c) => c.cpu.cores,
    message: /^Cores (is required|must be a whole number between 1 and 256)/,
  },
  {
    step: 'cpu',
    key: 'vcpus',
    value: (c) => c.cpu.vcpus,
    message: /^VCPUs (must be a whole number of 1 or more|must not exceed the total cores \(2\))/,
  },
  {
    step: 'cpu',
    key: 'cpulimit',
    value: (c) => c.cpu.cpulimit,
    message: /^CPU limit must be a number between 0 and 128 \(empty: unlimited\)/,
  },
  {
    step: 'cpu',
    key: 'cpuunits',
    value: (c) => c.cpu.cpuunits,
    message: /^CPU units must be a whole number between 1 and 10000/,
  },
  {
    step: 'cpu',
    key: 'affinity',
    value: (c) => c.cpu.affinity,
    message: /^CPU affinity(: the range| must be CPU numbers and ranges)/,
  },
  {
    step: 'memory',
    key: 'memory',
    value: (c) => c.memory.memory,
    message: /^Memory (is required|must be a whole number between 16 and 4194304)/,
  },
  {
    step: 'memory',
    key: 'minMemory',
    value: (c) => c.memory.minMemory,
    message:
      /^Minimum memory (is required|must be a whole number of 0 or more|must not exceed|must be at least 1 MiB)/,
  },
  {
    step: 'memory',
    key: 'shares',
    value: (c) => c.memory.shares,
    message: /^Shares must be a whole number between 0 and 50000/,
  },
  {
    step: 'network',
    key: 'vlan',
    value: (c) => c.network.vlan,
    message: /^VLAN tag must be a whole number between 1 and 4094/,
  },
  {
    step: 'network',
    key: 'mac',
    value: (c) => c.network.mac,
    message: /^MAC address must be a unicast address like BC:24:11:12:34:56/,
  },
  {
    step: 'network',
    key: 'mtu',
    value: (c) => c.network.mtu,
    message: /^MTU must be 1 \(use the bridge MTU\) or between 576 and 65520/,
  },
  {
    step: 'network',
    key: 'rate',
    value: (c) => c.network.rate,
    message: /^Rate limit must be a number between 0 and 10240 MB\/s/,
  },
  {
    step: 'network',
    key: 'queues',
    value: (c) => c.network.queues,
    message: /^Multiqueue must be a whole number between 1 and 64/,
  },
];

// eslint-disable-next-line no-control-regex -- a key's escape sequence inside a paste
const KEY_SEQUENCE = /\x1b\[[0-9;]*[A-Za-z~]/g;
// eslint-disable-next-line no-control-regex -- the terminal's paste markers
const BRACKETED = /^\x1b\[200~([\s\S]*)\x1b\[201~$/;
/** Text as a terminal in bracketed-paste mode sends it when it is pasted. */
const bracketed = (text: string) => `\x1b[200~${text}\x1b[201~`;

type InputClass = 'empty' | 'range' | 'type' | 'long' | 'chars' | 'paste';

/** Invalid inputs per field key and class; a paste is written as one chunk. */
const INVALID: Record<string, Partial<Record<InputClass, string[]>>> = {
  vmid: {
    empty: [''],
    range: ['99', '1000000000'],
    type: ['10a', '1e3'],
    long: ['12345678901234567890'],
    chars: ['-100', '1 00', '0100'],
    paste: ['10\n1'],
  },
  name: {
    long: ['a'.repeat(64), Array(4).fill('a'.repeat(63)).join('.')],
    chars: ['my_vm', 'wéb', '-web', 'web-', 'a..b', 'web 01'],
    paste: ['web\n01', 'web\r\n01', bracketed('web\n01\n')],
  },
  startupOrder: {
    range: ['-1'],
    type: ['first', '1.5'],
    long: ['1'.repeat(20)],
    paste: ['1\n2'],
  },
  startupDelay: { range: ['-5'], type: ['30s'], paste: ['30\n60'] },
  shutdownTimeout: { range: ['-1'], type: ['1.5'], chars: ['60!'], paste: ['60\n\n90'] },
  index: {
    empty: [''],
    range: ['31'],
    type: ['a', '1.5'],
    long: ['12345678901234567890'],
    chars: ['-1'],
    paste: ['1\n2'],
  },
  size: {
    empty: [''],
    range: ['0', '131073'],
    type: ['32G', 'big'],
    long: ['9'.repeat(30)],
    chars: ['1,5', '-4'],
    paste: ['32\n64'],
  },
  ...Object.fromEntries(
    DISK_LIMITS.map((l) => [
      l.key,
      l.unit === 'mbps'
        ? { range: ['0', '-1'], type: ['fast'], chars: ['1,5'], paste: ['10\n20'] }
        : { range: ['9', '-10'], type: ['1.5'], chars: ['1 000'], paste: ['100\n200'] },
    ]),
  ),
  sockets: {
    empty: [''],
    range: ['0', '257'],
    type: ['two'],
    long: ['1'.repeat(20)],
    paste: ['1\n2'],
  },
  cores: {
    empty: [''],
    range: ['0', '257'],
    type: ['1.5'],
    chars: ['+4'],
    paste: ['4\n8', bracketed('4\t8')],
  },
  memory: {
    empty: [''],
    range: ['8', '4194305'],
    type: ['2G'],
    chars: ['2 048', '2_048'],
    paste: ['2048\n1024'],
  },
  vcpus: { range: ['0', '3'], type: ['all'], paste: ['1\n2'] },
  cpulimit: { range: ['129', '-1'], type: ['half'], chars: ['1,5'], paste: ['1\n2'] },
  cpuunits: { range: ['0', '10001'], type: ['1.5'], paste: ['100\n200'] },
  affinity: { range: ['5-3'], type: ['all'], chars: ['0;1', '0 1'], paste: ['0\n1'] },
  shares: { range: ['-1', '50001'], type: ['many'], paste: ['10\n20'] },
  minMemory: {
    empty: [''],
    range: ['-1', '999999', '0'],
    type: ['half'],
    paste: ['512\n1024'],
  },
  vlan: {
    range: ['0', '4095'],
    type: ['ten', '1.5'],
    long: ['1'.repeat(20)],
    paste: ['10\n20', bracketed('\x1b[A5000\r\n')],
  },
  mac: {
    range: ['01:00:00:00:00:01'],
    type: ['BC:24:11:12:34:5G'],
    long: ['BC:24:11:12:34:56:78', 'BC:24:11:12:34'],
    chars: ['BC-24-11-12-34-56', ' BC:24:11:12:34:56'],
    paste: ['BC:24:11:12:34:56\nBC:24:11:12:34:57'],
  },
  mtu: {
    range: ['500', '65521', '0'],
    type: ['jumbo'],
    long: ['9'.repeat(20)],
    paste: ['1500\n9000'],
  },
  rate: {
    range: ['-1', '10241'],
    type: ['fast'],
    chars: ['1,5'],
    paste: ['10\n20'],
  },
  queues: { range: ['0', '65'], type: ['many'], paste: ['2\n4'] },
};

interface Row {
  field: FieldSpec;
  klass: InputClass;
  input: string;
}

const ROWS: Row[] = FIELDS.flatMap((field) =>
  Object.entries(INVALID[field.key] ?? {}).flatMap(([klass, inputs]) =>
    inputs.map((input) => ({ field, klass: klass as InputClass, input })),
  ),
);

/**
 * What a single-line field keeps of a paste: line breaks and tabs inside it become one space
 * (so two pasted lines stay visible and get flagged); line breaks at either end and control
 * sequences are dropped.
 */
function kept(row: Row): string {
  if (row.klass !== 'paste') return row.input;
  const text = BRACKETED.exec(row.input)?.[1] ?? row.input;
  return text
    .replace(KEY_SEQUENCE, '')
    .replace(/^[\r\n]+|[\r\n]+$/g, '')
    .replace(/[\r\n\t]+/g, ' ');
}

/** Text and number fields per step, from the step's field descriptors. */
const declaredFields = (step: FormStep): string[] => keysOf(step, ['text', 'number']);

const STEPS: FormStep[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network'];

it('the table has a row for every text and number field of every step, and for no other', () => {
  for (const step of STEPS) {
    const declared = declaredFields(step);
    const covered = FIELDS.filter((f) => f.step === step).map((f) => f.key);
    expect({ step, keys: covered }).toEqual({ step, keys: declared });
  }
  for (const field of FIELDS)
    expect(Object.keys(INVALID[field.key] ?? {}).length).toBeGreaterThan(1);
});

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());

describe.each(STEPS.filter((s) => FIELDS.some((f) => f.step === s)))('%s', (step) => {
  let t: ReturnType<typeof loginApp>;
  beforeAll(async () => {
    // Tall enough that no step scrolls: the label rows stay where the test looks for them.
    // Advanced on: the advanced fields are checked like the others.
    t = loginApp(sim, {
      rows: 100,
      generalCheckDelayMs: 0,
      advanced: memoryAdvancedChoice({ cpu: true, memory: true, disks: true }),
      // Shares apply only with a minimum below the memory (MemoryEdit.js).
      config: withBalloonBelowMemory(),
    });
    await logInAsRoot(t);
    for (const s of ORDER.slice(0, ORDER.indexOf(step))) {
      expect(t.app.controller.state.step).toBe(s);
      await t.h.press('C-n');
    }
    expect(t.app.controller.state.step).toBe(step);
  });
  afterAll(() => t.h.destroy());

  const row = (key: string) => rowOf(t.h.lines(), step, key);
  const valueOf = (key: string) => t.h.lines()[row(key) + 1] ?? '';
  const bottomOf = (key: string) =>
    (t.h.lines()[row(key) + 2] ?? '').replace(/^[└─\s]+|[─┘\s]+$/g, '');
  const focusedRow = () => (t.h.screen.focused as Widgets.BoxElement | undefined)?.atop;
  const config = () => t.app.controller.state.config;

  /** Tab to the field with this descriptor key. */
  async function focusOn(key: string): Promise<void> {
    for (let i = 0; i < 40 && focusedRow() !== row(key); i++) await t.h.press('tab');
    expect(focusedRow()).toBe(row(key));
  }

  async function replace(key: string, text: string, asPaste: boolean): Promise<void> {
    await focusOn(key);
    await t.h.press('end', 'C-u');
    if (asPaste) {
      t.h.input.write(text);
      await t.h.settle();
    } else await t.h.type(text);
  }

  const rows = ROWS.filter((r) => r.field.step === step);
  it.each(
    rows.map((r) => [labelOf(step, r.field.key), r.klass, JSON.stringify(r.input), r] as const),
  )('%s, %s: %s', async (_label, klass, _shown, r) => {
    const key = r.field.key;
    // A row that failed may have left the step: come back so the next rows still run.
    for (let i = 0; i < 8 && t.app.controller.state.step !== step; i++) await t.h.press('C-p');
    const original = r.field.value(config());
    expect(row(key)).toBeGreaterThanOrEqual(0);
    // A long value and a paste arrive as one chunk of bytes; the rest is typed key by key.
    await replace(key, r.input, klass === 'paste' || klass === 'long');
    expect(focusedRow()).toBe(row(key));
    await t.h.press('tab');
    expect(focusedRow()).not.toBe(row(key));
    await t.h.press('C-n');

    expect(t.app.controller.state.step).toBe(step);
    expect(bottomOf(key)).toMatch(r.field.message);
    expect(r.field.value(config())).toBe(kept(r));
    expect(valueOf(key)).toContain(kept(r).slice(-60));
    expect(focusedRow()).toBe(row(key));

    await replace(key, original, false);
    expect(r.field.value(config())).toBe(original);
    await t.h.press('tab', 'C-n');
    expect(t.app.controller.state.step).not.toBe(step);
    await t.h.press('C-p');
    expect(t.app.controller.state.step).toBe(step);
  });
});
