import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownServers } from '../../lib/known-servers';
import {
  defaultConfigPath,
  forgetSecretEnv,
  resolveSettings,
  SettingsError,
} from '../../lib/settings';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'pvevm-settings-'));
}

function withConfig(content: unknown): string {
  const path = join(dir(), 'config.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('settings', () => {
  it('finds the config file under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(defaultConfigPath({ XDG_CONFIG_HOME: '/x' })).toBe('/x/pvevm/config.json');
    expect(defaultConfigPath({ HOME: '/home/a' })).toBe('/home/a/.config/pvevm/config.json');
  });

  it('flags beat environment beat the config file', () => {
    const config = withConfig({
      server: 'file',
      user: 'fileuser',
      realm: 'pve',
      defaults: { bridge: 'vmbr1' },
    });
    const env = { PVEVM_SERVER: 'env', PVEVM_USER: 'envuser' };
    expect(resolveSettings({ config, server: 'flag' }, env)).toMatchObject({
      server: 'flag',
      user: 'envuser',
      realm: 'pve',
      defaults: { bridge: 'vmbr1' },
    });
    expect(resolveSettings({ config }, {})).toMatchObject({ server: 'file', user: 'fileuser' });
  });

  it('takes a token secret from a config file only its owner can read; refuses one others can', () => {
    const path = withConfig({ token: 'root@pam!ci', tokenSecret: 'from-file' });
    chmodSync(path, 0o600);
    expect(resolveSettings({ config: path }, {}).tokenSecret).toBe('from-file');
    // The environment still wins.
    expect(resolveSettings({ config: path }, { PVEVM_TOKEN_SECRET: 'env' }).tokenSecret).toBe(
      'env',
    );
    for (const mode of [0o640, 0o604, 0o644]) {
      chmodSync(path, mode);
      expect(() => resolveSettings({ config: path }, {})).toThrow(
        `Config file ${path} holds a token secret but others can read it (mode ${mode.toString(8)}): run chmod 600 ${path}`,
      );
    }
    // Without a secret in it, a readable config file is fine.
    const plain = withConfig({ server: 'pve:8006' });
    chmodSync(plain, 0o644);
    expect(resolveSettings({ config: plain }, {}).server).toBe('pve:8006');
  });

  it('the token secret leaves the environment once read, so no child process inherits it', () => {
    const env: Record<string, string | undefined> = { PVEVM_TOKEN_SECRET: 's3cret', HOME: '/h' };
    expect(resolveSettings({ config: withConfig({}) }, env).tokenSecret).toBe('s3cret');
    forgetSecretEnv(env);
    expect(env).toEqual({ HOME: '/h' });
  });

  it('takes the token secret from the environment', () => {
    const s = resolveSettings(
      { config: withConfig({}), token: 'root@pam!ci' },
      { PVEVM_TOKEN_SECRET: 's3cret' },
    );
    expect(s).toMatchObject({ token: 'root@pam!ci', tokenSecret: 's3cret' });
    expect(() => resolveSettings({ config: withConfig({}), token: 'root' }, {})).toThrow(
      /user@realm!tokenid/,
    );
  });

  it('one TLS choice at a time; a flag replaces the file’s choice', () => {
    const config = withConfig({ insecure: true });
    expect(resolveSettings({ config }, {}).tls).toEqual({ insecure: true });
    expect(resolveSettings({ config, fingerprint: 'AB:CD' }, {}).tls).toEqual({
      fingerprint: 'AB:CD',
    });
    expect(() => resolveSettings({ config, fingerprint: 'AB', insecure: true }, {})).toThrow(
      /only one of/,
    );
  });

  it.each([
    ['{ not json', /is not valid JSON/],
    [{ sever: 'typo' }, /unknown keys: sever/],
    [{ insecure: 'yes' }, /insecure must be a `boolean`/],
    [{ defaults: { bridg: 'x' } }, /defaults has unknown keys: bridg/],
  ])('a broken config file %j is refused, naming the file', (content, message) => {
    const config = withConfig(content);
    const run = () => resolveSettings({ config }, {});
    expect(run).toThrow(SettingsError);
    expect(run).toThrow(message);
    expect(run).toThrow(config);
  });

  it('a missing default config file is fine; a missing --config file is not', () => {
    expect(resolveSettings({}, { XDG_CONFIG_HOME: dir() }).server).toBeUndefined();
    expect(() => resolveSettings({ config: '/nonexistent/pvevm.json' }, {})).toThrow(
      /does not exist/,
    );
  });
});

describe('known servers', () => {
  it('remembers fingerprints per server in a 0600 file', () => {
    const path = join(dir(), 'sub', 'known_servers');
    const known = new KnownServers(path);
    expect(known.lookup('pve:8006')).toBeUndefined();
    known.remember('pve:8006', 'AB:CD');
    known.remember('other:8006', 'EF:01');
    known.remember('pve:8006', '12:34');
    expect(new KnownServers(path).lookup('pve:8006')).toBe('12:34');
    expect(new KnownServers(path).lookup('other:8006')).toBe('EF:01');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
