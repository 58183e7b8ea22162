/**
 * Secrets and names are data, not display text: what is typed or pasted into the login
 * screen's user name and password reaches the server exactly — any Unicode, tabs included —
 * while the screen shows a safe drawing of it (mask stars, replacement characters).
 */
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { loginApp } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp> | undefined;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t?.h.destroy());

const PASTE = (text: string) => `\x1b[200~${text}\x1b[201~`;
const lastLogin = () => sim.requests.filter((r) => r.path === '/access/ticket').at(-1);

/**
 * The simulator's user `id` with this password (its request log hides passwords, so a login
 * that succeeds is the proof that the exact bytes arrived).
 */
function account(id: string, password: string): void {
  sim.state.users[id] = { ...sim.state.users['root@pam']!, password };
}
const loggedIn = () => ({ status: lastLogin()?.status, step: t!.app.controller.state.step });
const SUCCESS = { status: 200, step: 'general' };

/** Type (one key per character) or paste the user name and password, then log in. */
async function logIn(user: string, password: string, how: 'typed' | 'pasted'): Promise<void> {
  t = loginApp(sim);
  await t.h.settle();
  const enter = async (text: string) => {
    if (how === 'typed') await t!.h.type(text);
    else {
      t!.h.input.write(PASTE(text));
      await t!.h.settle();
    }
  };
  await enter(user);
  await t.h.press('tab');
  await enter(password);
  await t.h.press('enter');
}

describe('the exact user name and password reach the server', () => {
  it.each([
    ['an emoji', 'p😀w'],
    ['a combining accent (not composed)', 'pa\u0301ss'],
    ['a zero-width joiner', 'a\u200db'],
    ['a right-to-left override', 'abc\u202edef'],
    ['wide characters', '東京pw'],
    ['spaces at both ends', ' pw '],
    ['a non-breaking space', 'p\u00a0w'],
  ])('%s, typed and pasted', async (_what, password) => {
    account('eve@pve', password);
    for (const how of ['typed', 'pasted'] as const) {
      await logIn('eve@pve', password, how);
      expect({ how, ...loggedIn() }).toEqual({ how, ...SUCCESS });
      t!.h.destroy();
      t = undefined;
    }
  });

  it('a tab inside a pasted password is kept (and does not move the focus)', async () => {
    account('eve@pve', 'pa\tss');
    await logIn('eve@pve', 'pa\tss', 'pasted');
    expect(loggedIn()).toEqual(SUCCESS);
  });

  it('a line break at the end of a paste (a copied line) is not part of the password', async () => {
    await logIn('root@pam', 'proxmox\n', 'pasted');
    expect(loggedIn()).toEqual(SUCCESS);
  });

  it('a user name with an emoji and a combining accent is sent as typed', async () => {
    account('ro\u0301ot😀@pve', 'x');
    await logIn('ro\u0301ot😀@pve', 'x', 'typed');
    expect(lastLogin()?.params.username).toBe('ro\u0301ot😀@pve');
    expect(loggedIn()).toEqual(SUCCESS);
  });

  it('the screen shows one star per character of the password, and a safe drawing of the name', async () => {
    t = loginApp(sim);
    await t.h.settle();
    await t.h.type('a\u202eb😀');
    await t.h.press('tab');
    await t.h.type('p😀\u200dw');
    const text = t.h.text();
    expect(text).toContain('│ a�b� ');
    expect(text).toContain('│ **** ');
    expect(t.h.written).not.toContain('\u202e');
  });
});
