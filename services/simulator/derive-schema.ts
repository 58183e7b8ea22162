/**
 * Derives the trimmed API schema the simulator validates against from the official Proxmox VE
 * API schema (../shared/pve-schema/apidata-pve-docs-{8.3,9.1}.json): only the endpoints pvevm
 * calls, only facts (types, enums, patterns, ranges, property-string formats), no prose.
 * Run with `npm run derive-schema`; the output is committed so tests never need ../shared.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface SchemaNode {
  path: string;
  info?: Record<string, { parameters?: { properties?: Record<string, Record<string, unknown>> } }>;
  children?: SchemaNode[];
}

/** The calls pvevm (and the simulator's own tests) make. */
export const ENDPOINTS = [
  'GET /access/domains',
  'POST /access/ticket',
  'GET /access/permissions',
  'GET /version',
  'GET /nodes',
  'GET /cluster/nextid',
  'GET /pools',
  'GET /cluster/options',
  // Its tag-style format: the simulator checks its clusters' colour maps as datacenter.cfg's.
  'PUT /cluster/options',
  'GET /cluster/resources',
  'GET /nodes/{node}/status',
  'GET /nodes/{node}/rrddata',
  'GET /nodes/{node}/storage',
  'GET /nodes/{node}/storage/{storage}/content',
  'GET /nodes/{node}/network',
  'GET /nodes/{node}/capabilities/qemu/cpu',
  'GET /nodes/{node}/capabilities/qemu/machines',
  'POST /nodes/{node}/qemu',
  'GET /nodes/{node}/qemu/{vmid}/config',
  'PUT /nodes/{node}/qemu/{vmid}/config',
  'GET /nodes/{node}/qemu/{vmid}/status/current',
  'POST /nodes/{node}/qemu/{vmid}/status/start',
  'GET /nodes/{node}/tasks',
  'GET /nodes/{node}/tasks/{upid}/status',
  'GET /nodes/{node}/tasks/{upid}/log',
  'GET /cluster/ha/resources',
  'POST /cluster/ha/resources',
] as const;

/** Highest index of each `name[n]` parameter (qemu-server's MAX_* constants). */
const INDEXED: Record<string, number> = {
  ide: 3,
  sata: 5,
  scsi: 30,
  virtio: 15,
  net: 31,
  serial: 3,
  parallel: 2,
  usb: 13,
  hostpci: 15,
  unused: 255,
  ipconfig: 31,
  numa: 7,
  virtiofs: 9,
};

const PROSE = new Set(['description', 'verbose_description', 'format_description', 'typetext']);

function trim(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (PROSE.has(k)) continue;
    if (k === 'format' && v && typeof v === 'object') {
      out.format = Object.fromEntries(
        Object.entries(v as Record<string, Record<string, unknown>>).map(([key, sub]) => [
          key,
          trim(sub),
        ]),
      );
    } else out[k] = v;
  }
  return out;
}

function index(nodes: SchemaNode[], into = new Map<string, SchemaNode>()): Map<string, SchemaNode> {
  for (const n of nodes) {
    into.set(n.path, n);
    index(n.children ?? [], into);
  }
  return into;
}

export function derive(apidata: SchemaNode[]): Record<string, Record<string, unknown>> {
  const byPath = index(apidata);
  const out: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
    const [method, path] = endpoint.split(' ') as [string, string];
    const info = byPath.get(path)?.info?.[method];
    if (!info) throw new Error(`${endpoint} is not in the schema`);
    const props = info.parameters?.properties ?? {};
    const params: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(props)) {
      const m = /^(\w+)\[n\]$/.exec(name);
      if (!m) {
        params[name] = trim(spec);
        continue;
      }
      const max = INDEXED[m[1]!];
      if (max === undefined) throw new Error(`no index range known for ${name}`);
      // `maxIndex`: `scsi[n]` stands for scsi0 … scsi30.
      params[name] = { ...trim(spec), maxIndex: max };
    }
    out[endpoint] = params;
  }
  return out;
}

if (require.main === module) {
  const shared = process.argv[2] ?? join(process.cwd(), '..', 'shared', 'pve-schema');
  const result: Record<string, unknown> = {};
  for (const version of ['8.3', '9.1']) {
    const apidata = JSON.parse(
      readFileSync(join(shared, `apidata-pve-docs-${version}.json`), 'utf8'),
    ) as SchemaNode[];
    result[version] = derive(apidata);
  }
  const target = join(__dirname, '..', '..', '..', 'services', 'simulator', 'api-schema.json');
  writeFileSync(target, JSON.stringify(result) + '\n');
  console.log(`wrote ${target}`);
}
