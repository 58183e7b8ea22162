/** What a node offers for a new VM: storages, ISO images, bridges, CPU models. */
import { CPU_MODELS } from '../cpu-format';
import { SimError } from '../errors';
import { machineVersions } from '../machine-versions';
import { nodeRrd } from '../node-rrd';
import { check } from '../permissions';
import { onlineNode, type RequestContext, type Route } from './route';
import type { ClusterState, SimStorage } from '../state';

function storagesOn(ctx: RequestContext, node: string) {
  const wanted = ctx.params.content?.split(',');
  return ctx.state.storages
    .filter((s) => s.nodes.includes(node))
    .filter((s) => !wanted || wanted.some((c) => s.content.includes(c)))
    .map((s) => ({
      storage: s.storage,
      type: s.type,
      content: s.content.join(','),
      enabled: 1,
      active: s.active === false ? 0 : 1,
      shared: s.shared ? 1 : 0,
      // pve-storage's storage_info: an inactive storage's figures are 0, no used_fraction.
      total: s.active === false ? 0 : s.total,
      used: s.active === false ? 0 : s.used,
      avail: s.active === false ? 0 : s.total - s.used,
      ...(s.active === false ? {} : { used_fraction: s.used / s.total }),
      ...(ctx.params.format === '1'
        ? s.type === 'dir'
          ? { format: [{ raw: 1, qcow2: 1, vmdk: 1 }, 'qcow2'] }
          : { format: [{ raw: 1 }, 'raw'] }
        : {}),
    }));
}

export const NODE_ROUTES: Route[] = [
  // The node's architecture is `current-kernel.machine` (uname -m), as the web UI's node summary.
  {
    endpoint: 'GET /nodes/{node}/status',
    handle: (ctx) => {
      const name = onlineNode(ctx);
      // As the API schema says: Sys.Audit on the node.
      if (ctx.user) check(ctx.state, ctx.user, `/nodes/${name}`, 'Sys.Audit');
      const node = ctx.state.nodes.find((n) => n.node === name)!;
      return {
        cpu: node.cpu,
        cpuinfo: { cpus: node.maxcpu, model: node.arch === 'aarch64' ? 'Neoverse-N1' : 'EPYC' },
        memory: { total: node.maxmem, used: node.mem, free: node.maxmem - node.mem },
        'current-kernel': {
          sysname: 'Linux',
          release: '6.8.12-4-pve',
          version: '#1 SMP PREEMPT_DYNAMIC PMX 6.8.12-4',
          machine: node.arch,
        },
        pveversion: `pve-manager/${ctx.state.version}`,
      };
    },
  },
  // Read from the cluster's RRD cache (not proxied): an offline node answers with gaps.
  {
    endpoint: 'GET /nodes/{node}/rrddata',
    handle: (ctx) => {
      const name = ctx.path.node!;
      if (ctx.user) check(ctx.state, ctx.user, `/nodes/${name}`, 'Sys.Audit');
      return nodeRrd(ctx.state.nodes, name, ctx.nowMs);
    },
  },
  {
    endpoint: 'GET /nodes/{node}/storage',
    handle: (ctx) => storagesOn(ctx, onlineNode(ctx)),
  },
  {
    endpoint: 'GET /nodes/{node}/storage/{storage}/content',
    handle: (ctx) => {
      const node = onlineNode(ctx);
      const id = ctx.path.storage!;
      const storage = ctx.state.storages.find((s) => s.storage === id && s.nodes.includes(node));
      if (!storage) throw new SimError(500, `storage '${id}' does not exist`);
      if (ctx.params.content === 'import') return importsOn(ctx.state, storage);
      if (ctx.params.content && ctx.params.content !== 'iso') return [];
      if (!storage.content.includes('iso')) return [];
      return ctx.state.isos
        .filter((i) => i.storage === id)
        .map((i) => ({
          volid: `${id}:iso/${i.file}`,
          format: 'iso',
          content: 'iso',
          size: i.size,
          ctime: i.ctime,
        }))
        .sort((a, b) => a.volid.toLowerCase().localeCompare(b.volid.toLowerCase()));
    },
  },
  {
    endpoint: 'GET /nodes/{node}/network',
    handle: (ctx) => ctx.state.bridges[onlineNode(ctx)] ?? [],
  },
  {
    endpoint: 'GET /nodes/{node}/capabilities/qemu/cpu',
    handle: (ctx) => {
      onlineNode(ctx);
      return [
        ...CPU_MODELS.map((m) => ({ ...m, custom: 0 })),
        ...(ctx.state.cpuModels ?? []).map((m) => ({ ...m, custom: 1 })),
      ];
    },
  },
  {
    endpoint: 'GET /nodes/{node}/capabilities/qemu/machines',
    handle: (ctx) => {
      const name = onlineNode(ctx);
      const host = ctx.state.nodes.find((n) => n.node === name)?.arch ?? 'x86_64';
      const arch =
        ctx.params.arch === 'aarch64' || ctx.params.arch === 'x86_64' ? ctx.params.arch : host;
      return machineVersions(ctx.state.version, arch);
    },
  },
];

/** The disk images of a storage with `import` content, as pve-storage lists them. */
function importsOn(state: ClusterState, storage: SimStorage) {
  if (!storage.content.includes('import')) return [];
  return (state.imports ?? [])
    .filter((i) => i.storage === storage.storage)
    .map((i) => ({
      volid: `${i.storage}:import/${i.file}`,
      format: i.format,
      content: 'import',
      size: i.size,
      ctime: i.ctime,
    }))
    .sort((a, b) => a.volid.localeCompare(b.volid));
}
