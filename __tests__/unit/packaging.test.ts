import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, posix } from 'node:path';

// What `npm pack` would publish: the product in dist/, README, licence, package.json. Scripts are
// skipped so packing does not rebuild dist/ under the other suites (`npm test` builds first).
// That the packed files run with nothing else installed is __tests__/e2e/packaged.test.ts.
const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
};

function packedFiles(): string[] {
  if (!existsSync(join(root, 'dist', 'bin'))) throw new Error('dist/ is missing: npm run build');
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  return (pack?.files ?? []).map((file) => file.path);
}

/** neo-blessed's terminal widget asks for these when one is created; pvevm never creates one. */
const OPTIONAL = ['term.js', 'pty.js'];

/** The modules a bundle asks Node for at run time (comments and error texts left out). */
function requiredModules(source: string): string[] {
  const code = source.replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/(?<!['\w$.])require\("([^"]+)"\)/g)].map(([, name]) => name ?? '');
}

const files = packedFiles();
/** The bundles the launchers load: the program and its chunks. */
const appBundles = files.filter((path) => /^dist\/app\/[^/]+\.js$/.test(path)).sort();

describe('npm pack', () => {
  it('carries only the built product, README, licence and manifest', () => {
    const outside = files.filter(
      (path) =>
        !path.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(path),
    );
    expect(outside).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
  });

  it('carries no tests, benchmarks, test support or fakes', () => {
    const unwanted = files.filter(
      (path) =>
        /(^|\/)(__tests__|bench|support)\//.test(path) ||
        /\.test\./.test(path) ||
        /memory-api/.test(path),
    );
    expect(unwanted).toEqual([]);
  });

  it('carries each binary it names as a launcher, the bundles with their code caches, and neo-blessed terminfo fallbacks', () => {
    const bins = Object.values(manifest.bin).map((target) => posix.normalize(target));
    expect(bins.sort()).toEqual(['dist/bin/pvevm-sim.js', 'dist/bin/pvevm.js']);
    const scripts = files.filter((path) => path.endsWith('.js') || path.endsWith('.json'));
    expect(scripts.filter((path) => path.startsWith('dist/bin/')).sort()).toEqual(bins);
    expect(
      scripts.filter((path) => !path.startsWith('dist/bin/') && path !== 'package.json'),
    ).toEqual(appBundles);
    // Every bundle a launcher compiles has its cache beside it.
    expect(files.filter((path) => path.endsWith('.cache')).sort()).toEqual(
      appBundles.map((path) => `${path}.cache`),
    );
    // On ncurses 6 systems xterm-256color is in a format neo-blessed cannot read: it falls back
    // to its own entries, next to its own file (in the bundle: dist/app/../usr).
    expect(files).toEqual(
      expect.arrayContaining(['dist/usr/xterm', 'dist/usr/xterm-256color', 'dist/usr/linux']),
    );
  });

  it('the bundles ask Node only for its own modules and for chunks packed beside them', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    for (const bundle of [...Object.values(manifest.bin), ...appBundles]) {
      const source = readFileSync(join(root, bundle), 'utf8');
      const foreign = requiredModules(source).filter(
        (name) =>
          !isBuiltin(name) &&
          !OPTIONAL.includes(name) &&
          !files.includes(posix.join(posix.dirname(bundle), name)),
      );
      expect({ bundle, foreign }).toEqual({ bundle, foreign: [] });
    }
  });

  it('bundles are ASCII and hold no dynamic import (the code cache runs them in a vm.Script)', () => {
    for (const bundle of appBundles) {
      const source = readFileSync(join(root, bundle), 'utf8');
      expect({ bundle, nonAscii: /[\u0080-\uffff]/.test(source) }).toEqual({
        bundle,
        nonAscii: false,
      });
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect({ bundle, imports: /[^\w$.]import\(/.test(code) }).toEqual({
        bundle,
        imports: false,
      });
    }
  });

  it('keeps axios, the simulator and blessed-contrib out of the program pvevm starts with', () => {
    const program = readFileSync(join(root, 'dist/app/pvevm.js'), 'utf8');
    expect(requiredModules(program)).toEqual(
      expect.arrayContaining(['./axios.js', './follow-redirects.js', './demo.js', './contrib.js']),
    );
    // blessed-contrib's widgets are in their chunk, which holds no second neo-blessed.
    expect(program).not.toContain('Gauge.prototype.setPercent');
    const contrib = readFileSync(join(root, 'dist/app/contrib.js'), 'utf8');
    expect(contrib).toContain('Gauge.prototype.setPercent');
    expect(contrib).not.toContain('Screen.prototype.render');
    expect(program).toContain('Screen.prototype.render');
    // axios's own source (its adapters) and the simulator's request handlers are not inside.
    expect(program).not.toContain('function httpAdapter');
    expect(program).not.toContain('function startSimulator');
    // axios's multipart support is left out with its MIME table (no-form-data.ts).
    for (const bundle of appBundles) {
      const source = readFileSync(join(root, bundle), 'utf8');
      expect({ bundle, mimeTable: source.includes('application/vnd.ms-excel') }).toEqual({
        bundle,
        mimeTable: false,
      });
    }
  });

  it('finds what a bundle requires, so the check above can fail', () => {
    const source = `// require("in-a-comment")\nconst a = require("axios");\nrequire("node:fs");`;
    expect(requiredModules(source)).toEqual(['axios', 'node:fs']);
  });
});
