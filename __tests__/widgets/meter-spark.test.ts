/**
 * Text meters and sparklines (widgets/meter.ts, widgets/spark.ts): a fraction as a bar and a
 * percentage, a series as a row of ticks; Unicode blocks, or ASCII where the locale is not UTF-8.
 * Drawn in a select's open list, as the Node list uses them: text and PNG, dark and light.
 */
import { meterBar, meterText, percentText } from '../../widgets/meter';
import { SelectField, type SelectOption } from '../../widgets/select-field';
import { resample, sparkText } from '../../widgets/spark';
import { createTheme, themeOf } from '../../widgets/theme';
import { formHarness, type FormHarness } from '../support/widgets';
import { LIGHT } from '../support/xterm-palette';

const unicode = createTheme({ unicode: true }).glyphs;
const ascii = createTheme({ unicode: false }).glyphs;

describe('meter', () => {
  it('fills cells in proportion, clamped, and says the percentage', () => {
    expect(meterBar(0.5, 8, unicode)).toBe('████░░░░');
    expect(meterBar(0.34, 6, unicode)).toBe('██░░░░');
    expect(meterBar(1.5, 4, unicode)).toBe('████');
    expect(meterBar(-1, 4, unicode)).toBe('░░░░');
    expect(meterText('cpu', 0.34, 6, unicode)).toBe('cpu ██░░░░  34%');
    expect(percentText(1, unicode)).toBe('100%');
  });

  it('in ASCII: hashes and dashes between brackets', () => {
    expect(meterText('mem', 0.81, 5, ascii)).toBe('mem [####-]  81%');
  });

  it('an unknown figure is an empty bar and a dash, never 0%', () => {
    expect(meterText('cpu', undefined, 4, unicode)).toBe('cpu ░░░░    —');
    expect(meterText('cpu', NaN, 4, ascii)).toBe('cpu [----]    -');
  });
});

describe('sparkline', () => {
  it('one tick per value, the highest for the series peak, gaps blank, right-aligned', () => {
    expect(sparkText([0, 0.5, 1], 3, unicode)).toBe('▁▅█');
    expect(sparkText([0.1, null, 0.2], 5, unicode)).toBe('  ▅ █');
    expect(sparkText([0.1, 0.2], 2, unicode, 1)).toBe('▂▂');
    expect(sparkText([0, 0.25, 0.5, 0.75, 1], 5, ascii)).toBe('_.-=^');
  });

  it('squeezes a long series into its cells by averaging neighbours', () => {
    expect(resample([0, 1, 1, 1, null, null], 3)).toEqual([0.5, 1, null]);
    expect(sparkText([0, 0, 1, 1], 2, ascii)).toBe('_^');
  });
});

const HOUR = Array.from({ length: 70 }, (_, i) => 0.3 + 0.25 * Math.sin(i / 6));

function rows(g: typeof unicode): SelectOption[] {
  const row = (cpu: number, mem: number, spark: string) =>
    [meterText('cpu', cpu, 6, g), meterText('mem', mem, 6, g), spark].join('  ');
  return [
    { value: 'a', label: 'alpha', detail: row(0.34, 0.81, sparkText(HOUR, 10, g)) },
    { value: 'b', label: 'beta', detail: row(0.02, 0.16, sparkText([0.1, null, 0.9], 10, g)) },
    { value: 'c', label: 'gamma', detail: row(1, 0.5, g.unknown.padStart(10)) },
  ];
}

describe.each([
  ['unicode', { LANG: 'C.UTF-8' }],
  ['ascii', { LANG: 'C', LC_ALL: 'C' }],
])('in a list (%s)', (name, env) => {
  let t: FormHarness;
  afterEach(() => t.h.destroy());

  it('reads on dark and light', async () => {
    t = formHarness({ cols: 64, rows: 8, env });
    const g = themeOf(t.screen).glyphs;
    const f = t.form.add(
      new SelectField(t.screen, { label: 'Pick', options: rows(g), value: 'a' }),
    );
    t.form.focus(f);
    await t.h.press('space', 'down');
    const id = `meter-spark-${name}`;
    expect(t.h.text()).toMatchSnapshot(id);
    expect(t.h.png()).toMatchImageSnapshot({ customSnapshotIdentifier: id });
    expect(t.h.png(LIGHT)).toMatchImageSnapshot({ customSnapshotIdentifier: `${id}-light` });
  });
});
