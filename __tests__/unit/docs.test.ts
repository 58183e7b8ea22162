import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The README and docs/ read in a terminal or a narrow pane, and their links lead somewhere.
const root = join(__dirname, '..', '..');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const MAX = 100;

const text = (page: string) => readFileSync(join(root, page), 'utf8');

/** `file:line (n characters)` for every line longer than MAX, counted in characters. */
function longLines(page: string): string[] {
  return text(page)
    .split('\n')
    .map((line, i) => ({ line: i + 1, length: [...line].length }))
    .filter(({ length }) => length > MAX)
    .map(({ line, length }) => `${page}:${line} (${length} characters)`);
}

/** Link targets that are neither web addresses nor anchors in the same page. */
function relativeLinks(page: string): string[] {
  return [...text(page).matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target]) => target ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'));
}

describe('README and docs', () => {
  it('include the reference pages the README links to', () => {
    expect(pages).toEqual(
      expect.arrayContaining([
        'docs/configuration.md',
        'docs/specs.md',
        'docs/simulator.md',
        'docs/benchmarks.md',
        'docs/troubleshooting.md',
        'docs/security.md',
        'docs/architecture.md',
      ]),
    );
  });

  it.each(pages)('%s has no line over 100 characters', (page) => {
    expect(longLines(page)).toEqual([]);
  });

  it.each(pages)('every relative link in %s names a file that exists', (page) => {
    const broken = relativeLinks(page).filter((target) => {
      const file = join(root, dirname(page), target.split('#')[0]!);
      return !existsSync(file);
    });
    expect(broken.map((target) => `${page} → ${target}`)).toEqual([]);
  });

  it('the README links to every page in docs/', () => {
    const linked = new Set(relativeLinks('README.md').map((target) => target.split('#')[0]));
    const unlinked = pages.filter((page) => page.startsWith('docs/') && !linked.has(page));
    expect(unlinked).toEqual([]);
  });
});
