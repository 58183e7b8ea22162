/**
 * The simulator's datasets: `demo` (a small realistic cluster), `empty`, `large`, and `hostile`
 * (names and comments full of blessed tags, escape sequences, control characters, very long and
 * wide text, next to enough ordinary ones to walk the wizard to the end).
 */
import type { SimAcl } from './permissions';
import type { ClusterState, PveVersion, SimIso, SimNode, SimStorage, SimVm } from './state';

export type DatasetName = 'demo' | 'empty' | 'large' | 'hostile';
export const DATASETS: readonly DatasetName[] = ['demo', 'empty', 'large', 'hostile'];

/** Strings a server should never send a terminal program, each meant to break it another way. */
export const HOSTILE = {
  /** blessed tags: colour, bold, and the escape for a literal brace. */
  tags: '{red-fg}x{/red-fg}{bold}b{/bold}{open}',
  /** SGR colour, an OSC window title, and erase-display. */
  ansi: '\x1b[31mred\x1b]0;pwned\x07\x1b[2J',
  /** C0 controls and a C1 CSI. */
  control: 'a\rb\nc\bd\x07e\x9bf',
  /** CJK, an emoji, a ZWJ family, a combining accent and a right-to-left override. */
  wide: '東京ノード🚀👩\u200d👩\u200d👧e\u0301\u202eevil',
  /** 330 characters with no place to break. */
  long: 'long-'.repeat(66),
} as const;

const H = HOSTILE;
/** Every kind at once, as one string. */
const ALL = `${H.tags}${H.ansi}${H.control}${H.wide}`;

/** Credentials every dataset has; `--demo` shows the first on the login screen. */
export const DEMO_USER = { username: 'demo', realm: 'pve', password: 'demo-pass' } as const;
export const ROOT_USER = { username: 'root', realm: 'pam', password: 'proxmox' } as const;
/** A user with a TOTP second factor (RFC 6238, this secret) and two recovery keys. */
export const TFA_USER = {
  username: 'alice',
  realm: 'pve',
  password: 'alice-pass',
  totpSecret: 'JBSWY3DPEHPK3PXP',
  recovery: ['aaaa-bbbb-cccc-dddd', 'eeee-ffff-0000-1111'],
} as const;
export const DEMO_TOKEN = {
  id: 'root@pam!pvevm',
  secret: '0c7f8e2a-3b1d-4d8e-9f3a-0a1b2c3d4e5f',
} as const;
/**
 * A user who may create VMs only in the pool `lab`, allocate disks on local-lvm, read the ISO
 * storages and use the bridge vmbr0: the demo's defaults (no pool, ceph-pool, vmbr9, HA) need
 * more than that.
 */
export const LIMITED_USER = { username: 'carol', realm: 'pve', password: 'carol-pass' } as const;
/** A privilege-separated token of the limited user with no ACL entries of its own: no rights. */
export const LIMITED_TOKEN = {
  id: 'carol@pve!ci',
  secret: '5d1e7a9c-2f4b-4c8d-8e6f-1a2b3c4d5e6f',
} as const;
const LIMITED_ID = `${LIMITED_USER.username}@${LIMITED_USER.realm}`;

const GiB = 1024 ** 3;
const TiB = 1024 ** 4;
const DAY = 86400;
const BASE_TIME = 1735689600; // 2025-01-01, so ctimes are stable

function node(name: string, i: number, status: SimNode['status'] = 'online'): SimNode {
  return {
    node: name,
    status,
    cpu: status === 'online' ? ((i * 7) % 40) / 100 + 0.02 : 0,
    maxcpu: 32,
    mem: status === 'online' ? (40 + ((i * 11) % 50)) * GiB : 0,
    maxmem: 256 * GiB,
    arch: 'x86_64',
  };
}

function storage(
  id: string,
  type: string,
  content: string[],
  nodes: string[],
  totalTiB: number,
  usedFraction: number,
): SimStorage {
  const total = totalTiB * TiB;
  return {
    storage: id,
    type,
    content,
    shared: type !== 'dir' && type !== 'lvmthin',
    total,
    used: Math.round(total * usedFraction),
    nodes,
  };
}

