/**
 * The machine versions a node lists (`GET /nodes/{node}/capabilities/qemu/machines`), as
 * qemu-server's `src/PVE/API2/Qemu/Machine.pm` builds them: QEMU's machine-versions-<arch>.json
 * plus the `+pveN` revisions of qemu-server's `$PVE_MACHINE_VERSION` (Machine.pm), newest first
 * (`machine_version_cmp`, a stable sort). Proxmox VE 8.3 ships QEMU 9.0, 9.1 ships QEMU 10.1.
 */
import type { PveVersion } from './state';

export interface SimMachine {
  id: string;
  type: string;
  version: string;
  changes?: string;
}

/** Machine.pm `$PVE_MACHINE_VERSION` (the revisions a release of qemu-server knows). */
const REVISIONS: Record<PveVersion, Record<string, Record<string, string>>> = {
  '8.3': {
    '4.1': {
      '+pve1': 'Introduction of pveX versioning, no changes.',
      '+pve2': 'Increases the number of SCSI drives supported.',
    },
  },
  '9.1': {
    '4.1': {
      '+pve1': 'Introduction of pveX versioning, no changes.',
      '+pve2': 'Increases the number of SCSI drives supported.',
    },
    '9.2': { '+pve1': 'Disables S3/S4 power states by default.' },
    '10.0': { '+pve1': 'Set host_mtu vNIC option even with default value for migration compat.' },
  },
};

/** QEMU's machine versions, newest first: [newest, oldest of x86_64, oldest of virt]. */
const QEMU: Record<PveVersion, string[]> = {
  '8.3': ['9.0', '8.2', '8.1', '8.0', '7.2', '7.1', '7.0', '6.2', '6.1', '6.0', '5.2', '5.1'],
  '9.1': ['10.1', '10.0', '9.2', '9.1', '9.0', '8.2', '8.1', '8.0', '7.2', '7.1', '7.0', '6.2'],
};
const OLD = ['5.0', '4.2', '4.1', '4.0', '3.1', '3.0', '2.12', '2.11', '2.10', '2.9', '2.8'];

function parts(version: string): number[] {
  const m = /^(\d+)\.(\d+)(?:\+pve(\d+))?/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : [0, 0, 0];
}

function newestFirst(a: SimMachine, b: SimMachine): number {
  const [x, y] = [parts(a.version), parts(b.version)];
  return y[0]! - x[0]! || y[1]! - x[1]! || y[2]! - x[2]!;
}

export function machineVersions(release: PveVersion, arch: 'x86_64' | 'aarch64'): SimMachine[] {
  const versions = [...QEMU[release], ...OLD];
  const base: SimMachine[] = versions.flatMap((version) =>
    arch === 'aarch64'
      ? [{ id: `virt-${version}`, type: 'virt', version }]
      : [
          { id: `pc-i440fx-${version}`, type: 'i440fx', version },
          { id: `pc-q35-${version}`, type: 'q35', version },
        ],
  );
  const revisions = base.flatMap((m) =>
    Object.entries(REVISIONS[release][m.version] ?? {}).map(([rev, changes]) => ({
      id: `${m.id}${rev}`,
      type: m.type,
      version: `${m.version}${rev}`,
      changes,
    })),
  );
  return [...base, ...revisions].sort(newestFirst);
}

/** qemu-server Machine.pm `assert_valid_machine_property`, run by the create task. */
export function assertMachineProperty(value: string): void {
  const props = new Map(
    value.split(',').map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? ['type', part] : [part.slice(0, eq), part.slice(eq + 1)];
    }),
  );
  if (props.get('viommu') === 'intel' && !/q35/.test(props.get('type') ?? ''))
    throw new Error('to use Intel vIOMMU please set the machine type to q35');
}
