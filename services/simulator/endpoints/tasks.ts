/** `/nodes/{node}/tasks`: a node's task list, a task's status and its log. */
import { paramError } from '../errors';
import { parseUpid, settleTasks } from '../tasks';
import { onlineNode, WithTotal, type RequestContext, type Route } from './route';

function taskOf(ctx: RequestContext) {
  const upid = ctx.path.upid!;
  if (!parseUpid(upid)) throw paramError({ upid: 'unable to parse worker upid' });
  settleTasks(ctx.state, ctx.nowMs);
  const task = ctx.state.tasks.get(upid);
  if (!task || task.node !== ctx.path.node) throw paramError({ upid: 'no such task' });
  return task;
}

export const TASK_ROUTES: Route[] = [
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
];
