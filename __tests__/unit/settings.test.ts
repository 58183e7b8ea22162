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
    [{ theme: 'solarized' }, /theme must be one of auto, dark, light/],
    [{ theme: 1 }, /theme must be a `string`/],
    [{ profiles: { lab: { theme: 'dark' } } }, /profiles.lab has unknown keys: theme/],
  ])('a broken config file %j is refused, naming the file', (content, message) => {
    const config = withConfig(content);
    const run = () => resolveSettings({ config }, {});
    expect(run).toThrow(SettingsError);
    expect(run).toThrow(message);
    expect(run).toThrow(config);
  });

  it('the theme is auto unless the config file or --theme says dark or light; --theme wins', () => {
    expect(resolveSettings({}, { XDG_CONFIG_HOME: dir() }).theme).toBe('auto');
    const config = withConfig({ theme: 'light' });
    expect(resolveSettings({ config }, {}).theme).toBe('light');
    expect(resolveSettings({ config, theme: 'dark' }, {}).theme).toBe('dark');
  });

  it('a missing default config file is fine; a missing --config file is not', () => {
    expect(resolveSettings({}, { XDG_CONFIG_HOME: dir() }).server).toBeUndefined();
    expect(() => resolveSettings({ config: '/nonexistent/pvevm.json' }, {})).toThrow(
      /does not exist/,
    );
  });
});

