import { chooseDefaultIso, LatestIso, parseNixosIso } from '../../lib/model/iso-choice';

const iso = (file: string, ctime?: number) => ({ volid: `cephfs:iso/${file}`, ctime });

describe('NixOS ISO names', () => {
  it.each([
    [
      'nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso',
      { year: 24, month: 5, build: 7376, prerelease: false, arch: 'x86_64' },
    ],
    [
      'nixos-minimal-24.11.711934.4005c3ff7505-aarch64-linux.iso',
      { year: 24, month: 11, build: 711934, arch: 'aarch64' },
    ],
    [
      'nixos-minimal-25.05.20250525.7c43f08-x86_64-linux.iso',
      { year: 25, month: 5, build: 20250525 },
    ],
    [
      'nixos-minimal-25.11pre-git-x86_64-linux.iso',
      { year: 25, month: 11, prerelease: true, build: 0 },
    ],
    [
      'nixos-minimal-24.11pre669741.c374d94f1536-x86_64-linux.iso',
      { year: 24, month: 11, prerelease: true, build: 669741 },
    ],
  ])('%s', (file, expected) => {
    expect(parseNixosIso(`local:iso/${file}`)).toMatchObject(expected);
  });

  it.each([
    'latest-nixos-minimal-x86_64-linux.iso',
    'nixos-gnome-24.11.713818.59e618d90c06-x86_64-linux.iso',
    'nixos-plasma6-24.11beta709057.0c582677378f-x86_64-linux.iso',
    'debian-12.8.0-amd64-netinst.iso',
  ])('%s is not a NixOS minimal ISO', (file) => {
    expect(parseNixosIso(`local:iso/${file}`)).toBeUndefined();
  });
});

describe('default ISO', () => {
  const real = [
    iso('nixos-minimal-24.05.2411.706eef542dec-x86_64-linux.iso'),
    iso('nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso'),
    iso('nixos-minimal-24.11.712431.cbd8ec4de446-x86_64-linux.iso'),
    iso('nixos-minimal-24.11.719113.50ab793786d9-x86_64-linux.iso'),
    iso('nixos-minimal-24.11.711934.4005c3ff7505-aarch64-linux.iso'),
    iso('nixos-minimal-25.05.810175.b2a3852bd078-x86_64-linux.iso'),
    iso('nixos-minimal-25.11.9418.c7f47036d3df-aarch64-linux.iso'),
    iso('nixos-minimal-25.11.2518.5900a0a8850c-x86_64-linux.iso'),
    iso('nixos-minimal-24.11pre669741.c374d94f1536-x86_64-linux.iso'),
    iso('latest-nixos-minimal-x86_64-linux.iso'),
    iso('debian-12.8.0-amd64-netinst.iso'),
  ];

  it('picks the highest YY.MM for the node architecture', () => {
    expect(chooseDefaultIso(real, 'x86_64')).toBe(
      'cephfs:iso/nixos-minimal-25.11.2518.5900a0a8850c-x86_64-linux.iso',
    );
    expect(chooseDefaultIso(real, 'aarch64')).toBe(
      'cephfs:iso/nixos-minimal-25.11.9418.c7f47036d3df-aarch64-linux.iso',
    );
  });

  it('then the highest build number, a release above its pre-release', () => {
    const isos = [
      iso('nixos-minimal-24.11pre669741.c374d94f1536-x86_64-linux.iso'),
      iso('nixos-minimal-24.11.712431.cbd8ec4de446-x86_64-linux.iso'),
      iso('nixos-minimal-24.11.719113.50ab793786d9-x86_64-linux.iso'),
    ];
    expect(chooseDefaultIso(isos)).toBe(
      'cephfs:iso/nixos-minimal-24.11.719113.50ab793786d9-x86_64-linux.iso',
    );
    expect(
      chooseDefaultIso([isos[0]!, iso('nixos-minimal-24.11.1.aaaaaaaaaaaa-x86_64-linux.iso')]),
    ).toMatch(/24\.11\.1\./);
  });

  it('then the newest file', () => {
    const isos = [
      iso('nixos-minimal-25.11pre-git-x86_64-linux.iso', 100),
      { volid: 'local:iso/nixos-minimal-25.11pre-git-x86_64-linux.iso', ctime: 200 },
    ];
    expect(chooseDefaultIso(isos)).toBe('local:iso/nixos-minimal-25.11pre-git-x86_64-linux.iso');
  });

  it('falls back to another architecture, and to nothing without a NixOS minimal ISO', () => {
    expect(
      chooseDefaultIso(
        [iso('nixos-minimal-24.11.711934.4005c3ff7505-aarch64-linux.iso')],
        'x86_64',
      ),
    ).toMatch(/aarch64/);
    expect(
      chooseDefaultIso([iso('latest-nixos-minimal-x86_64-linux.iso'), iso('debian-12.iso')]),
    ).toBeUndefined();
    expect(chooseDefaultIso([])).toBeUndefined();
  });
});

