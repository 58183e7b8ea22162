/**
 * `hostile`: names and comments full of blessed tags, escape sequences, control characters,
 * very long and wide text, next to enough ordinary ones to walk the wizard to the end.
 */
import type { ClusterState, SimIso, SimStorage } from '../state';
import { BASE_TIME, DAY, node, storage, vm, type Common } from './parts';

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

function storagesOn(all: string[]): SimStorage[] {
  return [
    storage(`${H.tags}iso`, 'dir', ['iso'], all, 1, 0.5),
    storage(`${H.wide}disk`, 'dir', ['images'], all, 1, 0.5),
    storage('local', 'dir', ['iso', 'vztmpl', 'backup'], all, 0.1, 0.25),
    storage('local-lvm', 'lvmthin', ['images', 'rootdir'], all, 0.5, 0.3),
    storage(`${H.ansi}iso`, 'dir', ['iso'], all, 1, 0.5),
    storage(`${H.control}disk`, 'dir', ['images'], all, 1, 0.5),
    storage(`s${'x'.repeat(300)}`, 'lvmthin', ['images'], all, 1, 0.5),
  ];
}

function isoImages(): SimIso[] {
  const iso = (file: string, i: number): SimIso => ({
    storage: 'local',
    file,
    size: (600 + i) * 1024 ** 2,
    ctime: BASE_TIME + i * DAY,
  });
  return [
    'nixos-minimal-25.11.2518.5900a0a8850c-x86_64-linux.iso',
    `${H.tags}.iso`,
    `${H.ansi}.iso`,
    `${H.control}.iso`,
    `${H.wide}.iso`,
    `${H.long}.iso`,
  ].map(iso);
}

function bridgesOn(all: string[]): ClusterState['bridges'] {
  return Object.fromEntries(
    all.map((n) => [
      n,
      [
        { iface: 'vmbr0', type: 'bridge', active: 1, comments: ALL },
        { iface: `${H.tags}br`, type: 'bridge', active: 1, comments: H.long },
        { iface: `${H.ansi}br`, type: 'bridge', active: 1, comments: H.wide },
        { iface: H.wide, type: 'bridge', active: 1, comments: H.control },
      ],
    ]),
  );
}

/**
 * Every list the user picks from (node, storage, pool, bridge, tag) has ids Proxmox accepts next
 * to hostile ones; picking one the schema refuses must end in a clear error, not a crash.
 */
export function hostile(common: Common): ClusterState {
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
  const realms = common.realms.map((r) => ({ ...r, comment: `${r.comment} ${ALL}` }));
  return {
    ...common,
    clusterName: ALL,
    realms: [...realms, { realm: `${H.tags}${H.ansi}`, type: 'ldap', comment: H.long }],
    nodes,
    storages: storagesOn(all),
    isos: isoImages(),
    pools: [
      { poolid: 'lab', comment: ALL },
      { poolid: `p${'x'.repeat(300)}`, comment: H.long },
      { poolid: `${H.tags}pool`, comment: H.ansi },
      { poolid: `${H.wide}pool`, comment: H.control },
    ],
    tags: ['ok', H.tags, H.ansi, H.control, H.wide, H.long],
    bridges: bridgesOn(all),
    cpuModels: [
      { name: `custom-${H.tags}`, vendor: H.ansi },
      { name: `custom-${H.ansi}`, vendor: H.control },
      { name: `custom-${H.wide}`, vendor: H.long },
      { name: `custom-${H.long}`, vendor: H.tags },
    ],
    vms: new Map([vm(100, 'pve1', ALL, H.tags), vm(101, 'pve1', H.long), vm(102, H.wide, H.wide)]),
  };
}
