/**
 * The young generation cap (lib/young-generation.ts) takes effect when set from inside a running
 * program, unlike `--max-semi-space-size`: a child Node churns through short-lived objects, some
 * kept (as parsing a long answer does), and reports the new space's committed size, a V8 figure
 * that does not depend on timing.
 */
import { execFileSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { keepYoungGenerationSmall, YOUNG_GENERATION_FLAG } from '../../lib/young-generation';

jest.mock('node:v8', () => ({ ...jest.requireActual('node:v8'), setFlagsFromString: jest.fn() }));

const MiB = 1024 * 1024;

/** The new space's size after the churn, in a fresh Node that first runs `setup`. */
function newSpaceAfterChurn(setup: string): number {
  const script = `
    const v8 = require('node:v8');
    ${setup}
    const kept = [];
    for (let i = 0; i < 2e6; i++) {
      const o = { volid: 'local:iso/image-' + i + '.iso', size: i };
      if (i % 50 === 0) kept.push(o);
    }
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    globalThis.kept = kept;
    process.stdout.write(String(space.space_size));
  `;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

it('without the flag the new space grows past its initial 2 MiB (the control)', () => {
  expect(newSpaceAfterChurn('')).toBeGreaterThan(4 * MiB);
});

it('with the flag set from inside the program it stays at its initial size', () => {
  const setup = `v8.setFlagsFromString(${JSON.stringify(YOUNG_GENERATION_FLAG)});`;
  expect(newSpaceAfterChurn(setup)).toBeLessThanOrEqual(2 * MiB);
});

it('keepYoungGenerationSmall sets exactly that flag', () => {
  keepYoungGenerationSmall();
  expect(setFlagsFromString).toHaveBeenCalledWith(YOUNG_GENERATION_FLAG);
});
