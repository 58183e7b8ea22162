/**
 * The gauge panel (widgets/gauge-panel.ts): contrib gauges and a contrib sparkline where the
 * terminal draws pictures (256 colours, UTF-8), text meters and a text sparkline elsewhere
 * (8 colours, NO_COLOR, ASCII). Every figure is in the text either way. Text and PNG, dark and
 * light.
 */
import { GaugePanel, PICTURE_ROWS, TEXT_ROWS, type PanelFigures } from '../../widgets/gauge-panel';
import { Harness } from '../support/harness';
import { LIGHT } from '../support/xterm-palette';

const HOUR = Array.from({ length: 70 }, (_, i) => (i === 30 ? null : 0.3 + 0.25 * Math.sin(i / 6)));
const FIGURES: PanelFigures = {
  title: 'alpha: CPU 34% of 16; mem 81% of 64 GiB',
  gauges: [
    { label: 'CPU', fraction: 0.34 },
    { label: 'Memory', fraction: 0.81 },
  ],
  spark: { label: 'CPU, last hour', values: HOUR, caption: 'mean 30%, peak 55%' },
};

const UTF8 = { LANG: 'C.UTF-8' };
const CASES = [
  ['pictures', 'xterm-256color', UTF8, PICTURE_ROWS],
  ['8-colours', 'xterm', UTF8, TEXT_ROWS],
  ['no-color', 'xterm-256color', { ...UTF8, NO_COLOR: '1' }, TEXT_ROWS],
  ['ascii', 'linux', { LANG: 'C', LC_ALL: 'C' }, TEXT_ROWS],
] as const;

let h: Harness | undefined;
afterEach(() => h?.destroy());

describe.each(CASES)('%s', (name, term, env, rows) => {
  it('shows every figure in words, and its pictures', async () => {
    h = new Harness({ cols: 72, rows: rows + 1, term, env: { ...env } });
    const panel = new GaugePanel(h.screen, 2);
    h.screen.append(panel.el);
    panel.el.top = 0;
    panel.set(FIGURES);
    await h.render();
    expect(panel.rows).toBe(rows);
    const text = h.text();
    for (const words of ['alpha: CPU 34% of 16', 'mem 81% of 64 GiB', 'mean 30%, peak 55%'])
      expect(text).toContain(words);
    expect(text).toMatch(/CPU +(\S+ +)?34%/);
    expect(text).toMatch(/Memory +(\S+ +)?81%/);
    const id = `gauge-panel-${name}`;
    expect(text).toMatchSnapshot(id);
    expect(h.png()).toMatchImageSnapshot({ customSnapshotIdentifier: id });
    expect(h.png(LIGHT)).toMatchImageSnapshot({ customSnapshotIdentifier: `${id}-light` });
  });
});

it('draws again only when the figures changed, and again at a new width', async () => {
  h = new Harness({ cols: 60, rows: PICTURE_ROWS, term: 'xterm-256color', env: UTF8 });
  const panel = new GaugePanel(h.screen, 2);
  h.screen.append(panel.el);
  panel.set(FIGURES);
  await h.render();
  const before = h.text();
  panel.set({ ...FIGURES, gauges: [...FIGURES.gauges] });
  await h.render();
  expect(h.text()).toBe(before);
  panel.set({ ...FIGURES, title: 'alpha: CPU 90% of 16' });
  await h.render();
  expect(h.text()).toContain('alpha: CPU 90% of 16');
  // contrib sizes a gauge's canvas when attached: at a new width the bar is drawn anew.
  const barCells = () => {
    const line = h!.term.buffer.active.getLine(3)!;
    let n = 0;
    for (let x = 0; x < h!.term.cols; x++) if (!line.getCell(x)!.isBgDefault()) n++;
    return n;
  };
  const narrow = barCells();
  await h.resize(90, PICTURE_ROWS);
  panel.resized();
  await h.render();
  expect(barCells()).toBeGreaterThan(narrow + 20);
});
