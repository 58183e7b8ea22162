import { Button } from '../../widgets/button';
import { ReadonlyField } from '../../widgets/readonly-field';
import { SelectField } from '../../widgets/select-field';
import { TagListField } from '../../widgets/tag-list-field';
import { DEFAULT_MAX_LENGTH, NumberField, TextField } from '../../widgets/text-field';
import { ToggleField } from '../../widgets/toggle-field';
import type { Field } from '../../widgets/field';
import { fgAt, formHarness, isInverseAt, type FormHarness } from '../support/widgets';

/** The default theme's 256-colour focus teal, error red and quiet grey. */
const FOCUS = 31;
const RED = 160;
const GRAY = 244;

let t: FormHarness;
beforeEach(() => {
  t = formHarness({ cols: 24, rows: 12 });
});
afterEach(() => t.h.destroy());

describe('every single-line field is exactly three rows', () => {
  const kinds: [string, () => Field, string[]][] = [
    [
      'text',
      () => new TextField(t.screen, { label: 'Name', value: 'web-01' }),
      ['┌─ Name ──────────────┐', '│ web-01              │', '└─────────────────────┘'],
    ],
    [
      'password',
      () => new TextField(t.screen, { label: 'Password', value: 'hunter2', mask: true }),
      ['┌─ Password ──────────┐', '│ *******             │', '└─────────────────────┘'],
    ],
    [
      'number',
      () => new NumberField(t.screen, { label: 'Cores', value: '2', min: 1, max: 256 }),
      ['┌─ Cores ─────────────┐', '│ 2                   │', '└─ 1-256 ─────────────┘'],
    ],
    [
      'select',
      () =>
        new SelectField(t.screen, {
          label: 'Node',
          options: [{ value: 'pve1', label: 'pve1' }],
          value: 'pve1',
        }),
      ['┌─ Node ──────────────┐', '│ pve1              ▾ │', '└─────────────────────┘'],
    ],
    [
      'toggle',
      () => new ToggleField(t.screen, { label: 'Qemu Agent', value: true }),
      ['┌─ Qemu Agent ────────┐', '│ [x]                 │', '└─────────────────────┘'],
    ],
    [
      'tag list',
      () => new TagListField(t.screen, { label: 'Tags', value: ['db', 'web'] }),
      ['┌─ Tags ──────────────┐', '│  db   web           │', '└─────────────────────┘'],
    ],
    [
      'read-only',
      () => new ReadonlyField(t.screen, { label: 'Format', value: 'raw' }),
      ['┌─ Format ────────────┐', '│ raw                 │', '└─────────────────────┘'],
    ],
  ];

  it.each(kinds)('%s', async (_kind, make, rows) => {
    const field = make();
    field.el.width = 23;
    t.screen.append(field.el);
    await t.h.render();
    expect(
      t.h
        .lines()
        .slice(0, 4)
        .map((l) => l.slice(0, 23)),
    ).toEqual([...rows, ' '.repeat(23)]);
    expect(field.el.height).toBe(3);
  });

  it('cuts a long label and hint to the width with an ellipsis, never to a fourth row', async () => {
    const field = new TextField(t.screen, {
      label: 'A label far too long for the field',
      hint: 'and a hint that is long too',
      width: 16,
    });
    t.screen.append(field.el);
    await t.h.render();
    expect(
      t.h
        .lines()
        .slice(0, 4)
        .map((l) => l.slice(0, 16)),
    ).toEqual(['┌─ A label f… ─┐', '│              │', '└─ and a hin… ─┘', ' '.repeat(16)]);
  });
});

describe('states', () => {
  it('focus recolours the label and side bars; an error turns the border red with the message', async () => {
    const a = t.form.add(new TextField(t.screen, { label: 'A' }));
    const b = t.form.add(new TextField(t.screen, { label: 'B' }));
    t.form.focus(a);
    await t.h.render();
    // The corner, label and bars, not the long lines: a focus move repaints a few cells.
    expect(fgAt(t.h, 0, 0)).toBe(FOCUS);
    expect(fgAt(t.h, 3, 0)).toBe(FOCUS);
    expect(fgAt(t.h, 0, 1)).toBe(FOCUS);
    expect(fgAt(t.h, 10, 0)).toBe(GRAY);
    expect(fgAt(t.h, 0, 2)).toBe(GRAY);
    expect(fgAt(t.h, 0, 3)).toBe(GRAY);
    expect(fgAt(t.h, 0, 4)).toBe(GRAY);
    b.setError('Too short');
    t.form.focus(b);
    await t.h.render();
    expect(fgAt(t.h, 0, 1)).toBe(GRAY);
    expect(fgAt(t.h, 0, 3)).toBe(RED);
    expect(t.h.lines()[5]).toBe('└─ Too short ──────────┘');
    expect(fgAt(t.h, 3, 5)).toBe(RED);
  });

  it('a disabled field looks disabled, is skipped by Tab and ignores keys', async () => {
    const a = t.form.add(new TextField(t.screen, { label: 'A' }));
    const b = t.form.add(new TextField(t.screen, { label: 'B', value: 'x', disabled: true }));
    const c = t.form.add(new TextField(t.screen, { label: 'C' }));
    t.form.focus(a);
    await t.h.press('tab');
    expect(t.form.focused).toBe(c);
    expect(b.handleKey('y', { name: 'y', full: 'y' })).toBe(false);
    expect(b.value).toBe('x');
    expect(fgAt(t.h, 2, 4)).toBe(GRAY);
  });
});