const DEMO_ISOS = [
  'nixos-minimal-24.05.2411.706eef542dec-x86_64-linux.iso',
  'nixos-minimal-24.05.7376.b134951a4c9f-x86_64-linux.iso',
  'nixos-minimal-24.11.712431.cbd8ec4de446-x86_64-linux.iso',
  'nixos-minimal-24.11.719113.50ab793786d9-x86_64-linux.iso',
  'nixos-minimal-24.11.711934.4005c3ff7505-aarch64-linux.iso',
  'nixos-minimal-25.05.810175.b2a3852bd078-x86_64-linux.iso',
  'nixos-minimal-25.05.20250525.7c43f08-x86_64-linux.iso',
  'nixos-minimal-25.11.9418.c7f47036d3df-aarch64-linux.iso',
  'nixos-minimal-25.11.2518.5900a0a8850c-x86_64-linux.iso',
  'nixos-minimal-24.11pre669741.c374d94f1536-x86_64-linux.iso',
  'latest-nixos-minimal-x86_64-linux.iso',
  'nixos-gnome-24.11.713818.59e618d90c06-x86_64-linux.iso',
  'debian-12.8.0-amd64-netinst.iso',
  'ubuntu-24.04.1-live-server-amd64.iso',
  'alpine-virt-3.21.0-x86_64.iso',
  'Rocky-9.5-x86_64-minimal.iso',
];

const ACL: SimAcl[] = [
  {
    path: '/',
    ugid: `${DEMO_USER.username}@${DEMO_USER.realm}`,
    role: 'Administrator',
    propagate: true,
  },
  {
    path: '/',
    ugid: `${TFA_USER.username}@${TFA_USER.realm}`,
    role: 'Administrator',
    propagate: true,
  },
  { path: '/pool/lab', ugid: LIMITED_ID, role: 'PVEVMAdmin', propagate: true },
  { path: '/storage/local-lvm', ugid: LIMITED_ID, role: 'PVEDatastoreUser', propagate: true },
  { path: '/storage/local', ugid: LIMITED_ID, role: 'PVEDatastoreUser', propagate: true },
  { path: '/storage/cephfs', ugid: LIMITED_ID, role: 'PVEDatastoreUser', propagate: true },
  { path: '/sdn/zones/localnetwork/vmbr0', ugid: LIMITED_ID, role: 'PVESDNUser', propagate: true },
];

function base(
  version: PveVersion,
): Omit<ClusterState, 'nodes' | 'storages' | 'isos' | 'pools' | 'tags' | 'bridges' | 'vms'> {
  return {
    version,
    clusterName: 'demo-cluster',
    realms: [
      { realm: 'pve', type: 'pve', comment: 'Proxmox VE authentication server', default: 1 },
      { realm: 'pam', type: 'pam', comment: 'Linux PAM standard authentication' },
      { realm: 'corp', type: 'ldap', comment: 'Corporate LDAP' },
    ],
    users: {
      [`${ROOT_USER.username}@${ROOT_USER.realm}`]: { password: ROOT_USER.password },
      [`${DEMO_USER.username}@${DEMO_USER.realm}`]: { password: DEMO_USER.password },
      [`${TFA_USER.username}@${TFA_USER.realm}`]: {
        password: TFA_USER.password,
        totp: TFA_USER.totpSecret,
        recovery: [...TFA_USER.recovery],
      },
      [LIMITED_ID]: { password: LIMITED_USER.password },
    },
    tokens: { [DEMO_TOKEN.id]: DEMO_TOKEN.secret, [LIMITED_TOKEN.id]: LIMITED_TOKEN.secret },
    separatedTokens: [LIMITED_TOKEN.id],
    acl: ACL.map((entry) => ({ ...entry })),
    tasks: new Map(),
    ha: [],
  };
}

