/**
 * The chosen node's load as pictures, below the General form where the room allows it (the
 * whole form shown above it: at 120x40, not at 80x24, where the form scrolls): contrib gauges
 * for CPU and memory and a sparkline of the last hour (text meters where the terminal does not
 * draw pictures), each figure also in words. Drawn again only when the node or its data changed.
 */
import type { WizardState } from '../lib/wizard/machine';
import type { GeneralData } from '../lib/wizard/step-data';
import { beforeEachFrame } from '../widgets/blessed-internals';
import type { Form } from '../widgets/form';
import { GaugePanel, type PanelFigures } from '../widgets/gauge-panel';
import { hourWords, memFraction, nodeFigures } from './node-options';
import type { StepContext } from './step-screen';

function figuresOf(data: GeneralData | undefined, node: string): PanelFigures | undefined {
  const n = data?.nodes.find((x) => x.node === node);
  if (!n || n.status !== 'online') return undefined;
  const load = data?.nodeLoad?.[node];
  return {
    title: `${node}: ${nodeFigures(data, node)}`,
    gauges: [
      { label: 'CPU', fraction: n.cpu },
      { label: 'Memory', fraction: memFraction(n) },
    ],
    spark: {
      label: 'CPU, last hour',
      values: load?.status === 'loaded' ? load.cpu : [],
      caption: hourWords(load).replace(/^hour: /, '') || 'not asked for',
    },
  };
}

export interface NodePanel {
  update(state: WizardState): void;
}

export function nodePanel(ctx: StepContext, form: Form): NodePanel {
  const panel = new GaugePanel(ctx.screen, 2);
  // Below the form, which gives it its rows (an open list stays in the form's area).
  ctx.parent.append(panel.el);
  panel.el.hide();
  let shown: { data: GeneralData | undefined; node: string } | undefined;
  let figures: PanelFigures | undefined;
  let width = -1;
  beforeEachFrame(panel.el, () => {
    const height = ctx.parent.height as number;
    const fits = figures !== undefined && height - form.contentHeight() >= panel.rows;
    const bottom = fits ? panel.rows : 0;
    if (form.body.position.bottom !== bottom) form.body.bottom = bottom;
    if (!fits) {
      if (panel.el.visible) panel.el.hide();
      return;
    }
    const top = height - panel.rows;
    if (panel.el.top !== top) panel.el.top = top;
    if (!panel.el.visible) panel.el.show();
    if (panel.el.width !== width) {
      width = panel.el.width as number;
      panel.resized();
    }
  });
  return {
    update(state) {
      const data = state.data.general;
      const node = state.config.general.node;
      if (shown && shown.data === data && shown.node === node) return;
      shown = { data, node };
      figures = figuresOf(data, node);
      if (figures) panel.set(figures);
    },
  };
}