describe('text field', () => {
  it('type once, see once: every character appears exactly once', async () => {
    const name = t.form.add(new TextField(t.screen, { label: 'Name' }));
    t.form.focus(name);
    await t.h.render();
    await t.h.type('web-01');
    expect(name.value).toBe('web-01');
    expect(t.h.lines()[1]).toBe('│ web-01               │');
    expect(isInverseAt(t.h, 8, 1)).toBe(true);
  });

  it('edits in place: left, backspace, delete, home, end, Ctrl-U, Ctrl-W', async () => {
    const f = t.form.add(new TextField(t.screen, { label: 'Name', value: 'abcd' }));
    t.form.focus(f);
    await t.h.press('left', 'left', 'backspace');
    expect(f.value).toBe('acd');
    await t.h.press('delete');
    expect(f.value).toBe('ad');
    await t.h.press('home');
    await t.h.type('X');
    await t.h.press('end');
    await t.h.type(' two words');
    expect(f.value).toBe('Xad two words');
    await t.h.press('C-w');
    expect(f.value).toBe('Xad two ');
    await t.h.press('C-u');
    expect(f.value).toBe('');
  });

  it('scrolls a long value so the cursor stays visible', async () => {
    const f = t.form.add(new TextField(t.screen, { label: 'Name' }));
    t.form.focus(f);
    await t.h.type('abcdefghijklmnopqrstuvwxyz');
    expect(t.h.lines()[1]).toBe('│ hijklmnopqrstuvwxyz  │');
    await t.h.press('home');
    expect(t.h.lines()[1]).toBe('│ abcdefghijklmnopqrst │');
  });

  it('masks a password and never shows it', async () => {
    const f = t.form.add(new TextField(t.screen, { label: 'Password', mask: true }));
    t.form.focus(f);
    await t.h.type('s3cret!');
    expect(f.value).toBe('s3cret!');
    expect(t.h.text()).not.toContain('s3cret');
    expect(t.h.lines()[1]).toContain('*******');
  });

  it('an unfinished value is checked when the focus leaves, not while it is typed', async () => {
    const f = t.form.add(
      new TextField(t.screen, {
        label: 'Name',
        validate: (v) => (/^[a-z0-9-]*$/.test(v) ? undefined : 'letters and digits'),
        validateOnLeave: (v) => (v.endsWith('-') ? 'no hyphen at the end' : undefined),
      }),
    );
    t.form.add(new TextField(t.screen, { label: 'Next' }));
    t.form.focus(f);
    await t.h.type('web-');
    expect(f.error).toBe('');
    await t.h.press('tab');
    expect(f.error).toBe('no hyphen at the end');
    expect(t.h.lines()[2]).toMatch(/^└─ no hyphen at the/);
    await t.h.press('S-tab');
    await t.h.type('1');
    expect(f.error).toBe('');
    await t.h.type('_');
    expect(f.error).toBe('letters and digits');
  });

  it('keeps its placeholder while focused and empty, the cursor on its first cell, as the web UI does', async () => {
    const f = t.form.add(new TextField(t.screen, { label: 'Name', placeholder: 'e.g. web-01' }));
    t.form.add(new TextField(t.screen, { label: 'Next' }));
    await t.h.render();
    expect(t.h.lines()[1]).toBe('│ e.g. web-01          │');
    expect(isInverseAt(t.h, 2, 1)).toBe(false);
    t.form.focus(f);
    await t.h.render();
    expect(t.h.lines()[1]).toBe('│ e.g. web-01          │');
    expect(isInverseAt(t.h, 2, 1)).toBe(true);
    expect(isInverseAt(t.h, 3, 1)).toBe(false);
    expect(fgAt(t.h, 3, 1)).toBe(GRAY);
    await t.h.type('w');
    expect(t.h.lines()[1]).toBe('│ w                    │');
    await t.h.press('backspace');
    expect(t.h.lines()[1]).toBe('│ e.g. web-01          │');
    expect(isInverseAt(t.h, 2, 1)).toBe(true);
  });

  it('shows server text literally: tags and escape sequences do not leak into the terminal', async () => {
    const f = t.form.add(
      new TextField(t.screen, { label: '{red-fg}x', value: '{bold}a\x1b[31mb' }),
    );
    f.el.width = 24;
    await t.h.render();
    expect(t.h.lines()[0]).toContain('{red-fg}x');
    // The escape is shown as ␛, not sent: b keeps the default colour.
    expect(t.h.lines()[1]).toContain('{bold}a␛[31mb');
    expect(t.h.written).not.toContain('\x1b[31mb');
  });
});

