/**
 * The API endpoints the simulator serves, by area (endpoints/), and which one a method and path
 * call: `{name}` segments of the schema's paths match any value.
 */
import { ACCESS_ROUTES } from './endpoints/access';
import { CLUSTER_ROUTES } from './endpoints/cluster';
import { NODE_ROUTES } from './endpoints/node';
import { QEMU_ROUTES } from './endpoints/qemu';
import type { Route } from './endpoints/route';
import { TASK_ROUTES } from './endpoints/tasks';

export const ROUTES: Route[] = [
  ...ACCESS_ROUTES,
  ...CLUSTER_ROUTES,
  ...NODE_ROUTES,
  ...QEMU_ROUTES,
  ...TASK_ROUTES,
];

export interface Match {
  route: Route;
  /** The path's parameters: `{node}` → `pve1`. */
  path: Record<string, string>;
}

export function findRoute(method: string, apiPath: string): Match | undefined {
  const segments = apiPath.split('/').filter(Boolean).map(decodeURIComponent);
  for (const route of ROUTES) {
    const [m, pattern] = route.endpoint.split(' ') as [string, string];
    if (m !== method) continue;
    const parts = pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const path: Record<string, string> = {};
    if (
      parts.every((p, i) =>
        p.startsWith('{') ? ((path[p.slice(1, -1)] = segments[i]!), true) : p === segments[i],
      )
    ) {
      return { route, path };
    }
  }
  return undefined;
}
