/**
 * The result: what was done, and what was not (serial console, HA) with the way to fix it; how
 * to reach the console; create another VM, or quit.
 */
import type { Widgets } from 'blessed';
import { serialConsoleParams } from '../lib/model/follow-ups';
import { createdPicture } from '../lib/wizard/created-picture';
import type { CreationResult, FollowUp } from '../lib/wizard/creation-stages';
import type { WizardState } from '../lib/wizard/machine';
import { BarList } from '../widgets/bar-list';
import { beforeEachFrame } from '../widgets/blessed-internals';
import { Button } from '../widgets/button';
import { Form } from '../widgets/form';
import type { Notice } from '../widgets/notice';
import { TextView, type TextLine } from '../widgets/text-view';
import { bindKeys, type BoundKey } from './screen-keys';
import type { StepContext, StepScreen } from './step-screen';

type Created = Extract<CreationResult, { kind: 'created' }>;

export interface DonePort {
  /** Configure the serial console again. */
  retrySerial(node: string, vmid: number): Promise<FollowUp>;
  /** The server address for the web console link. */
  server: string;
  createAnother(): void;
  quit(): void;
}

/** What became of "Start after created" (after the serial console, so the first boot has it). */
function startLines(r: Created): TextLine[] {
  const { state, detail } = r.stages.start;
  if (r.start !== 'skipped' && !r.start.ok) {
    return [
      {
        text: `VM ${r.vmid} was created, but it could not be started: ${r.start.message}`,
        role: 'error',
      },
      { text: `Start it on the node: qm start ${r.vmid}` },
    ];
  }
  if (state === 'done') {
    return [
      {
        text: r.startViaHa
          ? 'Start: HA was asked to start it (the hastart task ended OK); HA boots it.'
          : 'Start: started, with the serial console already set.',
      },
    ];
  }
  if (detail && detail !== 'not requested') return [{ text: `Start: ${detail}.`, role: 'warning' }];
  return [{ text: 'Start: not requested.' }];
}

/** How the serial console went, with the command that sets it by hand. */
function serialLines(r: Created, serial: Record<string, string>): TextLine[] {
  const set = Object.entries(serial);
  if (r.serial.ok)
    return [
      { text: `Serial console: configured (${set.map(([k, v]) => `${k}: ${v}`).join(', ')}).` },
    ];
  return [
    {
      text: `VM ${r.vmid} was created on ${r.node}, but the serial console could not be configured: ${r.serial.message}`,
      role: 'error',
    },
    {
      text: `Retry below, or run on the node: qm set ${r.vmid} ${set.map(([k, v]) => `--${k} ${v}`).join(' ')}`,
    },
  ];
}

export function resultLines(
  r: Created,
  server: string,
  name: string,
  serial: Record<string, string> = { serial0: 'socket', vga: 'serial0' },
): TextLine[] {
  const out: TextLine[] = [
    { text: `VM ${r.vmid}${name ? ` (${name})` : ''} was created on ${r.node}.`, role: 'success' },
    ...(r.warnings > 0
      ? [
          {
            text: `The create task logged ${r.warnings} warning${r.warnings > 1 ? 's' : ''} (see the log below).`,
            role: 'warning' as const,
          },
        ]
      : []),
    // How the create call went, when there is more to say than "created" (a lost answer).
    ...(r.stages.create.detail ? [{ text: `Create: ${r.stages.create.detail}.` }] : []),
    { text: '' },
  ];
  out.push(...serialLines(r, serial));
  if (r.ha === 'skipped') out.push({ text: 'High Availability: not requested.' });
  else if (r.ha.ok) out.push({ text: `High Availability: vm:${r.vmid} is an HA resource.` });
  else {
    out.push(
      {
        text: `VM ${r.vmid} was created, but it was not added to HA: ${r.ha.message}`,
        role: 'error',
      },
      {
        text: `Add it on a node: ha-manager add vm:${r.vmid} --state ${r.stages.start.state === 'done' ? 'started' : 'stopped'}`,
      },
    );
  }
  out.push(...startLines(r));
  const origin = server.replace(/\/+$/, '');
  out.push(
    { text: '' },
    { text: 'Console', role: 'title' },
    { text: `  on the node: qm terminal ${r.vmid}` },
    { text: '  in a browser:' },
    { text: `  ${origin}/?console=kvm&xtermjs=1&vmid=${r.vmid}&node=${r.node}` },
  );
  if (r.log.length > 0) {
    out.push({ text: '' }, { text: 'Task log', role: 'title' });
    for (const l of r.log) out.push({ text: `  ${l}`, role: 'hint' });
  }
  return out;
}

