/** The real binary in tmux: it opens the shell with line borders and gives the terminal back. */
import { execFileSync } from 'node:child_process';
import { PVEVM_BIN, TmuxSession } from '../support/tmux';

describe('pvevm in tmux', () => {
  let tmux: TmuxSession | undefined;
  afterEach(() => tmux?.kill());

  it.each(['screen-256color', 'tmux-256color', 'xterm-256color'])(
    'opens the shell at 80×24 under TERM=%s with line borders, and Ctrl-C restores the terminal',
    async (term) => {
      tmux = TmuxSession.start({ cols: 80, rows: 24, term });
      const screen = await tmux.waitFor((s) => s.includes('Ctrl-Q quit'));
      expect(screen.split('\n')[0]).toMatch(/^ pvevm {3}Log in/);
      expect(tmux.info('alternate_on')).toBe('1');
      tmux.sendKeys('F1');
      // The whole dialog: tmux may show a frame half-drawn.
      const help = await tmux.waitFor((s) => s.includes('Previous step') && s.includes('Close'));
      // Box lines are line characters, not the letters an ACS mix-up shows (lqqk).
      expect(help).toMatch(/┌─ Keys ─+┐/);
      expect(help).toContain('│ Tab/Down  Next field');
      expect(help).not.toMatch(/lqq|qqk|mqq/);
      tmux.sendKeys('Escape', 'C-c');
      const after = await tmux.waitFor((s) => /^END$/m.test(s));
      expect(after).toContain('exit=130');
      expect(after).toMatch(/^icanon$/m);
      expect(after).toMatch(/^echo$/m);
      expect(tmux.info('alternate_on')).toBe('0');
      expect(tmux.info('cursor_flag')).toBe('1');
      expect(tmux.info('mouse_any_flag')).toBe('0');
    },
  );

  it.each([
    ['xterm', /┌─ Keys ─+┐/],
    ['linux', /\+- Keys -+\+/],
  ])('under TERM=%s the help is framed with the lines that terminal shows', async (term, frame) => {
    tmux = TmuxSession.start({ cols: 80, rows: 24, term });
    await tmux.waitFor((s) => s.includes('Ctrl-Q quit'));
    tmux.sendKeys('F1');
    expect(await tmux.waitFor((s) => s.includes('Previous step'))).toMatch(frame);
  });

  it('--version and --help print without opening the screen', () => {
    expect(execFileSync('node', [PVEVM_BIN, '--version'], { encoding: 'utf8' })).toMatch(
      /^pvevm \d+\.\d+\.\d+\n$/,
    );
    expect(execFileSync('node', [PVEVM_BIN, '--help'], { encoding: 'utf8' })).toContain(
      'Usage: pvevm',
    );
  });
});
