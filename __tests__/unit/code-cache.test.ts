/**
 * The launchers compile each bundle from the V8 code cache the build wrote (bin/code-cache.ts).
 * A cache V8 accepts is the whole point; one it rejects must still run the program.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileBundle } from '../../bin/code-cache';

const dist = join(__dirname, '..', '..', 'dist');
if (!existsSync(join(dist, 'app'))) throw new Error('dist/ is missing: npm run build');

const bundles = [
  ...readdirSync(join(dist, 'app'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(dist, 'app', name)),
  join(dist, 'floor', 'floor.js'),
];

describe('code cache', () => {
  // In a fresh Node: V8 rejects a cache made under other flags, and tests in this worker may
  // have changed one (the login sets the young generation's growth, lib/young-generation.ts).
  it.each(bundles)('the build cache of %s is accepted by a fresh Node', (bundle) => {
    const check = `
      const { readFileSync } = require('node:fs');
      const Module = require('node:module');
      const vm = require('node:vm');
      const file = process.argv[1];
      const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
        filename: file,
        cachedData: readFileSync(file + '.cache'),
      });
      process.stdout.write(String(script.cachedDataRejected));`;
    const out = execFileSync(process.execPath, ['-e', check, bundle], { encoding: 'utf8' });
    expect(out).toBe('false');
  });

  it('a bundle without a usable cache still runs (compiled from source)', () => {
    const root = mkdtempSync(join(tmpdir(), 'pvevm-cache-'));
    const copy = join(root, 'dist');
    cpSync(join(dist, '..', 'package.json'), join(root, 'package.json'));
    cpSync(join(dist, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(dist, 'app'), join(copy, 'app'), { recursive: true });
    writeFileSync(join(copy, 'app', 'pvevm.js.cache'), 'not a code cache');
    const out = execFileSync(process.execPath, [join(copy, 'bin', 'pvevm.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/^pvevm \d+\.\d+\.\d+/);
  });

  it('the cache of another source is rejected, so a stale cache cannot run old code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvevm-cache-'));
    const file = join(dir, 'bundle.js');
    writeFileSync(file, 'module.exports = 1;');
    writeFileSync(`${file}.cache`, compileBundle(file).script.createCachedData());
    writeFileSync(file, 'module.exports = 22 + 20;');
    const { script, run } = compileBundle(file);
    expect(script.cachedDataRejected).toBe(true);
    const module = { exports: {} } as NodeJS.Module;
    run(module);
    expect(module.exports).toBe(42);
  });
});
