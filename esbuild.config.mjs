/**
 * `npm run build`: each binary bundled into one file, so starting pvevm reads one module instead
 * of resolving and compiling ~200 (the product's, neo-blessed's, axios's). The TypeScript sources
 * stay the truth; tests run on them (ts-jest), the end-to-end tests and the benchmark on dist/.
 *
 * - dist/bin/pvevm.js, dist/bin/pvevm-sim.js: the product, every dependency inside (nothing to
 *   resolve from node_modules at run time). The simulator behind --demo is in pvevm.js too, but
 *   only evaluated when --demo asks for it (a dynamic import stays lazy inside the bundle).
 * - dist/usr/: neo-blessed's own terminfo entries. neo-blessed falls back to them, relative to its
 *   own file (`__dirname + '/../usr/'`), when the system has no terminfo database; in the bundle
 *   that directory is dist/bin, so they are copied next to it.
 * - dist/services/simulator/derive-schema.js, dist/bench/run.js: developer tools (`npm run
 *   derive-schema`, `npm run bench`), not packed; they load their npm dependencies as usual.
 *
 * No source maps: a crash's stack names the bundle's functions, which keep their names.
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  // The functions keep their names, for stack traces and blessed's own `type` lookups.
  keepNames: true,
};

/**
 * neo-blessed loads its widgets by name (`require('./widgets/' + file)`). esbuild bundles such a
 * require as every file the pattern can match, keyed by file name: with the extension spelled
 * out the names match the keys.
 */
const blessedWidgetsByName = {
  name: 'blessed-widgets-by-name',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]blessed[\\/]lib[\\/]widget\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const dynamic = "require('./widgets/' + file)";
      if (!source.includes(dynamic)) throw new Error(`${path}: widgets no longer loaded by name`);
      return { contents: source.replace(dynamic, "require('./widgets/' + file + '.js')") };
    });
  },
};

/** neo-blessed's terminal widget needs these only when one is created; pvevm never does. */
const OPTIONAL = ['term.js', 'pty.js'];

await Promise.all([
  build({
    ...common,
    entryPoints: { pvevm: 'bin/pvevm.ts', 'pvevm-sim': 'bin/pvevm-sim.ts' },
    outdir: 'dist/bin',
    external: OPTIONAL,
    plugins: [blessedWidgetsByName],
  }),
  build({
    ...common,
    entryPoints: ['services/simulator/derive-schema.ts'],
    outdir: 'dist/services/simulator',
    packages: 'external',
  }),
  // The bench's floor (a bare neo-blessed form) is bundled as the product is, so the start-up
  // ratio compares the same packaging.
  build({
    ...common,
    entryPoints: ['bench/floor.ts'],
    outdir: 'dist/bench',
    external: OPTIONAL,
    plugins: [blessedWidgetsByName],
  }),
  build({
    ...common,
    entryPoints: ['bench/run.ts'],
    outdir: 'dist/bench',
    packages: 'external',
  }),
]);

const blessedUsr = join(dirname(require.resolve('blessed/package.json')), 'usr');
mkdirSync('dist/usr', { recursive: true });
for (const entry of [
  'xterm',
  'xterm-256color',
  'linux',
  'windows-ansi',
  'xterm.terminfo',
  'xterm.termcap',
]) {
  cpSync(join(blessedUsr, entry), join('dist/usr', entry), { recursive: true });
}
