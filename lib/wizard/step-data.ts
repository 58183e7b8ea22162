/**
 * What each step loads from the server (or the create reports), as the loaders and the create
 * return it: the wizard state keeps it per step, typed, so screens read it without casts.
 */
import type { CreationResult, Progress } from '../../services/create-stages/types';
import type {
  Bridge,
  IsoImage,
  MachineVersion,
  Listed,
  NodeInfo,
  Pool,
  StorageInfo,
  ImportImage,
  TagColor,
} from '../../services/proxmox-api';
import type { CpuModelChoice } from '../model/cpu-models';
import type { NodeLoad } from '../model/node-load';
import type { PermissionAnswers } from '../model/privileges';
import type { Step } from './steps';

export interface GeneralData {
  nodes: Listed<NodeInfo>;
  pools: Listed<Pool>;
  tags: string[];
  /** The cluster's `tag-style` colours by tag (from the same answer as `tags`). */
  tagColors: ReadonlyMap<string, TagColor>;
  /** Each node's hour of load, as far as asked for (lib/wizard/node-load.ts). */
  nodeLoad?: Readonly<Record<string, NodeLoad>>;
}

export interface OsData {
  storages: StorageInfo[];
  /** The storage whose ISOs are listed. */
  storage: string;
  isos: IsoImage[];
  /** Why the storage differs from the default (e.g. no `cephfs` on this node). */
  notice?: string;
}

/** System and Disks: the node's storages for VM images. */
export interface StoragesData {
  storages: StorageInfo[];
  notice?: string;
  /** Disks: the images a disk may be imported from (storages with `import` content). */
  importImages?: ImportImage[];
}

/** System: the storages for EFI and TPM, and the node's machine versions. */
export interface SystemData extends StoragesData {
  /** `capabilities/qemu/machines`, newest first; absent while unknown. */
  machines?: MachineVersion[];
  /** Why the machine versions are not there (the version stays on Latest). */
  machinesProblem?: string;
}

export interface CpuData {
  /** The node's CPU models, sorted and labelled as the web UI shows them. */
  models: CpuModelChoice[];
  /** The server's release (which CPU flags it accepts); absent when unknown. */
  release?: string;
  /** The node's list was not available: the built-in one is offered. */
  notice?: string;
}

export interface MemoryData {
  /** `allow-ksm` exists on Proxmox VE 9.1 and later. */
  allowKsmSupported: boolean;
  release: string;
}

export interface NetworkData {
  bridges: string[];
  /** What the web UI's BridgeSelector shows of each (active, comment), by `iface`. */
  bridgeDetails?: Bridge[];
  notice?: string;
}

export interface ConfirmData {
  /** The chosen VM ID is still free (someone else may have taken it meanwhile). */
  vmidFree: boolean;
  nextFree?: number;
  release: string;
  /** `allow-ksm` exists on the server (Proxmox VE 9.1 and later). */
  allowKsmSupported: boolean;
  /** The user's privileges on the paths the create needs; absent when the server did not say. */
  permissions?: PermissionAnswers;
}

export type CreatedVm = Extract<CreationResult, { kind: 'created' }>;
/** A create that made no VM (`failed`) or may have (`unknown`). */
export type CreateFailure = Extract<CreationResult, { kind: 'failed' | 'unknown' }>;

/** Per step, what it holds in `WizardState.data`. */
export interface StepData {
  general: GeneralData;
  os: OsData;
  system: SystemData;
  disks: StoragesData;
  cpu: CpuData;
  memory: MemoryData;
  network: NetworkData;
  confirm: ConfirmData;
  /** The progress of the create under way. */
  submitting: Progress;
  /** The VM just created. */
  done: CreatedVm;
}

/** What `step` loads (nothing for a step without data, e.g. the login). */
export type DataOf<S extends Step> = S extends keyof StepData ? StepData[S] : never;
