/**
 * `POST /nodes/{node}/qemu` as qemu-server does it: synchronous checks answer at once; the
 * rest runs in a `qmcreate` task that allocates volumes in sorted parameter order, writes the
 * final configuration (MAC, volume ids, sizes, boot order, ids) and ends `TASK OK` — or fails
 * inside the task and leaves no VM.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { paramError, SimError } from './errors';
import { assertMachineProperty } from './machine-versions';
import { inTwoPhases } from './task-phases';
import { startTask } from './tasks';
import type { ClusterState, SimTask, SimVm } from './state';
import { parsePropertyString, type EndpointSchema } from './validate';

const DRIVE = /^(ide|sata|scsi|virtio)(\d+)$/;
const GiB = 1024 ** 3;

export interface CreateOptions {
  node: string;
  params: Record<string, string>;
  user: string;
  nowMs: number;
  durationMs: number;
  schema: EndpointSchema;
  /** A fault: end the task with this error instead. */
  taskError?: string;
  /** A fault: the task logs this many warnings (and ends `WARNINGS: n`). */
  taskWarnings?: number;
  /** A fault: keep the config locked this long after the task ends. */
  extraLockMs?: number;
}

function driveValues(name: string, value: string, schema: EndpointSchema): Record<string, string> {
  const spec = schema[name.replace(/\d+$/, '[n]')] ?? schema[name];
  return spec && typeof spec.format === 'object'
    ? parsePropertyString(value, spec.format).values
    : {};
}

function sizeText(gib: number): string {
  return Number.isInteger(gib) ? `${gib}G` : `${Math.round(gib * 1024)}M`;
}

function mac(): string {
  const b = randomBytes(3);
  return [
    'BC',
    '24',
    '11',
    ...[...b].map((x) => x.toString(16).toUpperCase().padStart(2, '0')),
  ].join(':');
}

/** Checks made before the task starts; they answer the HTTP call itself. */
function precheck(state: ClusterState, o: CreateOptions): void {
  const vmid = Number(o.params.vmid);
  const existing = state.vms.get(vmid);
  if (existing) {
    throw new SimError(
      500,
      `unable to create VM ${vmid} - VM ${vmid} already exists on node '${existing.node}'`,
    );
  }
  for (const [name, value] of Object.entries(o.params)) {
    const m = DRIVE.exec(name);
    if (!m && name !== 'efidisk0' && name !== 'tpmstate0') continue;
    const drive = driveValues(name, value, o.schema);
    const file = drive.file ?? '';
    if (drive.media === 'cdrom' && m?.[1] === 'virtio') {
      throw paramError({ [name]: 'invalid format - unable to parse drive options' });
    }
    if (/:iso\//.test(file) && drive.media !== 'cdrom') {
      throw paramError({ [name]: "explicit 'media=cdrom' is required for iso images" });
    }
    if (drive['import-from'] !== undefined) checkImport(state, name, file, drive['import-from']);
    const newDisk = /^([^/:\s]+):(\d+(\.\d+)?)$/.exec(file);
    if (newDisk) {
      const storage = state.storages.find((s) => s.storage === newDisk[1]);
      if (!storage || !storage.nodes.includes(o.node)) {
        throw new SimError(500, `storage '${newDisk[1]}' does not exist`);
      }
      if (!storage.content.includes('images')) {
        throw paramError({ storage: `storage '${storage.storage}' does not support vm images` });
      }
    }
  }
  if (o.params.pool && !state.pools.some((p) => p.poolid === o.params.pool)) {
    throw new SimError(403, `Permission check failed (pool '${o.params.pool}' does not exist)`);
  }
}

/**
 * qemu-server API2/Qemu.pm `check_drive_param` and `create_disks`' checks of `import-from`: the
 * target is `<storage>:0`; the source a volume of type `images` or `import` on a storage there.
 */