/** Created, or created with some steps after it failed. */
function showOutcome(status: Notice, result: Created): void {
  const partial =
    !result.serial.ok ||
    (result.ha !== 'skipped' && !result.ha.ok) ||
    (result.start !== 'skipped' && !result.start.ok);
  status.set(
    partial ? 'warning' : 'success',
    partial
      ? `VM ${result.vmid} was created; some steps after it failed (see above)`
      : `VM ${result.vmid} created`,
  );
}

const scrollKeys = (view: TextView): BoundKey[] => [
  { keys: ['pagedown'], label: 'PgDn', help: 'Scroll the result down', run: () => view.page(1) },
  { keys: ['pageup'], label: 'PgUp', help: 'Scroll the result up', run: () => view.page(-1) },
];

/** Retry configuring the serial console of the created VM `current()`. */
function retryButton(
  ctx: StepContext,
  port: DonePort,
  current: () => Created | undefined,
  done: (serial: Created['serial']) => void,
): Button {
  const retry: Button = new Button(ctx.screen, {
    label: 'Retry serial console',
    onPress: () => {
      const result = current();
      if (!result) return;
      retry.setDisabled(true);
      ctx.status.set('loading', 'Configuring the serial console…');
      ctx.screen.render();
      void ctx.track(port.retrySerial(result.node, result.vmid)).then(done);
    },
  });
  return retry;
}

type Side = 'top' | 'left' | 'right' | 'width' | 'height';

/** From this width of the body the picture stands beside the text, else above it. */
const BESIDE_FROM = 110;
const PICTURE_WIDTH = 46;

/** The result's text, and what the VM takes drawn beside it when there is room, else above. */
function resultView(ctx: StepContext): TextView {
  const { screen, parent, state } = ctx;
  const view = new TextView(screen, {
    parent,
    title: 'Done',
    top: 0,
    bottom: 3,
    left: 0,
    right: 0,
  });
  // Placed before the list lays out its rows (hooks run in the order they were added).
  beforeEachFrame(view.el, () => {
    const width = parent.width as number;
    const beside = width >= BESIDE_FROM;
    const place = (el: Widgets.BoxElement, at: Partial<Record<Side, number>>) => {
      for (const [side, value] of Object.entries(at) as [Side, number][])
        if ((el.position as Partial<Record<Side, unknown>>)[side] !== value) el[side] = value;
    };
    place(bars.el, {
      height: bars.height,
      width: beside ? PICTURE_WIDTH : width,
      left: beside ? width - PICTURE_WIDTH : 0,
    });
    place(view.el, { top: beside ? 0 : bars.height, right: beside ? PICTURE_WIDTH + 1 : 0 });
  });
  const bars = new BarList(screen, { parent, title: 'What it takes', top: 0, left: 0, width: 1 });
  bars.set(createdPicture(state.config, state.data));
  return view;
}

export function createDoneScreen(ctx: StepContext, port: DonePort): StepScreen {
  const { screen, parent, status } = ctx;
  let result = ctx.state.data.done;
  const view = resultView(ctx);
  const form = new Form(screen, { parent, bottom: 0, height: 3, left: 0, right: 0 });
  const name = ctx.state.config.general.name;
  const retry = retryButton(
    ctx,
    port,
    () => result,
    (serial) => {
      if (!result) return;
      result = { ...result, serial };
      show();
    },
  );
  const another = new Button(screen, {
    label: 'Create another',
    onPress: () => port.createAnother(),
  });
  const quit = new Button(screen, { label: 'Quit', onPress: () => port.quit() });
  // Retry is offered only when there is something to retry.
  form.addButtons(result && !result.serial.ok ? [retry, another, quit] : [another, quit]);

  function show() {
    if (!result) return;
    view.setTitle(`VM ${result.vmid} on ${result.node}`);
    view.setLines(
      resultLines(result, port.server, name, serialConsoleParams(ctx.state.config.system)),
    );
    retry.setDisabled(result.serial.ok);
    showOutcome(status, result);
    screen.render();
  }

  show();
  form.focus(result && !result.serial.ok ? retry : another);
  const keys = scrollKeys(view);
  const unbind = bindKeys(screen, keys);
  return {
    update: (state: WizardState) => {
      result = state.data.done ?? result;
      show();
    },
    focusField: () => undefined,
    forward: () => port.createAnother(),
    keys,
    destroy: () => {
      unbind();
      for (const child of parent.children.slice()) child.destroy();
    },
  };
}
