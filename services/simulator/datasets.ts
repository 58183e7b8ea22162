/**
 * The simulator's datasets: `demo` (a small realistic cluster), `empty`, `large`, and `hostile`
 * (names and comments full of blessed tags, escape sequences, control characters, very long and
 * wide text, next to enough ordinary ones to walk the wizard to the end), built in clusters/.
 */
import { demo } from './clusters/demo';
import { empty } from './clusters/empty';
import { hostile } from './clusters/hostile';
import { large, type LargeSizes } from './clusters/large';
import type { Common } from './clusters/parts';
import type { SimAcl } from './roles';
import type { ClusterState, PveVersion } from './state';
import { tagStyleProblem } from './tag-style';

export type DatasetName = 'demo' | 'empty' | 'large' | 'hostile';
export const DATASETS: readonly DatasetName[] = ['demo', 'empty', 'large', 'hostile'];

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

function base(version: PveVersion): Common {
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

export function dataset(
  name: DatasetName,
  version: PveVersion = '8.3',
  sizes: Partial<LargeSizes> = {},
): ClusterState {
  const state = build(name, base(version), sizes);
  const problem =
    state.tagStyle === undefined ? undefined : tagStyleProblem(state.tagStyle, version);
  if (problem) throw new Error(`dataset ${name}: tag-style: ${problem}`);
  return state;
}

function build(name: DatasetName, common: Common, sizes: Partial<LargeSizes>): ClusterState {
  if (name === 'hostile') return hostile(common);
  if (name === 'empty') return empty(common);
  if (name === 'large') return large(common, sizes);
  return demo(common);
}