function checkImport(state: ClusterState, name: string, file: string, source: string): void {
  const target = /^(([^/:\s]+):)?(\d+(\.\d+)?)$/.exec(file);
  if (!target || Number(target[3]) !== 0) {
    throw paramError({
      [name]: "'import-from' requires special syntax - use <storage ID>:0,import-from=<source>",
    });
  }
  const src = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$/i.exec(source);
  if (!src) return; // an absolute path: root's business
  if (!state.storages.some((s) => s.storage === src[1]))
    throw new SimError(500, `storage '${src[1]}' does not exist`);
  const vtype = /^(images|import|iso)\//.exec(src[2]!)?.[1] ?? 'images';
  if (vtype !== 'images' && vtype !== 'import')
    throw paramError({
      [name]: `${source} has wrong type '${vtype}' - needs to be 'images' or 'import'`,
    });
}

/** The image `import-from` names, or undefined when the storage has no such volume. */
function importSource(state: ClusterState, source: string) {
  const m = /^([^:]+):import\/(.+)$/.exec(source);
  return m ? state.imports?.find((i) => i.storage === m[1] && i.file === m[2]) : undefined;
}

/** A drive as stored: an ISO with its size, a new volume allocated on its storage, or as given. */
function storeDrive(
  state: ClusterState,
  o: CreateOptions,
  vmid: number,
  name: string,
  disks: { next: number; log: string[] },
): string {
  const value = o.params[name]!;
  const drive = driveValues(name, value, o.schema);
  const file = drive.file ?? value;
  const rest = value.includes(',')
    ? value
        .slice(value.indexOf(',') + 1)
        .split(',')
        .filter((p) => !p.startsWith('format=') && !p.startsWith('import-from='))
    : [];
  const iso = /^([^:]+):iso\/(.+)$/.exec(file);
  if (iso) {
    const found = state.isos.find((i) => i.storage === iso[1] && i.file === iso[2]);
    if (!found) throw new Error(`unable to create VM ${vmid} - volume ${file} does not exist`);
    return [file, ...rest, `size=${Math.round(found.size / 1024 ** 2)}M`].join(',');
  }
  const newDisk = /^([^/:\s]+):(\d+(\.\d+)?)$/.exec(file);
  if (!newDisk) return value;
  const storage = state.storages.find((s) => s.storage === newDisk[1])!;
  let gib = name === 'efidisk0' || name === 'tpmstate0' ? 4 / 1024 : Number(newDisk[2]);
  const source = drive['import-from'];
  if (source !== undefined) {
    // Qemu.pm `import_from_volid`, in the task: the source's size is the new disk's.
    const image = importSource(state, source);
    if (!image) throw new Error(`unable to create VM ${vmid} - could not get size of ${source}`);
    gib = image.size / GiB;
  }
  if (storage.used + gib * GiB > storage.total) {
    throw new Error(
      `unable to create VM ${vmid} - storage '${storage.storage}' is full: cannot allocate ${sizeText(gib)}`,
    );
  }
  storage.used += gib * GiB;
  const volid = `${storage.storage}:vm-${vmid}-disk-${disks.next++}`;
  const stored = [
    volid,
    ...rest.map((p) => p.replace(/=on$/, '=1')),
    `size=${name === 'efidisk0' || name === 'tpmstate0' ? '4M' : sizeText(gib)}`,
  ].join(',');
  disks.log.push(`${name}: successfully created disk '${stored}'`);
  return stored;
}

/** Network devices without a MAC get one with Proxmox's prefix. */
function assignMacs(config: Record<string, string | number>): void {
  for (const [name, value] of Object.entries(config)) {
    if (/^net\d+$/.test(name) && typeof value === 'string') {
      const [model, ...rest] = value.split(',');
      if (model && !model.includes('=')) config[name] = [`${model}=${mac()}`, ...rest].join(',');
    }
  }
}

/** Without a boot order: the first disk, the first CD drive, the first network device. */
function defaultBootOrder(config: Record<string, string | number>): void {
  if (config.boot) return;
  const disks = Object.keys(config).filter(
    (k) => DRIVE.test(k) && !String(config[k]).includes('media=cdrom'),
  );
  const cds = Object.keys(config).filter(
    (k) => DRIVE.test(k) && String(config[k]).includes('media=cdrom'),
  );
  const nets = Object.keys(config).filter((k) => /^net\d+$/.test(k));
  const order = [...disks.slice(0, 1), ...cds.slice(0, 1), ...nets.slice(0, 1)];
  if (order.length > 0) config.boot = `order=${order.join(';')}`;
}

