/**
 * The floor of this stack for `npm run bench`'s start-up figure: a bare neo-blessed form — one
 * bordered text box with a label, on a screen made with the options pvevm's screen host uses —
 * rendered once. It then waits to be stopped, like the wizard on its login screen. Nothing of
 * pvevm is imported: whatever pvevm takes beyond this program's time is pvevm's own.
 */
import blessed from 'blessed';

const screen = blessed.screen({
  terminal: 'xterm-256color',
  forceUnicode: true,
  fullUnicode: true,
  smartCSR: false,
  autoPadding: true,
  warnings: false,
  title: 'floor',
});
blessed.textbox({
  parent: screen,
  top: 2,
  left: 2,
  width: 40,
  height: 3,
  border: { type: 'line' },
  label: ' Password ',
  inputOnFocus: true,
});
screen.key(['C-q', 'C-c'], () => {
  screen.destroy();
  process.exit(0);
});
process.on('SIGTERM', () => {
  screen.destroy();
  process.exit(0);
});
screen.render();
