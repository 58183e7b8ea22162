/** The API endpoints the simulator serves: what each answers for the cluster state. */
import { totpMatches, type TicketAuthority } from './auth';
import { paramError, SimError } from './errors';
import { parseUpid, settleTasks, startTask } from './tasks';
import type { ClusterState } from './state';
import {
  check,
  checkConfigKeys,
  checkCreate,
  checkVm,
  effectivePermissions,
  privilegesAt,
} from './permissions';
import { createVm } from './vm-create';
import type { EndpointSchema } from './validate';

export interface RequestContext {
  state: ClusterState;
  params: Record<string, string>;
  path: Record<string, string>;
  /** `user@realm` or `user@realm!token`; undefined on the public endpoints. */
  user?: string;
  viaToken: boolean;
  nowMs: number;
  tickets: TicketAuthority;
  schema: EndpointSchema;
  taskDurationMs: number;
  fingerprint: string;
  fault: { taskError?: string; taskWarnings?: number; lockMs?: number };
}

/** A list answer that also carries `total` in the envelope (task logs). */
export class WithTotal {
  constructor(
    readonly data: unknown,
    readonly total: number,
  ) {}
}

export interface Route {
  /** `GET /nodes/{node}/storage`, as in the API schema. */
  endpoint: string;
  public?: boolean;
  handle(ctx: RequestContext): unknown;
}

const CONFIG_MISSING = (node: string, vmid: number) =>
  new SimError(500, `Configuration file 'nodes/${node}/qemu-server/${vmid}.conf' does not exist`);

/** Calls for a node go through pveproxy: unknown nodes fail name lookup, offline ones 595. */
function onlineNode(ctx: RequestContext): string {
  const name = ctx.path.node!;
  if (name === 'localhost') return ctx.state.nodes.find((n) => n.status === 'online')?.node ?? name;
  const node = ctx.state.nodes.find((n) => n.node === name);
  if (!node)
    throw new SimError(
      500,
      `hostname lookup '${name}' failed - failed to get address info for: ${name}: Name or service not known`,
    );
  if (node.status !== 'online') throw new SimError(595, 'No route to host');
  return name;
}

function vmOf(ctx: RequestContext) {
  const node = onlineNode(ctx);
  const vmid = Number(ctx.path.vmid);
  const vm = ctx.state.vms.get(vmid);
  if (!vm || vm.node !== node) throw CONFIG_MISSING(node, vmid);
  return vm;
}

function login(ctx: RequestContext): unknown {
  if (ctx.viaToken) {
    throw new SimError(
      403,
      "Permission check failed (URI '/access/ticket' not available with API token, need proper ticket.\n)",
    );
  }
  const { username = '', password = '', realm } = ctx.params;
  const user = realm ? `${username}@${realm}` : username;
  const nowS = ctx.nowMs / 1000;
  const fail = () => new SimError(401, 'authentication failure');
  const full = (u: string) => ({
    username: u,
    ticket: ctx.tickets.issue(u, nowS),
    CSRFPreventionToken: ctx.tickets.csrf(u, nowS),
    cap: {
      vms: { 'VM.Allocate': 1 },
      storage: { 'Datastore.AllocateSpace': 1 },
      nodes: { 'Sys.Audit': 1 },
    },
    ...(ctx.state.clusterName ? { clustername: ctx.state.clusterName } : {}),
  });
  const account = ctx.state.users[user];
  const challenge = ctx.params['tfa-challenge'];
  if (challenge !== undefined) {
    if (ctx.params.otp !== undefined)
      throw paramError({ otp: 'cannot use otp together with tfa-challenge' });
    const data = ctx.tickets.verifyTfa(challenge, user, nowS);
    if (!data || !account) throw fail();
    const [type, ...rest] = password.split(':');
    const code = rest.join(':');
    if (type === 'totp' && account.totp && totpMatches(account.totp, code, nowS)) return full(user);
    if (type === 'recovery' && account.recovery?.includes(code)) {
      account.recovery = account.recovery.filter((k) => k !== code);
      return full(user);
    }
    throw fail();
  }
  if (ctx.tickets.verify(password, nowS) === user) return full(user);
  if (!account || account.password !== password) throw fail();
  if (account.totp) {
    const tfa = { totp: true, recovery: (account.recovery ?? []).map((_, i) => i) };
    return {
      username: user,
      ticket: ctx.tickets.issueTfa(user, tfa, nowS),
      CSRFPreventionToken: ctx.tickets.csrf(user, nowS),
      NeedTFA: 1,
    };
  }
  return full(user);
}

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
      active: 1,
      shared: s.shared ? 1 : 0,
      total: s.total,
      used: s.used,
      avail: s.total - s.used,
      used_fraction: s.used / s.total,
      ...(ctx.params.format === '1'
        ? s.type === 'dir'
          ? { format: [{ raw: 1, qcow2: 1, vmdk: 1 }, 'qcow2'] }
          : { format: [{ raw: 1 }, 'raw'] }
        : {}),
    }));
}

