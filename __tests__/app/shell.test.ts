import type { StepScreenFactory } from '../../screens/step-screen';
import { Form } from '../../widgets/form';
import { TextField } from '../../widgets/text-field';
import { Button } from '../../widgets/button';
import { appHarness, type AppHarness } from '../support/app';
import { snapshotScreen } from '../support/harness';

let t: AppHarness;
afterEach(() => t.h.destroy());

const snap = (id: string) => snapshotScreen(t.h, id);

describe('shell screen', () => {
  it.each([
    [80, 24],
    [120, 40],
  ])('opens with header, body and footer at %i×%i', async (cols, rows) => {
    t = appHarness({ cols, rows });
    await t.h.settle();
    const lines = t.h.lines();
    expect(lines[0]).toMatch(/^ pvevm {3}Log in {2}/);
    expect(lines[rows - 1]).toMatch(
      /^ Tab\/Down next field {2}Ctrl-N log in {2}F1 help {2}Ctrl-Q quit/,
    );
    await snap(`shell-login-${cols}x${rows}`);
  });

  it('shows the breadcrumb of the form steps once logged in, marking the current one', async () => {
    t = appHarness({ cols: 80, rows: 24 });
    t.app.controller.dispatch({ type: 'authenticated' });
    await t.h.settle();
    expect(t.h.lines()[0]).toBe(
      ' pvevm   General › OS › System › Disks › CPU › Memory › Network › Confirm       ',
    );
    expect(t.h.lines()[23]).toContain('Ctrl-N next');
    await snap('shell-general-80x24');
  });

  it('F1 opens the help generated from the key table; F1 or Esc closes it', async () => {
    t = appHarness({ cols: 80, rows: 24 });
    await t.h.press('f1');
    const text = t.h.text();
    for (const line of [
      'Tab/Down  Next field',
      'Ctrl-P    Previous step',
      'Esc       Close an open list or dialog',
    ]) {
      expect(text).toContain(line);
    }
    await snap('shell-help-80x24');
    await t.h.press('escape');
    expect(t.h.text()).not.toContain('Previous step');
    await t.h.press('f1', 'f1');
    expect(t.h.text()).not.toContain('Previous step');
  });
});

describe('quitting', () => {
  it('Ctrl-Q quits at once when nothing was typed (exit 130)', async () => {
    t = appHarness();
    await t.h.press('C-q');
    expect(t.exits).toEqual([130]);
  });

  it('Ctrl-C asks first once something was typed; Keep working stays', async () => {
    t = appHarness();
    t.app.controller.dispatch({ type: 'touched' });
    await t.h.press('C-c');
    expect(t.exits).toEqual([]);
    expect(t.h.text()).toContain('Quit pvevm?');
    await snap('shell-quit-80x24');
    await t.h.press('enter');
    expect(t.exits).toEqual([]);
    expect(t.h.text()).not.toContain('Quit pvevm?');
  });

  it('answering Quit, or a second Ctrl-C, quits', async () => {
    t = appHarness();
    t.app.controller.dispatch({ type: 'touched' });
    await t.h.press('C-q', 'tab', 'enter');
    expect(t.exits).toEqual([130]);
    await t.h.press('C-c', 'C-c');
    expect(t.exits).toEqual([130, 130]);
  });
});

describe('step screens from the registry', () => {
  const login: StepScreenFactory = ({ screen, parent, dispatch }) => {
    const form = new Form(screen, { parent, top: 0, left: 0, right: 0, bottom: 0 });
    const button = form.add(
      new Button(screen, { label: 'Log in', onPress: () => dispatch({ type: 'authenticated' }) }),
    );
    form.focus(button);
    return {
      update: () => undefined,
      focusField: () => undefined,
      destroy: () => parent.children.slice().forEach((c) => c.destroy()),
    };
  };
  const focusRequests: string[] = [];
  const general: StepScreenFactory = ({ screen, parent, dispatch, state }) => {
    const form = new Form(screen, { parent, top: 0, left: 0, right: 0, bottom: 0 });
    let config = state.config;
    const name = form.add(
      new TextField(screen, {
        label: 'Name',
        value: config.general.name,
        onChange: (value) => {
          config = { ...config, general: { ...config.general, name: value } };
          dispatch({ type: 'changed', config });
        },
      }),
    );
    form.focus(name);
    return {
      update: (s) => name.setError(s.issues.find((i) => i.field === 'name')?.message),
      focusField: (field) => focusRequests.push(field),
      destroy: () => parent.children.slice().forEach((c) => c.destroy()),
    };
  };

  it('mounts the current step’s screen, routes intents, and focuses the first bad field on Ctrl-N', async () => {
    t = appHarness({}, { registry: { login, general } });
    await t.h.settle();
    expect(t.h.text()).toContain('Log in');
    await t.h.press('enter');
    expect(t.app.controller.state.step).toBe('general');
    await t.h.type('bad_name');
    expect(t.app.controller.state.config.general.name).toBe('bad_name');
    await t.h.press('C-n');
    expect(t.app.controller.state.step).toBe('general');
    expect(focusRequests).toEqual(['node']);
    expect(t.h.lines()[4]).toContain('Name must be a DNS name');
    await t.h.press('C-q');
    expect(t.h.text()).toContain('Quit pvevm?');
  });
});
