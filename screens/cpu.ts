/** The CPU step: sockets, cores (total vCPUs shown) and the CPU type. */
import { BUILTIN_CPU_TYPES } from '../lib/model/options';
import { parseInteger } from '../lib/model/rules';
import type { WizardState } from '../lib/wizard/machine';
import { ReadonlyField } from '../widgets/readonly-field';
import { SelectField } from '../widgets/select-field';
import { NumberField } from '../widgets/text-field';
import { createStepForm, sync } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { showView } from './view-status';

function totalText(cores: string, sockets: string): string {
  const c = parseInteger(cores);
  const s = parseInteger(sockets);
  return c !== undefined && s !== undefined
    ? `${c * s} vCPUs (${s} socket${s === 1 ? '' : 's'} x ${c} core${c === 1 ? '' : 's'})`
    : '?';
}

export function createCpuScreen(ctx: StepContext): StepScreen {
  const { screen } = ctx;
  const sf = createStepForm(ctx, 'cpu', { reload: true });
  const { form } = sf;
  const c = sf.config().cpu;
  const sockets = form.add(
    new NumberField(screen, {
      label: 'Sockets',
      noun: 'Sockets',
      min: 1,
      max: 256,
      value: c.sockets,
      onChange: (v) => {
        sf.change('cpu', { sockets: v });
        showTotal();
      },
    }),
  );
  const cores = form.add(
    new NumberField(screen, {
      label: 'Cores',
      noun: 'Cores',
      min: 1,
      max: 256,
      value: c.cores,
      onChange: (v) => {
        sf.change('cpu', { cores: v });
        showTotal();
      },
    }),
  );
  const total = form.add(
    new ReadonlyField(screen, { label: 'Total', value: totalText(c.cores, c.sockets) }),
  );
  const type = form.add(
    new SelectField(screen, {
      label: 'CPU Type',
      options: BUILTIN_CPU_TYPES.map((t) => ({ value: t, label: t })),
      value: c.type,
      onChange: (v) => sf.change('cpu', { type: v }),
    }),
  );

  function showTotal() {
    const cpu = sf.config().cpu;
    total.setValue(totalText(cpu.cores, cpu.sockets));
  }

  const update = (state: WizardState) => {
    sf.adopt(state, { sockets, cores, type });
    const data = state.data.cpu;
    if (data)
      type.setOptions(
        data.models.map((m) => ({ value: m, label: m })),
        state.config.cpu.type,
      );
    sync(sockets, state.config.cpu.sockets);
    sync(cores, state.config.cpu.cores);
    showTotal();
    showView(ctx.status, state.views.cpu, { loading: "Loading the node's CPU models…" });
  };

  update(ctx.state);
  sf.finish(sockets);
  const fields: Record<string, Parameters<typeof form.focus>[0]> = { sockets, cores, type };
  return {
    update,
    focusField: (f) => form.focus(fields[f] ?? sockets),
    destroy: () => sf.destroy(),
  };
}
