/** The Memory step: memory, minimum memory (follows memory until edited), ballooning, KSM. */
import { minMemoryApplies } from '../lib/model/availability';
import { MEMORY_MAX_MIB, MEMORY_MIN_MIB } from '../lib/model/rules';
import type { WizardState } from '../lib/wizard/machine';
import { NumberField } from '../widgets/text-field';
import { ToggleField } from '../widgets/toggle-field';
import { createStepForm, sync } from './step-form';
import type { StepContext, StepScreen } from './step-screen';
import { showView } from './view-status';

const KSM_HINT = 'unchecked: allow-ksm=0';

export function createMemoryScreen(ctx: StepContext): StepScreen {
  const { screen } = ctx;
  const sf = createStepForm(ctx, 'memory');
  const { form } = sf;
  const m = sf.config().memory;
  const memory = form.add(
    new NumberField(screen, {
      label: 'Memory (MiB)',
      noun: 'Memory',
      min: MEMORY_MIN_MIB,
      max: MEMORY_MAX_MIB,
      value: m.memory,
      onChange: (v) => sf.change('memory', { memory: v }),
    }),
  );
  const minimum = form.add(
    new NumberField(screen, {
      label: 'Minimum memory (MiB)',
      noun: 'Minimum memory',
      min: 0,
      value: m.minMemory,
      hint: 'follows Memory until you change it',
      onChange: (v) => sf.change('memory', { minMemory: v }),
    }),
  );
  form.add(
    new ToggleField(screen, {
      label: 'Ballooning Device',
      value: m.ballooning,
      hint: 'unchecked: balloon=0',
      onChange: (v) => {
        sf.change('memory', { ballooning: v });
        minimum.setDisabled(!minMemoryApplies(sf.config().memory));
      },
    }),
  );
  const ksm = form.add(
    new ToggleField(screen, {
      label: 'Allow KSM',
      value: m.allowKsm,
      hint: KSM_HINT,
      onChange: (v) => sf.change('memory', { allowKsm: v }),
    }),
  );

  const update = (state: WizardState) => {
    sf.adopt(state, { memory, minMemory: minimum });
    const c = state.config.memory;
    sync(minimum, c.minMemory);
    sync(memory, c.memory);
    minimum.setDisabled(!minMemoryApplies(c));
    minimum.setHint(c.minMemoryEdited ? '' : 'follows Memory until you change it');
    const data = state.data.memory;
    ksm.setDisabled(data !== undefined && !data.allowKsmSupported);
    ksm.setHint(
      data && !data.allowKsmSupported ? `needs Proxmox VE 9.1 (server: ${data.release})` : KSM_HINT,
    );
    showView(ctx.status, state.views.memory, { loading: 'Checking what the server supports…' });
  };

  update(ctx.state);
  sf.finish(memory);
  const fields: Record<string, Parameters<typeof form.focus>[0]> = { memory, minMemory: minimum };
  return {
    update,
    focusField: (f) => form.focus(fields[f] ?? memory),
    destroy: () => sf.destroy(),
  };
}