export const ROUTES: Route[] = [
  {
    endpoint: 'GET /access/permissions',
    handle: (ctx) => {
      const self = ctx.user!;
      const userid = ctx.params.userid ?? self;
      // Their own and their tokens' privileges; anyone else's needs Sys.Audit on /access.
      if (userid !== self && userid.split('!')[0] !== self)
        check(ctx.state, self, '/access', 'Sys.Audit');
      const path = ctx.params.path;
      return path
        ? { [path]: privilegesAt(ctx.state, userid, path) }
        : effectivePermissions(ctx.state, userid);
    },
  },
  {
    endpoint: 'GET /access/domains',
    public: true,
    handle: (ctx) => ctx.state.realms,
  },
  { endpoint: 'POST /access/ticket', public: true, handle: login },
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
      'tag-style': { shape: 'circle', ordering: 'alphabetical' },
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
      const builtin = [
        'host',
        'kvm64',
        'qemu64',
        'max',
        'x86-64-v2',
        'x86-64-v2-AES',
        'x86-64-v3',
        'x86-64-v4',
      ];
      const named = [
        'Haswell',
        'Skylake-Server',
        'Icelake-Server',
        'EPYC',
        'EPYC-Rome',
        'EPYC-Milan',
      ];
      return [
        ...builtin.map((name) => ({ name, vendor: 'default', custom: 0 })),
        ...named.map((name) => ({
          name,
          vendor: name.startsWith('EPYC') ? 'AuthenticAMD' : 'GenuineIntel',
          custom: 0,
        })),
        ...(ctx.state.cpuModels ?? []).map((m) => ({ ...m, custom: 1 })),
      ];
    },
  },
  {
    endpoint: 'POST /nodes/{node}/qemu',
    handle: (ctx) => {
      const node = onlineNode(ctx);
      const params = Object.fromEntries(Object.entries(ctx.params).filter(([k]) => k !== 'node'));
      checkCreate(ctx.state, ctx.user!, params);
      const { upid } = createVm(ctx.state, {
        node,
        params,
        user: ctx.user!,
        nowMs: ctx.nowMs,
        durationMs: ctx.taskDurationMs,
        schema: ctx.schema,
        taskError: ctx.fault.taskError,
        taskWarnings: ctx.fault.taskWarnings,
        extraLockMs: ctx.fault.lockMs,
      });
      const vm = ctx.state.vms.get(Number(params.vmid));
      if (vm && params.pool) vm.pool = params.pool;
      return upid;
    },
  },
  {
    endpoint: 'GET /nodes/{node}/qemu/{vmid}/config',
    handle: (ctx) => {
      const vm = vmOf(ctx);
      const digest = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
      return vm.config.lock === 'create' && Object.keys(vm.config).length === 1
        ? { lock: 'create', digest }
        : { ...vm.config, digest };
    },
  },
  {
    endpoint: 'PUT /nodes/{node}/qemu/{vmid}/config',
    handle: (ctx) => {
      const vm = vmOf(ctx);
      if (vm.config.lock) throw new SimError(500, `VM is locked (${vm.config.lock})`);
      const changes = Object.entries(ctx.params).filter(([k]) => k !== 'node' && k !== 'vmid');
      if (changes.length === 0) throw new SimError(400, 'no options specified');
      if (ctx.user !== 'root@pam')
        checkConfigKeys(
          ctx.state,
          ctx.user!,
          String(vm.vmid),
          vm.pool,
          Object.fromEntries(changes),
        );
      for (const [k, v] of changes) vm.config[k] = v;
      return null;
    },
  },
  {
    endpoint: 'GET /nodes/{node}/qemu/{vmid}/status/current',
    handle: (ctx) => {
      const vm = vmOf(ctx);
      return {
        vmid: vm.vmid,
        status: vm.status,
        qmpstatus: vm.status,
        name: vm.config.name,
        ...(vm.config.lock ? { lock: vm.config.lock } : {}),
      };
    },
  },
  {
    endpoint: 'POST /nodes/{node}/qemu/{vmid}/status/start',
    handle: (ctx) => {
      const vm = vmOf(ctx);
      // vm_start's check: VM.PowerMgmt on the VM (or its pool).
      if (ctx.user !== 'root@pam')
        checkVm(ctx.state, ctx.user!, String(vm.vmid), vm.pool, 'VM.PowerMgmt');
      const sid = `vm:${vm.vmid}`;
      const ha = ctx.state.ha.find((r) => r.sid === sid);
      // qemu-server's vm_start: an HA-managed VM is started by asking HA (`hastart` task).
      if (ha) {
        const task = startTask(ctx.state, {
          node: vm.node,
          type: 'hastart',
          id: String(vm.vmid),
          user: ctx.user!,
          start: ctx.nowMs,
          duration: 0,
          log: [`Requesting HA start for VM ${vm.vmid}`],
        });
        task.finish = () => {
          ha.state = 'started';
          vm.status = 'running';
        };
        return task.upid;
      }
      const task = startTask(ctx.state, {
        node: vm.node,
        type: 'qmstart',
        id: String(vm.vmid),
        user: ctx.user!,
        start: ctx.nowMs,
        duration: 1000,
      });
      task.finish = () => {
        if (vm.config.lock) task.exitstatus = `VM is locked (${vm.config.lock})`;
        else if (vm.status === 'running') task.exitstatus = `VM ${vm.vmid} already running`;
        else vm.status = 'running';
      };
      return task.upid;
    },
  },
  {
    endpoint: 'GET /nodes/{node}/tasks',
    handle: (ctx) => {
      const node = onlineNode(ctx);
      settleTasks(ctx.state, ctx.nowMs);
      const { vmid, typefilter } = ctx.params;
      return [...ctx.state.tasks.values()]
        .filter((t) => t.node === node)
        .filter((t) => vmid === undefined || t.id === vmid)
        .filter((t) => typefilter === undefined || t.type === typefilter)
        .sort((a, b) => b.start - a.start)
        .slice(0, Number(ctx.params.limit ?? 50))
        .map((t) => ({
          upid: t.upid,
          node: t.node,
          pid: parseInt(t.upid.split(':')[2]!, 16),
          pstart: 72740609,
          starttime: Math.floor(t.start / 1000),
          type: t.type,
          id: t.id,
          user: t.user,
          // Running tasks have no end and no status yet.
          ...(t.finished
            ? { endtime: Math.floor((t.start + t.duration) / 1000), status: t.exitstatus }
            : {}),
        }));
    },
  },
  {
    endpoint: 'GET /nodes/{node}/tasks/{upid}/status',
    handle: (ctx) => {
      const task = taskOf(ctx);
      const parts = parseUpid(task.upid)!;
      return {
        upid: task.upid,
        node: task.node,
        pid: parseInt(task.upid.split(':')[2]!, 16),
        starttime: Math.floor(task.start / 1000),
        type: parts.type,
        id: parts.id,
        user: parts.user,
        status: task.finished ? 'stopped' : 'running',
        ...(task.finished ? { exitstatus: task.exitstatus } : {}),
      };
    },
  },
  {
    endpoint: 'GET /nodes/{node}/tasks/{upid}/log',
    handle: (ctx) => {
      const task = taskOf(ctx);
      const lines = task.log.length > 0 ? task.log : ['no content'];
      const start = Number(ctx.params.start ?? 0);
      const limit = Number(ctx.params.limit ?? 50);
      const slice = lines.slice(start, limit === 0 ? undefined : start + limit);
      return new WithTotal(
        slice.map((t, i) => ({ n: start + i + 1, t })),
        lines.length,
      );
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

function taskOf(ctx: RequestContext) {
  const upid = ctx.path.upid!;
  if (!parseUpid(upid)) throw paramError({ upid: 'unable to parse worker upid' });
  settleTasks(ctx.state, ctx.nowMs);
  const task = ctx.state.tasks.get(upid);
  if (!task || task.node !== ctx.path.node) throw paramError({ upid: 'no such task' });
  return task;
}
