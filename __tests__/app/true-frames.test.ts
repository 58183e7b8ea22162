/**
 * What the terminal shows right after a key, with no render of the test's own: opening any list
 * and scrolling any form must leave the rest of the frame (header, fields, status, footer) drawn.
 */
import type { Widgets } from 'blessed';
import { startSimulator, type Simulator } from '../../services/simulator/server';
import { FORM_STEPS, type FormStep } from '../../lib/wizard/steps';
import { loginApp, logInAsRoot } from '../support/login-app';

let sim: Simulator;
let t: ReturnType<typeof loginApp>;
beforeAll(async () => {
  sim = await startSimulator({ authDelayMs: 0 });
});
afterAll(() => sim.close());
afterEach(() => t?.h.destroy());

const SIZES = [
  [80, 24],
  [100, 30],
] as const;

async function reach(step: FormStep | 'login', cols: number, rows: number): Promise<void> {
  t = loginApp(sim, { cols, rows, generalCheckDelayMs: 0 });
  if (step === 'login') return t.h.settle();
  await logInAsRoot(t);
  for (const s of FORM_STEPS.slice(0, FORM_STEPS.indexOf(step))) {
    expect(t.app.controller.state.step).toBe(s);
    await t.h.press('C-n');
  }
  expect(t.app.controller.state.step).toBe(step);
}

interface Rect {
  xi: number;
  xl: number;
  yi: number;
  yl: number;
}

const focusedRect = (): Rect | undefined =>
  (t.h.screen.focused as Widgets.BoxElement | undefined)?.lpos as Rect | undefined;

/** The focused widget is an enabled select: its value row ends with the open glyph. */
function focusedIsSelect(): boolean {
  const at = focusedRect();
  if (!at || at.yl - at.yi !== 3) return false;
  return /▾ │$/.test(t.h.lines()[at.yi + 1]!.slice(at.xi, at.xl));
}

/** Cells (as text) outside `rect`, row by row. */
function outside(lines: string[], rect: Rect): string[] {
  return lines.map((line, y) =>
    y >= rect.yi && y < rect.yl ? line.slice(0, rect.xi) + '·' + line.slice(rect.xl) : line,
  );
}

/** Visit every focus stop of the step once (Tab until the first comes round again). */
async function eachStop(visit: (n: number) => Promise<void>): Promise<number> {
  const first = t.h.screen.focused;
  let n = 0;
  do {
    await visit(n++);
    await t.h.press('tab');
  } while (t.h.screen.focused !== first && n < 80);
  expect(n).toBeLessThan(80);
  return n;
}

describe('opening a list keeps the rest of the frame', () => {
  for (const [cols, rows] of SIZES) {
    it(`on every step, every list, at ${cols}x${rows}`, async () => {
      const lists: string[] = [];
      for (const step of ['login', ...FORM_STEPS] as const) {
        await reach(step, cols, rows);
        await eachStop(async () => {
          if (!focusedIsSelect()) return;
          const before = t.h.lines();
          await t.h.press('space');
          const list = t.h.screen.children.at(-1) as Widgets.BoxElement;
          const rect = list.lpos as Rect;
          const where = `${step}, list at row ${rect.yi}`;
          expect({ where, frame: outside(t.h.lines(), rect) }).toEqual({
            where,
            frame: outside(before, rect),
          });
          // The list stays in the body: header, status line and footer show while it is open.
          expect({ where, top: rect.yi >= 2, bottom: rect.yl <= rows - 2 }).toEqual({
            where,
            top: true,
            bottom: true,
          });
          const label = t.h.lines()[rect.yi]!.slice(rect.xi, rect.xl);
          await t.h.press('escape');
          expect({ where, frame: t.h.lines() }).toEqual({ where, frame: before });
          lists.push(`${step}: ${label.trim()}`);
        });
        t.h.destroy();
      }
      // Login and every step but Confirm have lists; most have several.
      expect(lists).toMatchSnapshot(`lists-${cols}x${rows}`);
    });
  }
});

describe('a scrolling form keeps the header and footer', () => {
  for (const [cols, rows] of SIZES) {
    it(`Tab and Shift-Tab through every step at ${cols}x${rows}`, async () => {
      for (const step of FORM_STEPS) {
        await reach(step, cols, rows);
        const header = t.h.lines()[0]!;
        const footer = t.h.lines()[rows - 1]!;
        expect(header).toContain('pvevm');
        expect(footer.trim()).not.toBe('');
        const check = (key: string) => {
          const lines = t.h.lines();
          expect({ step, key, header: lines[0] }).toEqual({ step, key, header });
          expect({ step, key, footer: lines[rows - 1] }).toEqual({ step, key, footer });
        };
        const stops = await eachStop(async () => check('tab'));
        check('tab');
        for (let i = 0; i < stops; i++) {
          await t.h.press('S-tab');
          check('S-tab');
        }
        t.h.destroy();
      }
    });
  }
});
