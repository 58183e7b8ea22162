/**
 * Each step's "Advanced" checkbox, remembered across runs in a small state file of its own
 * (`$XDG_STATE_HOME/pvevm/state.json`, 0600) rather than in the config file: the config file is
 * the user's, hand-written and possibly holding a token secret, and rewriting it would lose its
 * layout and race the user's own edits. Other keys of the state file are kept; the file is
 * replaced whole (written beside it, then renamed), so a crash never leaves half of it. A state
 * file that cannot be read or written only means the checkboxes start off.
 */
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readSmallFile } from './bounded-read';
import { isObject } from './model/json';

/** The shape of screens/step-screen.ts's `AdvancedChoice` (lib may not import screens). */
export interface AdvancedChoice {
  isOn(step: string): boolean;
  set(step: string, on: boolean): void;
}

export function defaultStatePath(env: Record<string, string | undefined>): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'pvevm', 'state.json');
}

type StateFile = Record<string, unknown> & { advanced?: Record<string, boolean> };

function readState(path: string): StateFile {
  try {
    const parsed: unknown = JSON.parse(readSmallFile(path));
    return isObject(parsed) ? (parsed as StateFile) : {};
  } catch {
    return {};
  }
}

function advancedOf(state: StateFile): Record<string, boolean> {
  const a = state.advanced;
  if (a === null || typeof a !== 'object' || Array.isArray(a)) return {};
  return Object.fromEntries(Object.entries(a).filter(([, v]) => typeof v === 'boolean'));
}

/** The checkboxes kept in memory only (tests, a run without a home). */
export function memoryAdvancedChoice(initial: Record<string, boolean> = {}): AdvancedChoice {
  const on = { ...initial };
  return { isOn: (step) => on[step] === true, set: (step, value) => void (on[step] = value) };
}

/** The checkboxes kept in the state file at `path`. */
export function fileAdvancedChoice(path: string): AdvancedChoice {
  const mem = memoryAdvancedChoice(advancedOf(readState(path)));
  return {
    isOn: mem.isOn,
    set(step, value) {
      mem.set(step, value);
      // Read again: another pvevm may have written meanwhile; its other keys are kept.
      const state = readState(path);
      const next = { ...state, advanced: { ...advancedOf(state), [step]: value } };
      const temp = `${path}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        writeFileSync(temp, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
        chmodSync(temp, 0o600);
        renameSync(temp, path);
      } catch {
        // Remembering is a convenience: the checkbox still works for this run.
      }
    },
  };
}