describe('number field', () => {
  it('keeps what was typed and explains what is wrong, live', async () => {
    const f = t.form.add(
      new NumberField(t.screen, { label: 'VM ID', noun: 'VM ID', min: 100, max: 999 }),
    );
    t.form.focus(f);
    await t.h.type('12');
    expect(f.error).toBe('VM ID must be a whole number between 100 and 999');
    expect(t.h.lines()[2]).toMatch(/^└─ VM ID must be a /);
    await t.h.type('3');
    expect(f.error).toBe('');
    await t.h.type('x');
    expect(f.value).toBe('123x');
    expect(f.error).toMatch(/whole number/);
  });

  it('allows decimals only when asked, and empty only when optional', async () => {
    const size = t.form.add(new NumberField(t.screen, { label: 'Size', decimal: true, min: 0 }));
    const mtu = t.form.add(new NumberField(t.screen, { label: 'MTU', optional: true }));
    t.form.focus(size);
    await t.h.type('0.5');
    expect(size.error).toBe('');
    await t.h.press('C-u');
    expect(size.error).toBe('Size is required');
    t.form.focus(mtu);
    await t.h.type('1');
    await t.h.press('backspace');
    expect(mtu.error).toBe('');
  });
});

describe('toggle', () => {
  it('Space toggles and reports the change; Enter moves on', async () => {
    const seen: boolean[] = [];
    const f = t.form.add(
      new ToggleField(t.screen, { label: 'Add to HA', value: true, onChange: (v) => seen.push(v) }),
    );
    const next = t.form.add(new TextField(t.screen, { label: 'Next' }));
    t.form.focus(f);
    await t.h.press('space');
    expect(f.value).toBe(false);
    expect(t.h.lines()[1]).toBe('│ [ ]                  │');
    await t.h.press('space');
    expect(seen).toEqual([false, true]);
    await t.h.press('enter');
    expect(t.form.focused).toBe(next);
  });

  it('the label stays the same; only the box shows the state', async () => {
    const f = t.form.add(
      new ToggleField(t.screen, { label: 'Skip replication', hint: 'checked: replicate=0' }),
    );
    t.form.focus(f);
    await t.h.settle();
    const rows = () => t.h.lines().slice(0, 3);
    expect(rows()).toEqual([
      '┌─ Skip replication ───┐',
      '│ [ ]                  │',
      // A cut message ends in an ellipsis: the rest is in the status area and in F1.
      '└─ checked: replicat… ─┘',
    ]);
    await t.h.press('space');
    expect(rows()[0]).toBe('┌─ Skip replication ───┐');
    expect(rows()[1]).toBe('│ [x]                  │');
  });
});

describe('tag list', () => {
  it('adds tags one by one and refuses bad ones with a message, keeping the text', async () => {
    const f = t.form.add(
      new TagListField(t.screen, {
        label: 'Tags',
        normalise: (s) => s.toLowerCase(),
        check: (tag, tags) =>
          tags.includes(tag) ? 'Already added' : /^[a-z]+$/.test(tag) ? undefined : 'Letters only',
      }),
    );
    t.form.focus(f);
    await t.h.type('Web');
    await t.h.press('enter');
    await t.h.type('db');
    await t.h.press('enter');
    expect(f.value).toEqual(['web', 'db']);
    await t.h.type('web');
    await t.h.press('enter');
    expect(f.error).toBe('Already added');
    expect(f.pending).toBe('web');
    await t.h.press('backspace', 'backspace', 'backspace');
    await t.h.type('a1');
    await t.h.press('enter');
    expect(f.error).toBe('Letters only');
    expect(f.value).toEqual(['web', 'db']);
  });

  it('removes tags one by one: Backspace selects the last, a second removes it', async () => {
    const seen: string[][] = [];
    const f = t.form.add(
      new TagListField(t.screen, {
        label: 'Tags',
        value: ['a', 'b', 'c'],
        onChange: (v) => seen.push(v),
      }),
    );
    t.form.focus(f);
    await t.h.press('backspace');
    expect(f.value).toEqual(['a', 'b', 'c']);
    await t.h.press('backspace');
    expect(f.value).toEqual(['a', 'b']);
    await t.h.press('left', 'left', 'delete');
    expect(f.value).toEqual(['b']);
    expect(seen).toEqual([['a', 'b'], ['b']]);
  });

  it('keeps its placeholder while focused and empty, the cursor on its first cell', async () => {
    const f = t.form.add(new TagListField(t.screen, { label: 'Tags', placeholder: 'none yet' }));
    t.form.focus(f);
    await t.h.render();
    expect(t.h.lines()[1]).toBe('│ none yet             │');
    expect(isInverseAt(t.h, 2, 1)).toBe(true);
    expect(isInverseAt(t.h, 3, 1)).toBe(false);
    await t.h.type('db');
    expect(t.h.lines()[1]).toBe('│ db                   │');
    await t.h.press('enter');
    expect(t.h.lines()[1]).toBe('│  db                  │');
  });

  it('Enter with nothing typed moves on', async () => {
    const f = t.form.add(new TagListField(t.screen, { label: 'Tags' }));
    const next = t.form.add(new TextField(t.screen, { label: 'Next' }));
    t.form.focus(f);
    await t.h.press('enter');
    expect(t.form.focused).toBe(next);
  });
});

