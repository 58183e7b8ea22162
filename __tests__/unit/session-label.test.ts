import { sessionLabel, sessionLabels } from '../../screens/session-label';
import { cutMiddle, displayWidth } from '../../widgets/text';

describe('who is logged in where, shortened for the header', () => {
  it.each([
    // The scheme is always https, and the port says little (8006, or a proxy's 443).
    [
      'root@pam',
      'https://pve1.example.com:8006',
      ['root@pam on pve1.example.com', 'root@pam on pve1'],
    ],
    ['root@pam', 'pve1.example.com', ['root@pam on pve1.example.com', 'root@pam on pve1']],
    [
      'root@pam',
      'https://pve1.example.com:443/',
      ['root@pam on pve1.example.com', 'root@pam on pve1'],
    ],
    // An IP address is never cut to a label.
    ['root@pam', 'https://10.20.30.40:8006', ['root@pam on 10.20.30.40']],
    ['root@pam', '127.0.0.1:48116', ['root@pam on 127.0.0.1']],
    ['alice@ldap', '[2001:db8::1]:8006', ['alice@ldap on 2001:db8::1']],
    ['alice@ldap', '2001:db8::1', ['alice@ldap on 2001:db8::1']],
    ['root@pam', 'pve', ['root@pam on pve']],
  ])('%s on %s', (user, server, labels) => {
    expect(sessionLabels(user, server)).toEqual(labels);
  });

  it('the first label that fits is taken', () => {
    const server = 'https://pve-cluster-frankfurt-01.example.com:8006';
    expect(sessionLabel('root@pam', server, 80)).toBe(
      'root@pam on pve-cluster-frankfurt-01.example.com',
    );
    expect(sessionLabel('root@pam', server, 40)).toBe('root@pam on pve-cluster-frankfurt-01');
    expect(sessionLabel('root@pam', server, 30)).toBe('root@pam on pve-clust…kfurt-01');
  });

  it('then the host is cut in the middle, and the user name keeping its realm; IPs stay whole', () => {
    const label = sessionLabel('a-very-long-service-account@company-ldap', '192.168.100.200', 40);
    expect(label).toBe('a-very-…@company-ldap on 192.168.100.200');
    expect(displayWidth(label)).toBeLessThanOrEqual(40);
    expect(label.endsWith('192.168.100.200')).toBe(true);
    const host = sessionLabel(
      'root@pam',
      'node-with-a-really-long-first-label-name.example.com',
      30,
    );
    expect(host).toBe('root@pam on node-with…bel-name');
    expect(displayWidth(host)).toBeLessThanOrEqual(30);
  });

  it('a token keeps its realm and token name', () => {
    expect(sessionLabel('automation-user@pve!ci', 'pve1.example.com', 30)).toBe(
      'automation-user@pve!ci on pve1',
    );
    expect(sessionLabel('automation-user@pve!ci', 'pve1.example.com', 25)).toBe(
      'automatio…@pve!ci on pve1',
    );
  });

  it('never wider than asked, even for names that leave nothing to keep', () => {
    for (const width of [0, 1, 5, 12, 20]) {
      const label = sessionLabel('x'.repeat(50) + '@' + 'r'.repeat(50), 'h'.repeat(80), width);
      expect(displayWidth(label)).toBeLessThanOrEqual(width);
    }
  });

  it('cuts with the ASCII ellipsis where lines are ASCII', () => {
    expect(sessionLabel('root@pam', 'pve-cluster-frankfurt-01.example.com', 30, '~')).toBe(
      'root@pam on pve-clust~kfurt-01',
    );
  });

  it('wide characters are measured in cells', () => {
    const label = sessionLabel('管理者管理者管理者@pve', 'pve1', 20);
    expect(displayWidth(label)).toBeLessThanOrEqual(20);
    expect(label).toBe('管理者…@pve on pve1');
  });
});

describe('cutMiddle', () => {
  it.each([
    ['abcdefghij', 10, 'abcdefghij'],
    ['abcdefghij', 7, 'abc…hij'],
    ['abcdefghij', 6, 'abc…ij'],
    ['abcdefghij', 1, '…'],
    ['abcdefghij', 0, ''],
  ])('%s in %i cells', (text, width, out) => {
    expect(cutMiddle(text, width)).toBe(out);
  });
});