describe('presets and profiles', () => {
  const SMALL = { cpu: { cores: 1 }, memory: { memory: 1024 } };
  const LARGE = { cpu: { cores: 8 }, memory: { memory: 16384 }, disks: [{ size: 200 }] };
  /** Mode 0600: the ci profile holds a token secret. */
  const file = () => {
    const path = withConfig({
      server: 'pve1',
      user: 'root',
      fingerprint: 'AA:AA',
      defaults: { bridge: 'vmbr0', cpuType: 'host' },
      presets: { small: SMALL, large: LARGE },
      profiles: {
        lab: {
          server: 'lab1',
          ca: '/etc/lab-ca.pem',
          defaults: { bridge: 'vmbr9' },
          preset: 'small',
          presets: { large: { memory: { memory: 8192 } }, tiny: { memory: { memory: 512 } } },
        },
        ci: { token: 'ci@pve!wizard', tokenSecret: 'ci-secret' },
      },
    });
    chmodSync(path, 0o600);
    return path;
  };

  it('no preset unless one is asked for; --preset picks one of the file', () => {
    const config = file();
    expect(resolveSettings({ config }, {}).preset).toBeUndefined();
    expect(resolveSettings({ config, preset: 'large' }, {}).preset).toEqual({
      name: 'large',
      spec: LARGE,
    });
    expect(resolveSettings({ config }, { PVEVM_PRESET: 'small' }).preset?.name).toBe('small');
    expect(
      resolveSettings({ config, preset: 'large' }, { PVEVM_PRESET: 'small' }).preset?.name,
    ).toBe('large');
  });

  it('the file may name a default preset; --preset beats it', () => {
    const config = withConfig({ preset: 'small', presets: { small: SMALL, large: LARGE } });
    expect(resolveSettings({ config }, {}).preset?.name).toBe('small');
    expect(resolveSettings({ config, preset: 'large' }, {}).preset?.name).toBe('large');
  });

  it('a profile’s keys beat the top level; its trust replaces the top level’s', () => {
    const config = file();
    const lab = resolveSettings({ config, profile: 'lab' }, {});
    expect(lab).toMatchObject({
      profile: 'lab',
      server: 'lab1',
      defaults: { bridge: 'vmbr9', cpuType: 'host' },
    });
    // The top level's user belongs to its server, not to the profile's.
    expect(lab.user).toBeUndefined();
    expect(lab.tls).toEqual({ ca: '/etc/lab-ca.pem' });
    expect(resolveSettings({ config }, {})).toMatchObject({
      profile: undefined,
      server: 'pve1',
      tls: { fingerprint: 'AA:AA' },
      defaults: { bridge: 'vmbr0' },
    });
    // Flags and the environment still beat the profile.
    expect(resolveSettings({ config, profile: 'lab', server: 'flag' }, {}).server).toBe('flag');
    expect(resolveSettings({ config }, { PVEVM_PROFILE: 'lab' }).server).toBe('lab1');
    expect(resolveSettings({ config, profile: 'ci' }, { PVEVM_PROFILE: 'lab' }).server).toBe(
      'pve1',
    );
  });

  it('a profile has the top-level presets and its own; its own win by name', () => {
    const config = file();
    // The profile's default preset.
    expect(resolveSettings({ config, profile: 'lab' }, {}).preset).toEqual({
      name: 'small',
      spec: SMALL,
    });
    expect(resolveSettings({ config, profile: 'lab', preset: 'large' }, {}).preset?.spec).toEqual({
      memory: { memory: 8192 },
    });
    expect(resolveSettings({ config, profile: 'lab', preset: 'tiny' }, {}).preset?.name).toBe(
      'tiny',
    );
    // Another profile's preset is not this one's.
    expect(() => resolveSettings({ config, preset: 'tiny' }, {})).toThrow(SettingsError);
  });

  it('the config file may choose a default profile', () => {
    const config = withConfig({
      profile: 'lab',
      server: 'pve1',
      profiles: { lab: { server: 'lab1' }, prod: { server: 'prod1' } },
    });
    expect(resolveSettings({ config }, {})).toMatchObject({ profile: 'lab', server: 'lab1' });
    expect(resolveSettings({ config, profile: 'prod' }, {}).server).toBe('prod1');
  });

  it('an unknown profile or preset is refused, listing the known names', () => {
    const config = file();
    expect(() => resolveSettings({ config, profile: 'prod' }, {})).toThrow(
      `Unknown profile "prod"; profiles in config file ${config}: lab, ci`,
    );
    expect(() => resolveSettings({ config, preset: 'huge' }, {})).toThrow(
      `Unknown preset "huge"; presets in config file ${config}: small, large`,
    );
    expect(() => resolveSettings({ config, profile: 'lab', preset: 'huge' }, {})).toThrow(
      `Unknown preset "huge"; presets in config file ${config} (profile lab): small, large, tiny`,
    );
    const empty = withConfig({});
    expect(() => resolveSettings({ config: empty, preset: 'small' }, {})).toThrow(
      `presets in config file ${empty}: none`,
    );
    expect(() => resolveSettings({ config: empty, profile: 'lab' }, {})).toThrow(
      `profiles in config file ${empty}: none`,
    );
    // A default preset naming nothing is refused as well.
    expect(() => resolveSettings({ config: withConfig({ preset: 'gone' }) }, {})).toThrow(
      /Unknown preset "gone"/,
    );
  });

  it.each([
    [
      { presets: { small: { memory: { memory: true } } } },
      'presets.small.memory.memory: must be a number',
    ],
    [{ presets: { small: { cpu: { cors: 2 } } } }, 'presets.small.cpu.cors: unknown key'],
    [{ presets: { small: { version: 1 } } }, 'presets.small.version: unknown key'],
    [{ presets: { small: { disks: { size: 8 } } } }, 'presets.small.disks: must be a list'],
    [{ presets: { small: 'tiny' } }, 'presets.small: must be an object'],
    [{ presets: ['small'] }, 'presets must be a `object` type'],
    [
      { presets: { small: { memory: { memory: 8 } } } },
      'presets.small.memory.memory: Memory must be a whole number between 16',
    ],
    [
      { presets: { small: { disks: [{ size: 8 }, { size: 'big' }] } } },
      'presets.small.disks[1].size: Disk size must be a number above 0',
    ],
    [
      { profiles: { lab: { presets: { big: { memory: { memory: 'lots' } } } } } },
      'profiles.lab.presets.big.memory.memory: Memory must be a whole number',
    ],
    [{ profiles: { lab: { sever: 'x' } } }, 'profiles.lab has unknown keys: sever'],
    [{ profiles: { lab: { profiles: {} } } }, 'profiles.lab has unknown keys: profiles'],
    [{ profiles: { lab: { insecure: 'yes' } } }, 'profiles.lab.insecure must be a `boolean`'],
    [
      { profiles: { lab: { defaults: { bridg: 'x' } } } },
      'profiles.lab.defaults has unknown keys: bridg',
    ],
    [
      { profiles: { lab: { token: 'root' } } },
      'profiles.lab.token must look like user@realm!tokenid',
    ],
    [{ profile: 7 }, 'profile must be a `string`'],
  ])(
    'a broken preset or profile %j is refused, naming the file and the path',
    (content, message) => {
      const config = withConfig(content);
      const run = () => resolveSettings({ config }, {});
      expect(run).toThrow(SettingsError);
      expect(run).toThrow(`Config file ${config}: `);
      expect(run).toThrow(message);
    },
  );

  it('a token secret in any profile needs a file only its owner can read', () => {
    const path = file();
    chmodSync(path, 0o644);
    // Even when another profile is in use.
    expect(() => resolveSettings({ config: path, profile: 'lab' }, {})).toThrow(/chmod 600/);
    chmodSync(path, 0o600);
    expect(resolveSettings({ config: path, profile: 'ci' }, {})).toMatchObject({
      token: 'ci@pve!wizard',
      tokenSecret: 'ci-secret',
    });
  });

  it('a profile’s token never pairs with the top-level token secret; another server gets no credentials', () => {
    const path = withConfig({
      server: 'pve1',
      fingerprint: 'AA:AA',
      token: 'root@pam!main',
      tokenSecret: 'main-secret',
      profiles: {
        ci: { token: 'ci@pve!wizard' },
        nearby: { defaults: { bridge: 'vmbr1' } },
        other: { server: 'pve2' },
      },
    });
    chmodSync(path, 0o600);
    expect(resolveSettings({ config: path, profile: 'ci' }, {})).toMatchObject({
      token: 'ci@pve!wizard',
      tokenSecret: undefined,
    });
    // Same server: the top level's token and secret go on.
    expect(resolveSettings({ config: path, profile: 'nearby' }, {})).toMatchObject({
      server: 'pve1',
      token: 'root@pam!main',
      tokenSecret: 'main-secret',
    });
    // Another server: neither the secret nor the pinned certificate travel there.
    const other = resolveSettings({ config: path, profile: 'other' }, {});
    expect(other).toMatchObject({ server: 'pve2', token: undefined, tokenSecret: undefined });
    expect(other.tls).toEqual({});
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

describe('the answer size limit', () => {
  it('is 8 MiB unless the config file says maxAnswerMiB (top level, whole MiB, 1–1024)', () => {
    expect(resolveSettings({ config: withConfig({}) }, {}).maxAnswerBytes).toBeUndefined();
    expect(resolveSettings({ config: withConfig({ maxAnswerMiB: 32 }) }, {}).maxAnswerBytes).toBe(
      32 * 1024 * 1024,
    );
    for (const bad of [0, 2000, 1.5, '8']) {
      expect(() => resolveSettings({ config: withConfig({ maxAnswerMiB: bad }) }, {})).toThrow(
        /maxAnswerMiB/,
      );
    }
  });
});