function bridgesFor(nodes: SimNode[]): ClusterState['bridges'] {
  return Object.fromEntries(
    nodes.map((n) => [
      n.node,
      [
        { iface: 'vmbr0', type: 'bridge', active: 1, comments: 'LAN' },
        { iface: 'vmbr9', type: 'bridge', active: 1, comments: 'Lab VLAN trunk' },
      ],
    ]),
  );
}

function vm(vmid: number, nodeName: string, name: string, tags = ''): [number, SimVm] {
  return [
    vmid,
    {
      vmid,
      node: nodeName,
      status: 'running',
      config: { name, memory: '2048', cores: 2, ...(tags ? { tags } : {}) },
    },
  ];
}

/**
 * Every list the user picks from (node, storage, pool, bridge, tag) has ids Proxmox accepts next
 * to hostile ones; picking one the schema refuses must end in a clear error, not a crash.
 */
function hostile(version: PveVersion): ClusterState {
  // Hostile entries come first in every list: defaults must skip what Proxmox would refuse.
  const nodes = [
    node(`${H.tags}node`, 2),
    node('pve1', 0),
    node(`pve-${'x'.repeat(300)}`, 1),
    node(`${H.ansi}node`, 3, 'offline'),
    node(H.control, 4),
    node(H.wide, 5),
  ];
  const all = nodes.map((n) => n.node);
  const iso = (file: string, i: number): SimIso => ({
    storage: 'local',
    file,
    size: (600 + i) * 1024 ** 2,
    ctime: BASE_TIME + i * DAY,
  });
  const realms = base(version).realms.map((r) => ({ ...r, comment: `${r.comment} ${ALL}` }));
  return {
    ...base(version),
    clusterName: ALL,
    realms: [...realms, { realm: `${H.tags}${H.ansi}`, type: 'ldap', comment: H.long }],
    nodes,
    storages: [
      storage(`${H.tags}iso`, 'dir', ['iso'], all, 1, 0.5),
      storage(`${H.wide}disk`, 'dir', ['images'], all, 1, 0.5),
      storage('local', 'dir', ['iso', 'vztmpl', 'backup'], all, 0.1, 0.25),
      storage('local-lvm', 'lvmthin', ['images', 'rootdir'], all, 0.5, 0.3),
      storage(`${H.ansi}iso`, 'dir', ['iso'], all, 1, 0.5),
      storage(`${H.control}disk`, 'dir', ['images'], all, 1, 0.5),
      storage(`s${'x'.repeat(300)}`, 'lvmthin', ['images'], all, 1, 0.5),
    ],
    isos: [
      'nixos-minimal-25.11.2518.5900a0a8850c-x86_64-linux.iso',
      `${H.tags}.iso`,
      `${H.ansi}.iso`,
      `${H.control}.iso`,
      `${H.wide}.iso`,
      `${H.long}.iso`,
    ].map(iso),
    pools: [
      { poolid: 'lab', comment: ALL },
      { poolid: `p${'x'.repeat(300)}`, comment: H.long },
      { poolid: `${H.tags}pool`, comment: H.ansi },
      { poolid: `${H.wide}pool`, comment: H.control },
    ],
    tags: ['ok', H.tags, H.ansi, H.control, H.wide, H.long],
    bridges: Object.fromEntries(
      all.map((n) => [
        n,
        [
          { iface: 'vmbr0', type: 'bridge', active: 1, comments: ALL },
          { iface: `${H.tags}br`, type: 'bridge', active: 1, comments: H.long },
          { iface: `${H.ansi}br`, type: 'bridge', active: 1, comments: H.wide },
          { iface: H.wide, type: 'bridge', active: 1, comments: H.control },
        ],
      ]),
    ),
    cpuModels: [
      { name: `custom-${H.tags}`, vendor: H.ansi },
      { name: `custom-${H.ansi}`, vendor: H.control },
      { name: `custom-${H.wide}`, vendor: H.long },
      { name: `custom-${H.long}`, vendor: H.tags },
    ],
    vms: new Map([vm(100, 'pve1', ALL, H.tags), vm(101, 'pve1', H.long), vm(102, H.wide, H.wide)]),
  };
}

