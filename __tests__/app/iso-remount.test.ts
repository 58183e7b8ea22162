/**
 * Going back to OS does not rebuild its ISO list: the select reads the step's data in place,
 * so a remount makes an option only for the rows it draws, and the filter's lower-case names
 * are made once per answer (the `large` simulator lists 10,000 images on cephfs).
 */
import * as isoChoice from '../../lib/model/iso-choice';
import { IsoSource } from '../../screens/iso-list';
import { fieldOf } from '../../widgets/field';
import { SelectField } from '../../widgets/select-field';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { loginApp, logInAsRoot } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0, dataset: 'large' });
});
afterAll(() => sim.close());
afterEach(() => {
  jest.restoreAllMocks();
  t?.h.destroy();
});

const focusedSelect = () => fieldOf(t.h.screen.focused) as SelectField;

it('a remount builds nothing per image; filtering after it lower-cases no name again', async () => {
  t = loginApp(sim, { generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  await t.h.press('C-n');
  const isos = t.app.controller.state.data.os!.isos;
  expect(isos).toHaveLength(10_000);
  // Media → ISO storage → ISO image: the first filter lower-cases each name once.
  await t.h.press('tab', 'tab');
  await t.h.type('nixos');
  expect(focusedSelect().label).toBe('ISO image');
  await t.h.press('escape');
  const built = jest.spyOn(IsoSource.prototype, 'option');
  const lowered = jest.spyOn(String.prototype, 'toLowerCase');
  await t.h.press('C-p', 'C-n');
  expect(t.app.controller.state.step).toBe('os');
  await t.h.press('tab', 'tab');
  await t.h.type('nixos');
  const iso = focusedSelect();
  expect(iso.label).toBe('ISO image');
  expect((iso.source as IsoSource).isos).toBe(isos);
  // The value rows and the rows shown, a few frames each; never one per image.
  expect(built.mock.calls.length).toBeLessThan(200);
  expect(lowered.mock.calls.length).toBeLessThan(1_000);
  expect(t.h.lines().join('\n')).toMatch(/\d+\/10000/);
});

it('the default ISO is chosen once per arrival of the list, not again on a remount', async () => {
  const scans = jest.spyOn(isoChoice.LatestIso.prototype, 'scan');
  t = loginApp(sim, { generalCheckDelayMs: 0 });
  await logInAsRoot(t);
  await t.h.press('C-n');
  await t.app.controller.idle();
  // Images looked at to choose the default, over every slice of every list.
  const looked = () =>
    scans.mock.calls.reduce((n, [isos, from = 0, to = isos.length]) => n + to - from, 0);
  expect(t.app.controller.state.data.os!.isos).toHaveLength(10_000);
  expect(looked()).toBe(10_000);
  await t.h.press('C-p', 'C-n');
  await t.app.controller.idle();
  expect(looked()).toBe(10_000);
  expect(t.app.controller.state.config.os.iso).toMatch(/nixos-minimal-/);
});
