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

  it('carries each binary it names as one bundle, and neo-blessed terminfo fallbacks', () => {
    const bins = Object.values(manifest.bin).map((target) => posix.normalize(target));
    expect(bins.sort()).toEqual(['dist/bin/pvevm-sim.js', 'dist/bin/pvevm.js']);
    const scripts = files.filter((path) => path.endsWith('.js') || path.endsWith('.json'));
    expect(scripts.filter((path) => path.startsWith('dist/')).sort()).toEqual(bins);
    // On ncurses 6 systems xterm-256color is in a format neo-blessed cannot read: it falls back
    // to its own entries, next to its own file (in the bundle: dist/bin/../usr).
    expect(files).toEqual(
      expect.arrayContaining(['dist/usr/xterm', 'dist/usr/xterm-256color', 'dist/usr/linux']),
    );
  });

  it('the bundles ask Node only for its own modules: nothing to install beside them', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    for (const bin of Object.values(manifest.bin)) {
      const source = readFileSync(join(root, bin), 'utf8');
      const foreign = requiredModules(source).filter(
        (name) => !isBuiltin(name) && !OPTIONAL.includes(name),
      );
      expect({ bin, foreign }).toEqual({ bin, foreign: [] });
    }
  });

  it('finds what a bundle requires, so the check above can fail', () => {
    const source = `// require("in-a-comment")\nconst a = require("axios");\nrequire("node:fs");`;
    expect(requiredModules(source)).toEqual(['axios', 'node:fs']);
  });
});