describe('button', () => {
  it('Enter and Space press it; a disabled button does nothing', async () => {
    let pressed = 0;
    const [ok, off] = t.form.addButtons([
      new Button(t.screen, { label: 'OK', onPress: () => pressed++ }),
      new Button(t.screen, { label: 'Off', disabled: true, onPress: () => pressed++ }),
    ]);
    t.form.focus(ok);
    await t.h.press('enter', 'space');
    expect(pressed).toBe(2);
    off!.press();
    expect(pressed).toBe(2);
    expect(t.h.lines().slice(0, 3)).toEqual([
      '┌────┐ ┌─────┐          ',
      '│ OK │ │ Off │          ',
      '└────┘ └─────┘          ',
    ]);
  });
});

describe('a tab inside a paste', () => {
  it.each([
    ['a display field shows a space', {}, 'a b'],
    ['an exact field keeps it', { exact: true }, 'a\tb'],
    ['a password keeps it', { mask: true }, 'a\tb'],
  ])('%s', async (_what, options, value) => {
    const field = t.form.add(new TextField(t.screen, { label: 'Field', ...options }));
    t.form.focus(field);
    await t.h.render();
    t.h.input.write('\x1b[200~a\tb\x1b[201~');
    await t.h.settle();
    expect(field.value).toBe(value);
    expect(t.screen.focused).toBe(field.el);
  });
});

describe('a long paste', () => {
  const paste = (text: string) => t.h.input.write(`\x1b[200~${text}\x1b[201~`);

  it('is one edit: the check and the change run once for 16,000 characters', async () => {
    const seen: number[] = [];
    let checks = 0;
    const field = t.form.add(
      new TextField(t.screen, {
        label: 'Field',
        validate: () => (checks++, undefined),
        onChange: (v) => seen.push(v.length),
      }),
    );
    t.form.focus(field);
    await t.h.type('ab');
    await t.h.press('left');
    paste('x'.repeat(16_000));
    await t.h.settle();
    expect(seen).toEqual([1, 2, 16_002]);
    expect(checks).toBe(3);
    expect(field.value).toBe(`a${'x'.repeat(16_000)}b`);
    // The cursor stays after the pasted text, and the row shows the text before it.
    expect(t.h.lines()[1]).toMatch(/│ x+b +│/);
  });

  it("beyond the field's maximum is refused whole and the field says so; typing too", async () => {
    const field = t.form.add(new TextField(t.screen, { label: 'Field', maxLength: 10 }));
    t.form.focus(field);
    await t.h.type('abcdef');
    paste('0123456789');
    await t.h.settle();
    expect(field.value).toBe('abcdef');
    expect(field.error).toBe('Paste of 10 characters refused: at most 10 (only 4 more fit)');
    paste('0123');
    await t.h.settle();
    expect(field.value).toBe('abcdef0123');
    expect(field.error).toBe('');
    await t.h.type('z');
    expect(field.value).toBe('abcdef0123');
    expect(field.error).toBe('At most 10 characters');
    expect(t.h.lines()[2]).toContain('At most 10');
    await t.h.press('backspace');
    expect(field.error).toBe('');
  });

  it('has a default maximum above the longest string the API takes', async () => {
    const field = t.form.add(new TextField(t.screen, { label: 'Field' }));
    t.form.focus(field);
    paste('y'.repeat(DEFAULT_MAX_LENGTH + 1));
    await t.h.settle();
    expect(field.value).toBe('');
    expect(field.error).toContain(`at most ${DEFAULT_MAX_LENGTH}`);
    expect(DEFAULT_MAX_LENGTH).toBeGreaterThanOrEqual(8192);
  });
});
