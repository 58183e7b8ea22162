/**
 * Checkbox wording: every checkbox has the Proxmox web UI's label, which never changes; the box
 * alone shows the state ("Skip replication [ ]"), and where the API word differs from the
 * label, the hint names it without a double negative.
 */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import type { Step } from '../../lib/wizard/steps';
import { loginApp, logInAsRoot } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t?.h.destroy());

const ORDER: Step[] = ['general', 'os', 'system', 'disks', 'cpu', 'memory', 'network', 'confirm'];

/** Label, checked by default, and the hint it carries (if any). */
type Box = [string, boolean, string?];
const CHECKBOXES: [Step, Box[]][] = [
  [
    'general',
    [
      ['Add to HA', true],
      ['Start at boot', false],
    ],
  ],
  [
    'system',
    [
      ['Add EFI Disk', true],
      ['Pre-Enroll keys', false],
      ['Qemu Agent', true],
      ['Add TPM', false],
    ],
  ],
  [
    'disks',
    [
      ['Discard', false],
      ['IO thread', true],
      ['SSD emulation', true],
      ['Backup', true, 'unchecked: backup=0'],
      ['Skip replication', false, 'checked: replicate=0'],
    ],
  ],
  [
    'memory',
    [
      ['Ballooning Device', true, 'unchecked: balloon=0'],
      // The simulator runs 8.3, which has no allow-ksm.
      ['Allow KSM', true, 'needs Proxmox VE 9.1 (server: 8.3)'],
    ],
  ],
  [
    'network',
    [
      ['No network device', false],
      ['Firewall', true],
      ['Disconnect', false, 'checked: link_down=1'],
    ],
  ],
  ['confirm', [['Start after created', false, 'checked: started once configured']]],
];

/** A left click at column x, row y (0-based), as an xterm sends it. */
const click = (x: number, y: number) => [
  `\x1b[<0;${x + 1};${y + 1}M`,
  `\x1b[<0;${x + 1};${y + 1}m`,
];

const row = (label: string) => t.h.lines().findIndex((l) => l.includes(`─ ${label} ─`));
/** The part of a row inside the field whose top border starts at `at` on `y`. */
const inside = (y: number, label: string) => {
  const top = t.h.lines()[y]!;
  const left = top.lastIndexOf('┌', top.indexOf(`─ ${label} ─`));
  const right = top.indexOf('┐', left);
  return (r: number) => t.h.lines()[y + r]!.slice(left, right + 1);
};

it('every checkbox: a fixed web UI label, the box shows the state, hints name the API', async () => {
  t = loginApp(sim, { cols: 100, rows: 50, generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  let seen = 0;
  for (const step of ORDER) {
    expect(t.app.controller.state.step).toBe(step);
    const boxes = CHECKBOXES.find(([s]) => s === step)?.[1] ?? [];
    for (const [label, checked, hint] of boxes) {
      const y = row(label);
      expect({ label, y: y >= 0 }).toEqual({ label, y: true });
      const field = inside(y, label);
      expect({ label, value: field(1) }).toEqual({
        label,
        value: expect.stringMatching(checked ? /^│ \[x\] +│$/ : /^│ \[ \] +│$/),
      });
      if (hint) expect(field(2)).toContain(` ${hint} `);
      seen++;
    }
    // None of the old state words that read as double negatives under a negative label.
    expect(t.h.text()).not.toMatch(/Replicate|Not HA-managed|Connected|Excluded|No TPM|Link down/);
    await t.h.press('C-n');
  }
  expect(seen).toBe(17);
});

it('toggling changes the box only; the label and what is sent follow the label', async () => {
  t = loginApp(sim, { cols: 100, rows: 50, generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  await t.h.press(...ORDER.slice(0, ORDER.indexOf('disks')).map(() => 'C-n'));
  const y = row('Skip replication');
  const field = inside(y, 'Skip replication');
  const x = t.h.lines()[y + 1]!.indexOf('[', t.h.lines()[y]!.indexOf('─ Skip replication ─') - 3);
  await t.h.press(...click(x + 1, y + 1));
  expect(field(0)).toContain('─ Skip replication ─');
  expect(field(1)).toMatch(/^│ \[x\] +│$/);
  expect(t.app.controller.state.config.disks[0]!.skipReplication).toBe(true);
  await t.h.press(...click(x + 1, y + 1));
  expect(field(1)).toMatch(/^│ \[ \] +│$/);
  expect(t.app.controller.state.config.disks[0]!.skipReplication).toBe(false);
});
