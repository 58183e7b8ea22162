import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

// What `npm pack` would publish: the product in dist/, README, licence, package.json. Scripts are
// skipped so packing does not rebuild dist/ under the other suites (`npm test` builds first).
const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
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

  it('carries the binaries it names and the simulator behind --demo with its schema', () => {
    for (const target of Object.values(manifest.bin)) {
      expect(files).toContain(posix.normalize(target));
    }
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/bin/pvevm.js',
        'dist/services/simulator/server.js',
        'dist/services/simulator/api-schema.json',
      ]),
    );
  });

  it('every relative require in a packed module resolves to a packed file', () => {
    const packed = new Set(files);
    const missing: string[] = [];
    for (const path of files.filter((file) => file.endsWith('.js'))) {
      const source = readFileSync(join(root, path), 'utf8');
      for (const [, target] of source.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
        const base = posix.join(dirname(path), target ?? '');
        if (![base, `${base}.js`, `${base}/index.js`].some((file) => packed.has(file))) {
          missing.push(`${path} → ${target}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
