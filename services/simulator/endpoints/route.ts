/** What an endpoint handler gets and gives, and the node and VM lookups most of them share. */
import type { TicketAuthority } from '../auth';
import { SimError } from '../errors';
import type { ClusterState } from '../state';
import type { EndpointSchema } from '../validate';

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
export function onlineNode(ctx: RequestContext): string {
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

export function vmOf(ctx: RequestContext) {
  const node = onlineNode(ctx);
  const vmid = Number(ctx.path.vmid);
  const vm = ctx.state.vms.get(vmid);
  if (!vm || vm.node !== node) throw CONFIG_MISSING(node, vmid);
  return vm;
}
