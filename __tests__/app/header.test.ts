/**
 * Where am I: once logged in, the header names the user and the server on every step, at every
 * width from 80 columns — an admin of several clusters sees the target before pressing Create.
 */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { FORM_STEPS, type Step } from '../../lib/wizard/steps';
import { Shell, type ShellProps } from '../../screens/shell';
import { Harness } from '../support/harness';
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

const shells: Shell[] = [];

/** The shell alone on a bare screen, drawn by the test standing in for the app. */
function shell(cols: number, props: Partial<ShellProps>): Harness {
  const h = new Harness({ cols, rows: 24 });
  t = { h };
  h.screen.enableMouse();
  shells.push(
    new Shell(h.screen, {
      step: 'general',
      visited: ['general'],
      invalid: [],
      keys: [{ key: 'F1', text: 'help' }],
      ...props,
    }),
  );
  return h;
}

describe('the header names the user and the server', () => {
  it.each([
    [80, 24],
    [100, 30],
    [160, 40],
  ])('on every step after login at %i×%i', async (cols, rows) => {
    const app = loginApp(sim, { cols, rows, generalCheckDelayMs: 0 });
    t = app;
    await logInAsRoot(app);
    const header = () => app.h.lines().slice(0, 2);
    for (const step of FORM_STEPS) {
      expect(app.app.controller.state.step).toBe(step);
      const [crumbs, context] = header();
      // The whole breadcrumb at every width from 80 columns, who and where on the row below.
      expect(crumbs).toMatch(
        /^ pvevm {3}General › OS › System › Disks › CPU › Memory › Network › Confirm +$/,
      );
      expect(context).toMatch(/^ +root@pam on 127\.0\.0\.1 $/);
      expect(context!.length).toBe(cols);
      await app.h.press('C-n');
    }
    expect(app.app.controller.state.step).toBe('done');
    expect(header()[0]).toContain('Done');
    expect(header()[1]).toMatch(/ root@pam on 127\.0\.0\.1 $/);
  });

  it('while the VM is being created', async () => {
    const app = loginApp(sim, { cols: 80, rows: 24, generalCheckDelayMs: 0 });
    t = app;
    await logInAsRoot(app);
    await app.h.press(...FORM_STEPS.slice(0, -1).map(() => 'C-n'));
    sim.fault('GET /nodes/{node}/tasks/{upid}/status', { hang: true, times: 1 });
    await app.h.pressWhileBusy('C-n');
    expect(app.app.controller.state.step).toBe('submitting');
    expect(app.h.lines()[0]).toMatch(/^ pvevm {3}Creating /);
    expect(app.h.lines()[1]).toMatch(/ root@pam on 127\.0\.0\.1 $/);
  });

  it('not on the login screen, where nobody is logged in yet', async () => {
    const app = loginApp(sim, { cols: 160, rows: 30 });
    t = app;
    await app.h.settle();
    expect(app.h.lines().slice(0, 2).join('\n')).not.toContain(' on ');
  });

  it('a long host name is shortened at 80 columns; the user name keeps its realm', async () => {
    const h = shell(80, {
      session: {
        username: 'svc-provisioning-automation@corp-ldap!terraform',
        server: 'https://pve-frankfurt-production-cluster-node-07.infra.example.com:8006',
      },
    });
    await h.render();
    expect(h.lines()[0]).toContain('General › OS › System › Disks › CPU › Memory › Network');
    expect(h.lines()[1]).toMatch(/^ +\S.*@corp-ldap!terraform on pve-\S*-07 $/);
    expect(h.lines()[1]!.length).toBe(80);
  });

  it('a standing warning and the preset give way to who and where', async () => {
    const h = shell(80, {
      warning:
        'Certificates are NOT checked (--insecure): anyone on the path can read the password',
      note: 'preset: small-linux',
      session: { username: 'root@pam', server: 'pve1.example.com' },
    });
    await h.render();
    expect(h.lines()[1]).toMatch(
      /^ Certificates are NOT checked .*… +root@pam on pve1\.example\.com $/,
    );
    const wide = shell(160, {
      warning: 'Certificates are NOT checked (--insecure)',
      note: 'preset: small-linux',
      session: { username: 'root@pam', server: 'pve1.example.com' },
    });
    await wide.render();
    expect(wide.lines()[1]).toMatch(
      /^ Certificates are NOT checked \(--insecure\) +preset: small-linux {2}root@pam on pve1\.example\.com $/,
    );
  });

  it('narrower than the whole breadcrumb it turns compact, still naming the steps with problems; a click jumps', async () => {
    const h = shell(60, {
      step: 'confirm',
      visited: [...FORM_STEPS],
      invalid: ['cpu', 'network'],
      session: { username: 'root@pam', server: 'pve1.example.com' },
    });
    const clicked: Step[] = [];
    shells.at(-1)!.onStepClick = (step) => clicked.push(step);
    await h.render();
    expect(h.lines()[0]).toBe(' pvevm   Confirm (8/8)  CPU!  Network!' + ' '.repeat(22));
    expect(h.lines()[1]).toMatch(/ root@pam on pve1\.example\.com $/);
    const x = h.lines()[0]!.indexOf('Network!') + 2;
    await h.press(`\x1b[<0;${x + 1};1M`, `\x1b[<0;${x + 1};1m`);
    expect(clicked).toEqual(['network']);
  });

  it('server and user names are data: tags and escapes are shown, never obeyed', async () => {
    const h = shell(100, {
      session: { username: '{red-fg}eve\x1b[31m@pam', server: 'https://{bold}x\x07y:8006' },
    });
    await h.render();
    const context = h.lines()[1]!;
    expect(context).toContain('{red-fg}eve␛[31m@pam on {bold}x␇y');
    const at = context.indexOf('{red-fg}');
    // Painted as the quiet session text, not in red by the tag.
    expect(fgAt(h, at + 1, 1)).not.toBe(1);
    expect(h.written).not.toContain('eve\x1b[31m');
    expect(h.written).not.toContain('\x07y');
  });
});
