import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { readSmallFile, SmallFileError } from '../../lib/bounded-read';
import { readConfigFile, SettingsError } from '../../lib/config-file';
import { readSpecFile, SpecFileError } from '../../lib/spec-file';
import { initialAnswers } from '../../lib/initial-config';

const dir = () => mkdtempSync(join(tmpdir(), 'pvevm-read-'));

function problem(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    if (err instanceof SmallFileError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('reading a small file', () => {
  it('reads a regular file up to the limit', () => {
    const path = join(dir(), 'a.json');
    writeFileSync(path, 'x'.repeat(1024));
    expect(readSmallFile(path, 1024)).toBe('x'.repeat(1024));
  });

  it('refuses a larger file', () => {
    const path = join(dir(), 'big.json');
    writeFileSync(path, 'x'.repeat(1025));
    expect(problem(() => readSmallFile(path, 1024))).toBe('larger than 1 KiB');
  });

  it.each([
    ['/dev/zero', 'a character device'],
    ['/dev/null', 'a character device'],
  ])('refuses %s at once, without reading it', (path, what) => {
    const started = Date.now();
    expect(problem(() => readSmallFile(path, 1024))).toBe(`not a regular file (${what})`);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a folder and a named pipe (without waiting for a writer)', () => {
    const d = dir();
    expect(problem(() => readSmallFile(d, 1024))).toBe('not a regular file (a folder)');
    const fifo = join(d, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(problem(() => readSmallFile(fifo, 1024))).toBe('not a regular file (a named pipe)');
  });

  it('follows a link to a regular file; a missing file is said plainly', () => {
    const d = dir();
    writeFileSync(join(d, 'real.json'), '{}');
    symlinkSync(join(d, 'real.json'), join(d, 'link.json'));
    expect(readSmallFile(join(d, 'link.json'), 1024)).toBe('{}');
    expect(problem(() => readSmallFile(join(d, 'none.json'), 1024))).toBe('no such file');
  });
});

describe('config and spec files are read bounded', () => {
  it('--config /dev/zero fails at once with a clear message', () => {
    const started = Date.now();
    expect(() => readConfigFile('/dev/zero', true)).toThrow(
      new SettingsError('Config file /dev/zero: not a regular file (a character device)'),
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('an oversized config file is refused', () => {
    const path = join(dir(), 'config.json');
    writeFileSync(path, `{"server": "${'x'.repeat(1024 * 1024)}"}`);
    expect(() => readConfigFile(path, true)).toThrow(
      new SettingsError(`Config file ${path}: larger than 1 MiB`),
    );
  });

  it('--spec /dev/zero and an oversized spec are refused', () => {
    const started = Date.now();
    expect(() => readSpecFile('/dev/zero', initialAnswers({ defaults: {} }))).toThrow(
      new SpecFileError('/dev/zero: not a regular file (a character device)'),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    const path = join(dir(), 'spec.json');
    writeFileSync(path, `{"version": 1, "x": "${'x'.repeat(1024 * 1024)}"}`);
    expect(() => readSpecFile(path, initialAnswers({ defaults: {} }))).toThrow(
      new SpecFileError(`${path}: larger than 1 MiB`),
    );
  });
});
