/**
 * Start-up and the first key. Four programs through the same pty relay, alternately, `runs`
 * times: pvevm (spawn → first complete login frame, read through the emulator), the floor of
 * its stack (bench/floor.ts: spawn → its one bordered text box on screen) packaged as pvevm is
 * (a bundle compiled from its code cache: the target's reference), the same floor bundle
 * compiled from source (what a plain bundle costs) and `node -e 0` (spawn → exit; it draws
 * nothing). Spawn and exit are the program's own (the relay's fork and
 * reap), so the wrapper's start and exit count for none of them. Ratios are medians of the
 * ratios within each round. Then, in each pvevm run, one key is written the moment the login
 * frame is on screen and timed to the frame that shows it (a `*` in the Password field).
 */
import { PtyProgram } from '../pty';
import type { Figure } from '../report';
import { startSim } from '../sim';
import { median } from '../stats';
import { FLOOR, FLOOR_PLAIN, floorFrame, launch, loginFrame, NODE } from '../wizard';

export const STARTUP_FIGURES = [
  'startup.pvevm',
  'startup.floor',
  'startup.node',
  'startup.floor-plain',
  'startup.ratio-floor',
  'startup.ratio-floor-plain',
  'startup.ratio-node',
  'startup.floor-ratio-node',
  'first-key.echo',
  'first-key.max',
];

async function nodeRun(): Promise<number> {
  const bare = new PtyProgram([NODE, '-e', '0']);
  const spawned = await bare.spawned;
  await bare.exit;
  return bare.exitedAt - spawned;
}

async function floorRun(program: string): Promise<number> {
  const floor = new PtyProgram([NODE, program]);
  const spawned = await floor.spawned;
  const shown = await floor.waitFor(floorFrame);
  await floor.kill();
  return shown - spawned;
}

async function pvevmRun(sim: Parameters<typeof launch>[0]): Promise<[number, number]> {
  const app = launch(sim);
  const spawned = await app.spawned;
  const shown = await app.waitFor(loginFrame);
  const sent = performance.now();
  app.write('x');
  const echoed = await app.waitFor((s) => s.includes('│ *'));
  await app.kill();
  return [shown - spawned, echoed - sent];
}

export async function startUp(runs: number): Promise<Figure[]> {
  const sim = await startSim({ dataset: 'demo' });
  const app: number[] = [];
  const echo: number[] = [];
  const floor: number[] = [];
  const plain: number[] = [];
  const node: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // Each round in another order, so no program always follows the same one.
      const order = [0, 1, 2, 3].map((k) => (k + i) % 4);
      for (const which of order) {
        if (which === 0) node.push(await nodeRun());
        if (which === 1) floor.push(await floorRun(FLOOR));
        if (which === 3) plain.push(await floorRun(FLOOR_PLAIN));
        if (which === 2) {
          const [shown, echoed] = await pvevmRun(sim);
          app.push(shown);
          echo.push(echoed);
        }
      }
    }
  } finally {
    await sim.stop();
  }
  const ratios = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]!));
  const ms = (id: string, name: string, raw: number[], target?: number): Figure => ({
    id,
    name,
    value: median(raw),
    unit: 'ms',
    samples: raw.length,
    raw,
    ...(target !== undefined ? { target } : {}),
  });
  const n = runs;
  return [
    ms('startup.pvevm', `Start-up: pvevm, spawn → first login frame (median of ${n})`, app),
    ms(
      'startup.floor',
      `Start-up: bare neo-blessed form, packaged as pvevm (code cache), spawn → frame (median of ${n})`,
      floor,
    ),
    ms(
      'startup.floor-plain',
      `Start-up: bare neo-blessed form, plain bundle, spawn → frame (median of ${n})`,
      plain,
    ),
    ms('startup.node', `Start-up: node -e 0, spawn → exit (median of ${n})`, node),
    {
      id: 'startup.ratio-floor',
      name: 'Start-up: pvevm ÷ bare neo-blessed form packaged as pvevm',
      value: ratios(app, floor),
      unit: '×',
      target: 1.2,
      samples: n,
    },
    {
      id: 'startup.ratio-floor-plain',
      name: 'Start-up: pvevm ÷ bare neo-blessed form as a plain bundle',
      value: ratios(app, plain),
      unit: '×',
      samples: n,
    },
    {
      id: 'startup.ratio-node',
      name: 'Start-up: pvevm ÷ node -e 0',
      value: ratios(app, node),
      unit: '×',
      samples: n,
    },
    {
      id: 'startup.floor-ratio-node',
      name: 'Start-up: bare neo-blessed form (code cache) ÷ node -e 0',
      value: ratios(floor, node),
      unit: '×',
      samples: n,
    },
    ms(
      'first-key.echo',
      `First key echo: key at the first frame → its echo (median of ${n})`,
      echo,
      10,
    ),
    { ...ms('first-key.max', 'First key echo: slowest', echo), value: Math.max(...echo) },
  ];
}
