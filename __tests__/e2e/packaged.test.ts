/**
 * What a user installs runs: `npm pack`'s tarball, unpacked where no node_modules can be found,
 * starts (version, help), draws the wizard, and logs in to the demo cluster — neo-blessed, its
 * widgets and terminfo, axios and the simulator all come from the bundle.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmuxSession } from '../support/tmux';

const root = join(__dirname, '..', '..');

function unpackedPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pvevm-packed-'));
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {
    cwd: root,
    stdio: 'ignore',
  });
  const [tarball] = readdirSync(dir).filter((name) => name.endsWith('.tgz'));
  execFileSync('tar', ['-xzf', join(dir, tarball!), '-C', dir]);
  return join(dir, 'package');
}

describe('the packed package', () => {
  const pkg = unpackedPackage();
  const node = (bin: string, ...args: string[]) =>
    execFileSync('node', [join(pkg, 'dist', 'bin', bin), ...args], {
      cwd: pkg,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: '' },
    });
  let tmux: TmuxSession | undefined;
  afterEach(() => tmux?.kill());

  it('has nothing installed beside it', () => {
    expect(readdirSync(pkg).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
  });

  it('answers --version and --help for both binaries', () => {
    expect(node('pvevm.js', '--version')).toMatch(/^pvevm \d+\.\d+\.\d+/);
    expect(node('pvevm.js', '--help')).toContain('--demo');
    expect(node('pvevm-sim.js', '--help')).toContain('Usage: pvevm-sim');
  });

  it('runs the wizard in a terminal and logs in to the demo cluster', async () => {
    tmux = TmuxSession.start({
      bin: join(pkg, 'dist', 'bin', 'pvevm.js'),
      args: ['--demo'],
      env: { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'pvevm-xdg-')) },
    });
    const first = await tmux.waitFor((s) => s.includes('(pve)') && s.includes('Ctrl-Q quit'));
    expect(first).toMatch(/┌─ Password ─+┐/);
    tmux.type('demo-pass');
    tmux.sendKeys('Enter');
    await tmux.waitFor((s) => s.includes('General › OS › System') && /VM ID/.test(s));
  });
});
