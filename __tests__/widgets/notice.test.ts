/**
 * The status area: the step's notice and the focused field's message, each whole, wrapping onto
 * more rows as needed up to a limit; what the limit cuts keeps its action and ends in an
 * ellipsis (F1 shows it whole then).
 */
import { Notice } from '../../widgets/notice';
import { Harness } from '../support/harness';

let h: Harness;
let notice: Notice;
beforeEach(() => {
  h = new Harness({ cols: 42, rows: 10 });
  notice = new Notice(h.screen, { bottom: 0, left: 1, right: 1 });
  h.screen.append(notice.el);
});
afterEach(() => h.destroy());

/** Size the area as the shell does, draw it, and read its rows. */
async function shown(): Promise<string[]> {
  notice.el.height = notice.rowsNeeded(notice.el.width as number);
  await h.render();
  return h.lines().slice(10 - (notice.el.height as number));
}

const mac = { label: 'MAC address', text: 'A unicast MAC like BC:24:11:12:34:56, or empty' };

it('an empty area is one blank row', async () => {
  expect(await shown()).toEqual([' '.repeat(42)]);
});

it('a notice that fits is one row', async () => {
  notice.set('loading', "Loading the node's bridges…");
  expect((await shown()).map((l) => l.trimEnd())).toEqual([" Loading the node's bridges…"]);
  expect(notice.isCut()).toBe(false);
});

it('a long notice wraps onto more rows, whole, with its action', async () => {
  notice.set('error', 'Could not load bridges: connection reset', 'Ctrl-R tries again');
  expect((await shown()).map((l) => l.trimEnd())).toEqual([
    ' Error: Could not load bridges:',
    ' connection reset (Ctrl-R tries again)',
  ]);
  expect(notice.isCut()).toBe(false);
  // The action is never split over rows.
  notice.set('error', 'Could not load bridges: connection reset by peer', 'Ctrl-R tries again');
  expect((await shown()).map((l) => l.trimEnd())).toEqual([
    ' Error: Could not load bridges:',
    ' connection reset by peer',
    ' (Ctrl-R tries again)',
  ]);
});

it('the focused field’s message goes above the notice; both whole', async () => {
  notice.set('warning', 'vmbr9 has no IPv6');
  notice.setFieldMessage({ ...mac, error: true });
  expect((await shown()).map((l) => l.trimEnd())).toEqual([
    ' Error in MAC address: A unicast MAC like',
    ' BC:24:11:12:34:56, or empty',
    ' Warning: vmbr9 has no IPv6',
  ]);
  notice.setFieldMessage({ ...mac, error: false });
  expect((await shown())[0]!.trimEnd()).toBe(' MAC address: A unicast MAC like');
});

it('beyond its rows a notice is cut with an ellipsis, its action kept, and says so', async () => {
  notice.maxRows = 2;
  notice.setFieldMessage({ ...mac, label: 'MAC', error: true });
  notice.set('error', 'x '.repeat(60).trim(), 'Ctrl-R tries again');
  const rows = (await shown()).map((l) => l.trimEnd());
  expect(rows).toHaveLength(2);
  expect(rows[0]).toBe(' Error in MAC: A unicast MAC like BC:24:…');
  expect(rows[1]).toMatch(/^ Error: x x x .*x… \(Ctrl-R tries again\)$/);
  expect(notice.isCut()).toBe(true);
  expect(notice.message).toBe(`Error: ${'x '.repeat(60).trim()} (Ctrl-R tries again)`);
});

it('the field message keeps at least one row for the notice', async () => {
  notice.maxRows = 2;
  notice.set('info', 'Ready');
  notice.setFieldMessage({ label: 'Name', text: 'y '.repeat(60).trim(), error: false });
  const rows = (await shown()).map((l) => l.trimEnd());
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatch(/^ Name: y y .*y…$/);
  expect(rows[1]).toBe(' Ready');
});

it('server text is data: tags and escapes are shown, never obeyed', async () => {
  notice.set('error', '{red-fg}boom\x1b[2J');
  notice.setFieldMessage({ label: '{bold}L', text: 'm\x1b]0;x\x07', error: true });
  const text = (await shown()).join('\n');
  expect(text).toContain('{red-fg}boom␛[2J');
  expect(text).toContain('Error in {bold}L: m␛]0;x␇');
  expect(h.written).not.toContain('boom\x1b[2J');
  expect(h.written).not.toContain('m\x1b]0;');
});