/** What the finished VM's configuration looks like, or the error that ends the task. */
function build(
  state: ClusterState,
  o: CreateOptions,
  vmid: number,
  log: string[],
): Record<string, string | number> {
  const config: Record<string, string | number> = {};
  if (o.params.machine !== undefined) assertMachineProperty(o.params.machine);
  const disks = { next: 0, log };
  for (const name of Object.keys(o.params).sort()) {
    const value = o.params[name]!;
    if (name === 'vmid' || name === 'start' || name === 'ha-managed' || name === 'storage')
      continue;
    const isDrive = DRIVE.test(name) || name === 'efidisk0' || name === 'tpmstate0';
    if (isDrive) config[name] = storeDrive(state, o, vmid, name, disks);
    else
      config[name] =
        /^\d+$/.test(value) && name !== 'memory' && name !== 'tags' && name !== 'name'
          ? Number(value)
          : value;
  }
  assignMacs(config);
  defaultBootOrder(config);
  config.smbios1 = `uuid=${randomUUID()}`;
  config.vmgenid = randomUUID();
  config.meta = `creation-qemu=9.0.2,ctime=${Math.floor(o.nowMs / 1000)}`;
  return config;
}

/** What follows a created VM in the same task: a longer lock, warnings, HA, the start. */
function followOn(state: ClusterState, o: CreateOptions, vm: SimVm, task: SimTask): void {
  const { vmid } = vm;
  const at = task.start + task.duration;
  const id = String(vmid);
  if (o.extraLockMs) {
    startTask(state, {
      node: o.node,
      type: 'qmlock',
      id,
      user: o.user,
      start: at,
      duration: o.extraLockMs,
    }).finish = () => {
      delete vm.config.lock;
    };
  }
  if (o.taskWarnings) {
    for (let i = 1; i <= o.taskWarnings; i++) task.log.push(`WARN: simulated warning ${i}`);
    task.exitstatus = `WARNINGS: ${o.taskWarnings}`;
  }
  if (o.params['ha-managed'] === '1') {
    state.ha.push({ sid: `vm:${vmid}`, state: o.params.start === '1' ? 'started' : 'stopped' });
    task.log.push(
      `ha-manager add vm:${vmid} --state ${o.params.start === '1' ? 'started' : 'stopped'}`,
    );
  }
  if (o.params.start === '1') {
    const start = startTask(state, {
      node: o.node,
      type: 'qmstart',
      id,
      user: o.user,
      start: at,
      duration: 0,
    });
    start.finish = () => {
      state.vms.get(vmid)!.status = 'running';
    };
  }
}

export function createVm(state: ClusterState, o: CreateOptions): SimTask {
  precheck(state, o);
  const vmid = Number(o.params.vmid);
  const vm: SimVm = { vmid, node: o.node, config: { lock: 'create' }, status: 'stopped' };
  state.vms.set(vmid, vm);
  const task = startTask(state, {
    node: o.node,
    type: 'qmcreate',
    id: String(vmid),
    user: o.user,
    start: o.nowMs,
    duration: o.durationMs,
  });
  inTwoPhases(
    task,
    () => {
      if (o.taskError) throw new Error(o.taskError);
      return build(state, o, vmid, task.log);
    },
    (config) => {
      vm.config = o.extraLockMs ? { ...config, lock: 'create' } : config;
      followOn(state, o, vm, task);
    },
    (err) => {
      state.vms.delete(vmid);
      task.exitstatus = (err instanceof Error ? err.message : String(err)).replace(/\n/g, ' ');
      if (!task.exitstatus.startsWith('unable to create VM'))
        task.exitstatus = `unable to create VM ${vmid} - ${task.exitstatus}`;
    },
  );
  return task;
}
