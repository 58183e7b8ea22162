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
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import Module from 'node:module';
import vm from 'node:vm';
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

/**
 * axios and its largest dependencies, one chunk each: services/client/load-axios.ts loads them
 * one per turn of the event loop after the first frame, so a key typed meanwhile waits for one.
 * Its `form-data` (multipart bodies, with a 200 KB MIME table) is replaced by
 * services/client/no-form-data.ts: pvevm sends every body as an encoded string.
 */
const AXIOS_PIECES = ['follow-redirects', 'https-proxy-agent', 'axios'];

/**
 * The program's chunks: required by path at run time (`./axios.js`, `./demo.js`, `./contrib.js`
 * next to the program) instead of bundled into it, so a start compiles only what the first frame
 * needs.
 */
const chunks = {
  name: 'chunks',
  setup(builder) {
    const chunk = (path) => (args) =>
      args.kind === 'entry-point' ? undefined : { path, external: true };
    builder.onResolve({ filter: /^form-data$/ }, () => ({
      path: join(process.cwd(), 'services/client/no-form-data.ts'),
    }));
    for (const name of AXIOS_PIECES) {
      builder.onResolve({ filter: new RegExp(`^${name}$`) }, chunk(`./${name}.js`));
    }
    builder.onResolve({ filter: /simulator[\\/]demo$/ }, chunk('./demo.js'));
    builder.onResolve({ filter: /[\\/]contrib-pieces$/ }, chunk('./contrib.js'));
    // Inside the contrib chunk, contrib's neo-blessed is the program's (widgets/contrib.ts).
    builder.onResolve({ filter: /^blessed$/ }, (args) =>
      /[\\/]blessed-contrib[\\/]/.test(args.importer)
        ? { path: 'blessed', namespace: 'shared-blessed' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'shared-blessed' }, () => ({
      contents: "module.exports = globalThis[Symbol.for('pvevm.blessed')];",
      loader: 'js',
    }));
  },
};

/** Launchers: tiny files that install the code cache (bin/code-cache.ts) and require a program. */
const launcher = { ...common, supported: { 'dynamic-import': false } };

await Promise.all([
  build({
    ...common,
    // A dynamic import would not run inside the code cache's vm.Script: every one becomes a require.
    supported: { 'dynamic-import': false },
    entryPoints: {
      pvevm: 'bin/pvevm.ts',
      demo: 'services/simulator/demo.ts',
      contrib: 'widgets/contrib-pieces.ts',
      ...Object.fromEntries(AXIOS_PIECES.map((name) => [name, name])),
    },
    outdir: 'dist/app',
    external: OPTIONAL,
    plugins: [blessedWidgetsByName, chunks],
  }),
  build({ ...launcher, entryPoints: { pvevm: 'bin/launch-pvevm.ts' }, outdir: 'dist/bin' }),
  build({
    ...common,
    entryPoints: { 'pvevm-sim': 'bin/pvevm-sim.ts' },
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
  // The bench's floor (a bare neo-blessed form) is packaged as the product is: a bundle with its
  // code cache behind a launcher, so the start-up ratio compares the same packaging.
  build({
    ...common,
    supported: { 'dynamic-import': false },
    entryPoints: ['bench/floor.ts'],
    outdir: 'dist/floor',
    external: OPTIONAL,
    plugins: [blessedWidgetsByName],
  }),
  build({ ...launcher, entryPoints: { floor: 'bench/launch-floor.ts' }, outdir: 'dist/bench' }),
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

/**
 * Each bundle a launcher loads (bin/code-cache.ts), made ASCII, then given V8's code cache of its
 * compiled source, made by this Node.
 * - ASCII: esbuild escapes strings but leaves non-ASCII in regular expressions and comments
 *   (yup's word splitter, neo-blessed's terminfo notes); one such character makes Node decode
 *   the whole file as UTF-8 and V8 keep it as a two-byte string, which costs a start ~4 ms. A
 *   `\uXXXX` escape means the same in a regular expression, a comment or an identifier.
 * - Cache: for what a start loads it is written again below, by a warm-up start of the launcher
 *   itself (the functions a start runs are compiled by then, and cached with the rest); the
 *   others (the demo simulator) keep this one.
 */
for (const dir of ['dist/app', 'dist/floor']) {
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.js'))) {
    const file = join(dir, name);
    const source = readFileSync(file, 'utf8');
    if (/\\[\u0080-\uffff]/.test(source))
      throw new Error(`${file}: an escaped non-ASCII character`);
    const ascii = source.replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    if (ascii !== source) writeFileSync(file, ascii);
    const script = new vm.Script(Module.wrap(ascii), { filename: file });
    writeFileSync(`${file}.cache`, script.createCachedData());
  }
}
/** Typing into the password field, deleting, and moving the focus forward and back. */
const WARM_UP_KEYS = 'xy\x7f\t\x1b[Z';
const warmConfig = mkdtempSync(join(tmpdir(), 'pvevm-build-'));
for (const argv of [
  // A server that refuses: the login screen's first request runs, and fails at once.
  ['dist/bin/pvevm.js', '--server', 'https://127.0.0.1:1', '--user', 'root@pam'],
  ['dist/bench/floor.js'],
]) {
  // stdin stays open (a closed one reads as a terminal gone) until the launcher exits by itself.
  const child = spawn(process.execPath, argv, {
    env: { ...process.env, PVEVM_WARM_CODE_CACHE: '1', XDG_CONFIG_HOME: warmConfig },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // Keys typed once the login screen is up, so the code a first key runs is cached too.
  const keys = setTimeout(() => child.stdin.write(WARM_UP_KEYS), 700);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(keys);
  if (!stderr.includes('code cache:')) throw new Error(`warm-up of ${argv[0]}: ${stderr}`);
}
rmSync(warmConfig, { recursive: true, force: true });