export function dataset(name: DatasetName, version: PveVersion = '8.3'): ClusterState {
  if (name === 'hostile') return hostile(version);
  if (name === 'empty') {
    const nodes = [node('pve', 0)];
    return {
      ...base(version),
      clusterName: '',
      nodes,
      storages: [
        storage('local', 'dir', ['iso', 'vztmpl', 'backup'], ['pve'], 0.1, 0.2),
        storage('local-lvm', 'lvmthin', ['images', 'rootdir'], ['pve'], 0.4, 0.1),
      ],
      isos: [],
      pools: [],
      tags: [],
      bridges: { pve: [{ iface: 'vmbr0', type: 'bridge', active: 1 }] },
      vms: new Map(),
    };
  }
  if (name === 'large') {
    const nodes = Array.from({ length: 100 }, (_, i) =>
      node(`node${String(i + 1).padStart(3, '0')}`, i, i % 17 === 16 ? 'offline' : 'online'),
    );
    const all = nodes.map((n) => n.node);
    const isos: SimIso[] = Array.from({ length: 10000 }, (_, i) => ({
      storage: 'cephfs',
      file:
        i % 10 === 0
          ? `nixos-minimal-${22 + (i % 4)}.${i % 2 ? '11' : '05'}.${1000 + i}.${(0xabc000 + i).toString(16)}ab12-x86_64-linux.iso`
          : `image-${String(i).padStart(5, '0')}.iso`,
      size: (500 + (i % 3000)) * 1024 ** 2,
      ctime: BASE_TIME + i * 60,
    }));
    return {
      ...base(version),
      nodes,
      storages: [
        storage('local', 'dir', ['iso', 'vztmpl', 'backup'], all, 0.1, 0.3),
        storage('cephfs', 'cephfs', ['iso', 'vztmpl', 'backup'], all, 50, 0.4),
        storage('ceph-pool', 'rbd', ['images', 'rootdir'], all, 500, 0.6),
      ],
      isos,
      pools: Array.from({ length: 500 }, (_, i) => ({
        poolid: `pool-${String(i).padStart(3, '0')}`,
        comment: `Pool ${i}`,
      })),
      tags: Array.from({ length: 2000 }, (_, i) => `tag-${String(i).padStart(4, '0')}`),
      bridges: bridgesFor(nodes),
      vms: new Map(
        Array.from({ length: 5000 }, (_, i) => vm(100 + i, all[i % all.length]!, `vm-${100 + i}`)),
      ),
    };
  }
  const nodes = [node('pve1', 0), node('pve2', 1), node('pve3', 2, 'offline')];
  const all = nodes.map((n) => n.node);
  return {
    ...base(version),
    nodes,
    storages: [
      storage('local', 'dir', ['iso', 'vztmpl', 'backup'], all, 0.1, 0.25),
      storage('local-lvm', 'lvmthin', ['images', 'rootdir'], all, 0.5, 0.3),
      storage('cephfs', 'cephfs', ['iso', 'vztmpl', 'backup', 'snippets'], all, 4, 0.35),
      storage('ceph-pool', 'rbd', ['images', 'rootdir'], all, 12, 0.42),
    ],
    isos: [
      ...DEMO_ISOS.map((file, i) => ({
        storage: 'cephfs',
        file,
        size: (700 + i * 37) * 1024 ** 2,
        ctime: BASE_TIME + i * DAY,
      })),
      { storage: 'local', file: 'virtio-win-0.1.266.iso', size: 710 * 1024 ** 2, ctime: BASE_TIME },
    ],
    pools: [
      { poolid: 'prod', comment: 'Production' },
      { poolid: 'lab', comment: 'Lab and tests' },
      { poolid: 'lab/ci' },
    ],
    tags: ['db', 'k8s', 'nixos', 'prod', 'web'],
    bridges: bridgesFor(nodes),
    vms: new Map([
      vm(100, 'pve1', 'gateway', 'prod'),
      vm(101, 'pve1', 'db-1', 'db;prod'),
      vm(102, 'pve2', 'web-1', 'web'),
      vm(105, 'pve2', 'ci-runner'),
    ]),
  };
}
