/** Cluster-wide endpoints: version, nodes, the next VM ID, pools, options, resources, HA. */
import { paramError, SimError } from '../errors';
import { check } from '../permissions';
import type { Route } from './route';
import { tagStyleAnswer } from '../tag-style';

export const CLUSTER_ROUTES: Route[] = [
  {
    endpoint: 'GET /version',
    handle: (ctx) => ({
      version: ctx.state.version === '9.1' ? '9.1.2' : '8.3.2',
      release: ctx.state.version,
      repoid: 'f0e1d2c3',
    }),
  },
  {
    endpoint: 'GET /nodes',
    handle: (ctx) =>
      ctx.state.nodes.map((n) => ({
        node: n.node,
        id: `node/${n.node}`,
        type: 'node',
        status: n.status,
        level: '',
        ssl_fingerprint: ctx.fingerprint,
        ...(n.status === 'online'
          ? {
              cpu: n.cpu,
              maxcpu: n.maxcpu,
              mem: n.mem,
              maxmem: n.maxmem,
              disk: 8 * 1024 ** 3,
              maxdisk: 64 * 1024 ** 3,
              uptime: 123456,
            }
          : {}),
      })),
  },
  {
    endpoint: 'GET /cluster/nextid',
    handle: (ctx) => {
      const wanted = ctx.params.vmid;
      if (wanted !== undefined) {
        if (ctx.state.vms.has(Number(wanted)))
          throw paramError({ vmid: `VM ${wanted} already exists` });
        return wanted;
      }
      let id = 100;
      while (ctx.state.vms.has(id)) id++;
      return String(id);
    },
  },
  {
    endpoint: 'GET /pools',
    handle: (ctx) =>
      ctx.state.pools.filter((p) => !ctx.params.poolid || p.poolid === ctx.params.poolid),
  },
  {
    endpoint: 'GET /cluster/options',
    handle: (ctx) => ({
      'allowed-tags': [...new Set(ctx.state.tags)].sort(),
      'registered-tags': [],
      // Absent from datacenter.cfg, absent from the answer.
      ...(ctx.state.tagStyle !== undefined
        ? { 'tag-style': tagStyleAnswer(ctx.state.tagStyle, ctx.state.version) }
        : {}),
      'user-tag-access': { 'user-allow': 'free' },
      mac_prefix: 'BC:24:11',
      keyboard: 'en-us',
    }),
  },
  {
    endpoint: 'GET /cluster/resources',
    handle: (ctx) => {
      const vms = [...ctx.state.vms.values()].map((vm) => ({
        id: `qemu/${vm.vmid}`,
        vmid: vm.vmid,
        node: vm.node,
        type: 'qemu',
        status: vm.status,
        name: vm.config.name ?? `VM ${vm.vmid}`,
        template: 0,
        ...(vm.config.lock ? { lock: vm.config.lock } : {}),
        ...(vm.config.tags ? { tags: vm.config.tags } : {}),
      }));
      const nodes = ctx.state.nodes.map((n) => ({
        id: `node/${n.node}`,
        type: 'node',
        node: n.node,
        status: n.status,
      }));
      const type = ctx.params.type;
      return type === 'vm' ? vms : type === 'node' ? nodes : type ? [] : [...nodes, ...vms];
    },
  },
  {
    endpoint: 'GET /cluster/ha/resources',
    handle: (ctx) => ctx.state.ha.map((r) => ({ sid: r.sid, type: 'vm', state: r.state })),
  },
  {
    endpoint: 'POST /cluster/ha/resources',
    handle: (ctx) => {
      check(ctx.state, ctx.user!, '/', 'Sys.Console');
      const sid = /^\d+$/.test(ctx.params.sid!) ? `vm:${ctx.params.sid}` : ctx.params.sid!;
      const vmid = Number(sid.split(':')[1]);
      if (!ctx.state.vms.has(vmid))
        throw new SimError(500, `resource '${sid}' does not exist in cluster`);
      if (ctx.state.ha.some((r) => r.sid === sid))
        throw new SimError(500, `resource ID '${sid}' already defined`);
      ctx.state.ha.push({ sid, state: ctx.params.state ?? 'started' });
      return null;
    },
  },
];
