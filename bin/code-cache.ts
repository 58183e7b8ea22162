/**
 * Start-up without compiling: each bundle in dist/app/ ships with V8's code cache for it
 * (`<bundle>.cache`, written by `npm run build` with the same Node). Compiling the 1.3 MB program
 * costs a small machine ~40 ms before the first frame; reading the cache a fraction of that.
 *
 * The launcher (bin/launch-pvevm.ts) calls `installCodeCache` for the app directory and requires
 * the program; the program's own chunks (axios, the demo simulator) are required later and go
 * through the same hook. A cache V8 rejects (another Node version, an edited bundle) only costs
 * the compile: V8 then compiles the source as if no cache were given.
 */
import Module from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import vm from 'node:vm';

type Loader = (module: Module, filename: string) => void;
interface ModuleInternals {
  _extensions: Record<string, Loader>;
  _compile(content: string, filename: string): unknown;
}

/** The code cache of `file`, or none. */
function cacheOf(file: string): Buffer | undefined {
  try {
    return readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
}

/**
 * The bundle compiled as Node compiles a CommonJS file (the same wrapper, so the build's cache
 * fits), from its cache when there is one.
 */
export function compileBundle(file: string): { script: vm.Script; run: (module: Module) => void } {
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData: cacheOf(file),
  });
  const run = (module: Module): void => {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    const require = Module.createRequire(file);
    wrapper.call(module.exports, module.exports, require, module, file, dirname(file));
  };
  return { script, run };
}

/** The bundles compiled in this process, for `writeCodeCaches`. */
const compiled = new Map<string, vm.Script>();

/** Every `.js` file directly in `dir` is compiled with its cache; others as Node does. */
export function installCodeCache(dir: string): void {
  const extensions = (Module as unknown as ModuleInternals)._extensions;
  const plain = extensions['.js']!;
  extensions['.js'] = (module, filename) => {
    if (dirname(filename) !== dir) return plain(module, filename);
    const bundle = compileBundle(filename);
    compiled.set(filename, bundle.script);
    bundle.run(module);
  };
}

/**
 * Write the cache of every bundle compiled so far, with the functions that ran so far (V8
 * compiles a function when it first runs): `npm run build` starts the program once and calls
 * this after its first frame, so a start finds compiled what a start runs.
 */
export function writeCodeCaches(): string[] {
  for (const [file, script] of compiled) writeFileSync(`${file}.cache`, script.createCachedData());
  return [...compiled.keys()];
}

/** How long the build's warm-up run lets the program start and reach its server. */
const WARM_UP_MS = 1500;

/**
 * `npm run build` starts the launcher once with PVEVM_WARM_CODE_CACHE=1 (and a server that
 * refuses): the caches are written after the first frame and the failed connection, then the
 * process ends. Nothing happens without the variable.
 */
export function warmCodeCache(): void {
  if (process.env.PVEVM_WARM_CODE_CACHE !== '1') return;
  // The build's pipe has no size; the program draws 80×24 as on a terminal.
  Object.assign(process.stdout, { columns: 80, rows: 24 });
  setTimeout(() => {
    const written = writeCodeCaches();
    process.stderr.write(`code cache: ${written.length} bundles\n`);
    process.exit(0);
  }, WARM_UP_MS);
}
