/**
 * Where am I: once logged in, the header names the user and the server on every step, at every
 * width from 80 columns — an admin of several clusters sees the target before pressing Create.
 */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import type { Step } from '../../lib/wizard/steps';
import { appHarness } from '../support/app';
import { loginApp, logInAsRoot } from '../support/login-app';
import { fgAt } from '../support/widgets';

let sim: Simulator;
let t: { h: { destroy(): void } } | undefined;
beforeEach(async () => {
  sim = await startSimulator({ authDelayMs: 0, taskDurationMs: 0 });
});
afterEach(async () => {
  t?.h.destroy();
  t = undefined;
  await sim.close();
});

const FORM_ORDER: Step[] = [
  'general',
  'os',
  'system',
  'disks',
  'cpu',
  'memory',
  'network',
  'confirm',
];

describe('the header names the user and the server', () => {
  it.each([
    [80, 24],
    [100, 30],
    [160, 40],
  ])('on every step after login at %i×%i', async (cols, rows) => {
    const app = loginApp(sim, { cols, rows, generalCheckDelayMs: 0 });
    t = app;
    await logInAsRoot(app);
    const header = () => app.h.lines()[0]!;
    const seen: string[] = [];
    for (const step of FORM_ORDER) {
      expect(app.app.controller.state.step).toBe(step);
      seen.push(header());
      expect(header()).toContain(' root@pam on 127.0.0.1');
      expect(header().length).toBe(cols);
      await app.h.press('C-n');
    }
    expect(app.app.controller.state.step).toBe('done');
    expect(header()).toContain('Done');
    expect(header()).toContain(' root@pam on 127.0.0.1');
    // At 80 columns the breadcrumb is compact to leave the room; wider, it stays whole.
    if (cols === 80)
      expect(seen[0]).toMatch(/^ pvevm {3}General \(1\/8\) +root@pam on 127\.0\.0\.1/);
    else expect(seen[0]).toContain('General › OS › System › Disks › CPU › Memory › Network');
    expect(seen.every((h) => h.endsWith(' root@pam on 127.0.0.1 '))).toBe(true);
  });

  it('while the VM is being created', async () => {
    const app = loginApp(sim, { cols: 80, rows: 24, generalCheckDelayMs: 0 });
    t = app;
    await logInAsRoot(app);
    await app.h.press(...FORM_ORDER.slice(0, -1).map(() => 'C-n'));
    sim.fault('GET /nodes/{node}/tasks/{upid}/status', { hang: true, times: 1 });
    await app.h.pressWhileBusy('C-n');
    expect(app.app.controller.state.step).toBe('submitting');
    expect(app.h.lines()[0]).toMatch(/Creating +root@pam on 127\.0\.0\.1/);
  });

  it('not on the login screen, where nobody is logged in yet', async () => {
    const app = loginApp(sim, { cols: 160, rows: 30 });
    t = app;
    await app.h.settle();
    expect(app.h.lines()[0]).not.toContain(' on ');
  });

  it('a long host name is shortened at 80 columns; the user name keeps its realm', async () => {
    const app = appHarness({ cols: 80, rows: 24 });
    t = app;
    app.app.controller.dispatch({ type: 'authenticated' });
    app.app.shell.update({
      session: {
        username: 'svc-provisioning-automation@corp-ldap!terraform',
        server: 'https://pve-frankfurt-production-cluster-node-07.infra.example.com:8006',
      },
    });
    await app.h.render();
    const header = app.h.lines()[0]!;
    expect(header).toMatch(
      /^ pvevm {3}General \(1\/8\) {2,}\S.*@corp-ldap!terraform on pve-\S*-07 $/,
    );
    expect(header.length).toBe(80);
  });

  it('at 80 columns the compact breadcrumb still names the steps with problems; a click jumps', async () => {
    const app = appHarness({ cols: 80, rows: 24 });
    t = app;
    app.app.controller.dispatch({ type: 'authenticated' });
    app.app.shell.update({
      step: 'confirm',
      visited: [...FORM_ORDER],
      invalid: ['cpu', 'network'],
      session: { username: 'root@pam', server: 'pve1.example.com' },
    });
    const clicked: Step[] = [];
    app.app.shell.onStepClick = (step) => clicked.push(step);
    await app.h.render();
    const header = app.h.lines()[0]!;
    expect(header).toBe(
      ' pvevm   Confirm (8/8)  CPU!  Network!             root@pam on pve1.example.com ',
    );
    const x = header.indexOf('Network!') + 2;
    await app.h.press(`\x1b[<0;${x + 1};1M`, `\x1b[<0;${x + 1};1m`);
    expect(clicked).toEqual(['network']);
  });

  it('server and user names are data: tags and escapes are shown, never obeyed', async () => {
    const app = appHarness({ cols: 100, rows: 24 });
    t = app;
    app.app.controller.dispatch({ type: 'authenticated' });
    app.app.shell.update({
      session: { username: '{red-fg}eve\x1b[31m@pam', server: 'https://{bold}x\x07y:8006' },
    });
    await app.h.render();
    const header = app.h.lines()[0]!;
    expect(header).toContain('{red-fg}eve␛[31m@pam on {bold}x␇y');
    const at = header.indexOf('{red-fg}');
    // Painted as the quiet session text, not in red by the tag.
    expect(fgAt(app.h, at + 1, 0)).not.toBe(1);
    expect(app.h.written).not.toContain('eve\x1b[31m');
    expect(app.h.written).not.toContain('\x07y');
  });
});
