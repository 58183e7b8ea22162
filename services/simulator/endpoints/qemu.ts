/** `/nodes/{node}/qemu`: creating a VM, reading and changing its config, starting it. */
import { cpuFlagsProblemFor } from '../cpu-format';
import { SimError } from '../errors';
import { checkConfigKeys, checkCreate, checkVm } from '../permissions';
import { startTask } from '../tasks';
import { createVm } from '../vm-create';
import { onlineNode, vmOf, type Route } from './route';

export const QEMU_ROUTES: Route[] = [
  {
    endpoint: 'POST /nodes/{node}/qemu',
    handle: (ctx) => {
      const node = onlineNode(ctx);
      const params = Object.fromEntries(Object.entries(ctx.params).filter(([k]) => k !== 'node'));
      const flags = cpuFlagsProblemFor(ctx.state.version, params.cpu);
      if (flags) throw new SimError(400, 'Parameter verification failed.', { cpu: flags });
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
];
