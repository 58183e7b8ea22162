import { interruptedCreateNotice } from '../../lib/interrupted-create';
import { signalExitCode } from '../../bin/lifecycle';

describe('the notice for an exit while a VM is being created', () => {
  it('names the VM and node, says the task continues, and how to check it', () => {
    expect(interruptedCreateNotice({ vmid: '123', node: 'pve2' })).toBe(
      'pvevm: stopped while VM 123 was being created on pve2.\n' +
        'The create task continues on the server; pvevm did not stop or undo it.\n' +
        "Check it on pve2 with: qm status 123 (or the node's Task History in the web UI).\n",
    );
  });

  it('shows a node name from the server as text, never as terminal controls', () => {
    expect(interruptedCreateNotice({ vmid: '1', node: 'pve\x1b[2J' })).not.toContain('\x1b');
  });
});

describe('signal exit codes', () => {
  it.each([
    ['SIGHUP', 129],
    ['SIGINT', 130],
    ['SIGQUIT', 131],
    ['SIGABRT', 134],
    ['SIGUSR2', 140],
    ['SIGTERM', 143],
  ] as const)('%s ends with %i', (signal, code) => {
    expect(signalExitCode(signal)).toBe(code);
  });
});