describe('default ISO of a long list', () => {
  /** The rule as first written: every NixOS minimal ISO parsed, the pool sorted, the last. */
  function sortedChoice(isos: { volid: string; ctime?: number }[], arch: 'x86_64' | 'aarch64') {
    const all = isos.flatMap((i) => {
      const p = parseNixosIso(i.volid);
      return p ? [{ ...p, ...i }] : [];
    });
    const own = all.filter((c) => c.arch === arch);
    const pool = own.length > 0 ? own : all;
    const key = (c: (typeof all)[number]) => [
      c.year,
      c.month,
      Number(!c.prerelease),
      c.build,
      c.ctime ?? 0,
    ];
    const cmp = (a: (typeof all)[number], b: (typeof all)[number]) => {
      const [x, y] = [key(a), key(b)];
      for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k]! - y[k]!;
      return 0;
    };
    return pool.sort(cmp).at(-1)?.volid;
  }

  it('chooses what sorting every candidate chose, whatever the order and mix', () => {
    let seed = 7;
    // xorshift32: the same lists every run.
    const next = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const pre = ['', 'pre', 'beta', 'pre12', 'beta3'];
    for (let round = 0; round < 200; round++) {
      const isos = Array.from({ length: 1 + next(40) }, () => {
        const arch = next(3) === 0 ? 'aarch64' : 'x86_64';
        const version = `${24 + next(2)}.${next(2) ? '11' : '05'}${pre[next(pre.length)]}`;
        const build = next(3) === 0 ? '' : `.${next(2)}`;
        const file = next(8) === 0 ? `debian-${next(9)}.iso` : `nixos-minimal-${version}${build}`;
        return {
          volid: `${next(2) ? 'local' : 'cephfs'}:iso/${file}${file.endsWith('.iso') ? '' : `-${arch}-linux.iso`}`,
          // Few versions and times: equals are common, and the later one must win.
          ...(next(2) ? { ctime: next(2) } : {}),
        };
      });
      for (const arch of ['x86_64', 'aarch64'] as const) {
        expect(chooseDefaultIso(isos, arch)).toBe(sortedChoice(isos, arch));
      }
    }
  });

  it('parses a name only when its YY.MM could be the latest so far', () => {
    const latest = iso('nixos-minimal-25.11.9418.c7f47036d3df-x86_64-linux.iso');
    const older = Array.from({ length: 1_000 }, (_, i) =>
      iso(`nixos-minimal-2${i % 5}.05.${i}.abcdef-${i % 2 ? 'x86_64' : 'aarch64'}-linux.iso`),
    );
    const exec = jest.spyOn(RegExp.prototype, 'exec');
    try {
      expect(chooseDefaultIso([latest, ...older], 'x86_64')).toBe(latest.volid);
      expect(exec).toHaveBeenCalledTimes(1);
    } finally {
      exec.mockRestore();
    }
  });
});

it('looked at in parts, a list gives the default it gives whole', () => {
  const isos = Array.from({ length: 500 }, (_, i) =>
    iso(
      i % 7 === 3
        ? `nixos-minimal-2${i % 6}.${i % 2 ? '11' : '05'}.${i % 13}.abc-${i % 3 ? 'x86_64' : 'aarch64'}-linux.iso`
        : `other-${i}.iso`,
      i % 5,
    ),
  );
  for (const arch of ['x86_64', 'aarch64'] as const) {
    for (const size of [1, 7, 100, 499]) {
      const latest = new LatestIso(arch);
      for (let from = 0; from < isos.length; from += size) {
        latest.scan(isos, from, Math.min(isos.length, from + size));
      }
      expect(latest.looked).toBe(isos.length);
      expect(latest.volid).toBe(chooseDefaultIso(isos, arch));
    }
  }
});
