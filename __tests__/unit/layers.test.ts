/**
 * The layering check (dependency-cruiser, .dependency-cruiser.cjs) passes on the real tree, and
 * fails, naming the rule, on a wrong-way import of each kind planted in a copy of it: static,
 * dynamic (`import()`) and type-only imports alike.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CHECKED = ['bin', 'lib', 'screens', 'services', 'widgets'];
const CONFIG = ['.dependency-cruiser.cjs'];

interface Violation {
  rule: string;
  from: string;
}

/** Runs the check as `npm run lint` does, in `dir`: its exit code and the errors it names. */
function cruise(dir: string): { code: number | null; violations: Violation[]; output: string } {
  const run = spawnSync(
    process.execPath,
    [CLI, ...CHECKED, '--config', CONFIG[0]!, '--output-type', 'err'],
    { cwd: dir, encoding: 'utf8' },
  );
  // "  error screens: screens/x.ts → lib/loaders.ts" (a cycle goes on over more lines)
  const violations = [...run.stdout.matchAll(/^\s*error ([\w-]+): (\S+) →/gm)].map((m) => ({
    rule: m[1]!,
    from: m[2]!,
  }));
  return { code: run.status, violations, output: run.stdout };
}

/** [what, file (new, or appended to), code, the rule that must name it] */
const PLANTS: [string, string, string, string][] = [
  ['pure core → blessed', 'lib/model/planted-1.ts', "import 'blessed';", 'pure-core'],
  ['pure core → axios', 'lib/wizard/planted-2.ts', "import 'axios';", 'pure-core'],
  [
    "pure core → the client (type-only; only the services' pure type modules are allowed)",
    'lib/wizard/planted-3.ts',
    "import type { ProxmoxClient } from '../../services/client/client';\nexport type A = ProxmoxClient;",
    'pure-core',
  ],
  ['pure core → widgets', 'lib/model/planted-4.ts', "import '../../widgets/form';", 'pure-core'],
  ['pure core → the app', 'lib/wizard/planted-5.ts', "import '../controller';", 'pure-core'],
  [
    'pure core → blessed, dynamic',
    'lib/model/planted-6.ts',
    "export const load = () => import('blessed');",
    'pure-core',
  ],
  ['pure core → node I/O', 'lib/model/planted-7.ts', "import 'node:fs';", 'pure-core-no-io'],
  ['widgets → lib', 'widgets/planted-8.ts', "import '../lib/wizard/steps';", 'widgets'],
  ['widgets → screens', 'widgets/planted-9.ts', "import '../screens/shell';", 'widgets'],
  ['widgets → services', 'widgets/planted-10.ts', "import '../services/errors';", 'widgets'],
  ['widgets → axios', 'widgets/planted-11.ts', "import 'axios';", 'widgets'],
  ['terminal-text → blessed', 'widgets/terminal-text.ts', "\nimport 'blessed';", 'terminal-text'],
  ['screens → services', 'screens/planted-12.ts', "import '../services/errors';", 'screens'],
  ['screens → axios', 'screens/planted-13.ts', "import 'axios';", 'screens'],
  [
    'screens → the controller (type-only)',
    'screens/planted-14.ts',
    "import type { Loader } from '../lib/controller';\nexport type L = Loader;",
    'screens',
  ],
  ['screens → the app wiring', 'screens/planted-15.ts', "import '../lib/tui/app';", 'screens'],
  [
    'screens → lib/loaders, dynamic',
    'screens/planted-16.ts',
    "export const load = () => import('../lib/loaders');",
    'screens',
  ],
  ['services → blessed', 'services/planted-17.ts', "import 'blessed';", 'services'],
  ['services → widgets', 'services/planted-18.ts', "import '../widgets/form';", 'services'],
  ['services → screens', 'services/planted-19.ts', "import '../screens/shell';", 'services'],
  ['services → lib', 'services/planted-20.ts', "import '../lib/wizard/steps';", 'services'],
  [
    'client → simulator',
    'services/client/planted-21.ts',
    "import '../simulator/state';",
    'services',
  ],
  [
    'simulator → client',
    'services/simulator/planted-22.ts',
    "import '../client/client';",
    'simulator',
  ],
  ['simulator → services', 'services/simulator/planted-23.ts', "import '../errors';", 'simulator'],
  ['lib → blessed', 'lib/planted-24.ts', "import 'blessed';", 'lib-without-terminal'],
  [
    'lib → blessed, dynamic',
    'lib/planted-25.ts',
    "export const load = () => import('blessed');",
    'lib-without-terminal',
  ],
  ['lib → axios', 'lib/planted-26.ts', "import 'axios';", 'lib-without-terminal'],
  [
    'lib → the terminal wiring',
    'lib/planted-27.ts',
    "import './tui/screen-host';",
    'lib-without-terminal',
  ],
  ['lib → screens', 'lib/planted-28.ts', "import '../screens/login';", 'lib-without-terminal'],
  ['lib → widgets', 'lib/planted-29.ts', "import '../widgets/form';", 'lib-without-terminal'],
  [
    'lib subfolder → blessed',
    'lib/loaders/planted-33.ts',
    "import 'blessed';",
    'lib-without-terminal',
  ],
  ['tui → bin', 'lib/tui/planted-30.ts', "import '../../bin/args';", 'tui'],
  ['tui → simulator', 'lib/tui/planted-31.ts', "import '../../services/simulator/server';", 'tui'],
  ['a cycle', 'lib/planted-cycle-a.ts', "import './planted-cycle-b';", 'no-circular'],
  [
    'an unresolvable import',
    'lib/planted-32.ts',
    "import './no-such-module';",
    'not-to-unresolvable',
  ],
];

describe('layers', () => {
  it('the real tree keeps them', () => {
    const { code, output } = cruise(ROOT);
    expect(output).toContain('no dependency violations found');
    expect(code).toBe(0);
  });

  describe('a wrong-way import of each kind fails, naming its rule', () => {
    let copy: string;
    let result: ReturnType<typeof cruise>;
    beforeAll(() => {
      copy = mkdtempSync(join(tmpdir(), 'pvevm-layers-'));
      try {
        for (const path of [...CHECKED, ...CONFIG, 'tsconfig.json', 'package.json'])
          cpSync(join(ROOT, path), join(copy, path), { recursive: true });
        symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
        for (const [, file, code] of PLANTS) appendFileSync(join(copy, file), `${code}\n`);
        writeFileSync(join(copy, 'lib/planted-cycle-b.ts'), "import './planted-cycle-a';\n");
        result = cruise(copy);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });

    it('the check fails', () => {
      expect(result.code).not.toBe(0);
    });

    it.each(PLANTS)('%s', (_what, file, _code, rule) => {
      expect(result.violations.filter((v) => v.from === file).map((v) => v.rule)).toContain(rule);
    });
  });
});
