/**
 * Choices that name something on the server — the node, storages, the ISO, the bridge — and the
 * VM ID. A value a spec or preset gives is explicit: when the server lacks it, it stays and is
 * reported at its field; only values left open are filled with defaults. Pure.
 */
import { isObject } from './json';
import { efiDiskUsed } from './availability';
import type { VmConfig } from './config';
import type { FieldIssue, ValidatedSection } from './schemas';

/** `general.node`, `disks[1].storage` …: a choice field by its path in the configuration. */
export type ChoicePath = string;

/** What the server offers for the choice fields, from the step loaders (names only). */
export interface Offered {
  /** Every node of the cluster, and which of them are online. */
  nodes?: { all: string[]; online: string[] };
  /** The node the storages and bridges below are from. */
  node?: string;
  isoStorages?: string[];
  /** The ISO images of `isoStorage` (`volid`s). */
  isos?: { storage: string; volids: string[] };
  imageStorages?: string[];
  bridges?: string[];
}

const SECTION_FIELDS: Record<string, ChoicePath[]> = {
  general: ['general.node', 'general.vmid'],
  os: ['os.isoStorage', 'os.iso'],
  system: ['system.efiStorage', 'system.tpmStorage'],
  network: ['network.bridge'],
};

/**
 * The choice fields a spec or preset sets, over those `before` set (a spec over its preset).
 * A spec's `disks` replace the preset's, and with them the preset's disk storages.
 */
export function explicitChoices(data: unknown, before: readonly ChoicePath[] = []): ChoicePath[] {
  if (!isObject(data)) return [...before];
  const own: ChoicePath[] = [];
  for (const paths of Object.values(SECTION_FIELDS)) {
    for (const path of paths) {
      const [section, field] = path.split('.') as [string, string];
      const values = data[section];
      if (isObject(values) && values[field] !== undefined) own.push(path);
    }
  }
  if (Array.isArray(data.disks)) {
    data.disks.forEach((disk, i) => {
      if (isObject(disk) && disk.storage !== undefined) own.push(`disks[${i}].storage`);
    });
  }
  // A spec's list of network devices (its new form): net0's bridge, then net1…'s.
  if (Array.isArray(data.network)) {
    data.network.forEach((nic, i) => {
      if (isObject(nic) && nic.bridge !== undefined)
        own.push(i === 0 ? 'network.bridge' : `network.extraNics[${i - 1}].bridge`);
    });
  }
  const replaced = (p: string) =>
    (Array.isArray(data.disks) && p.startsWith('disks[')) ||
    (Array.isArray(data.network) && p.startsWith('network.'));
  const kept = before.filter((p) => !replaced(p));
  return [...new Set([...kept, ...own])];
}

/** The choice fields that matter for this configuration, with their values. */
export function choiceValues(config: VmConfig): [ChoicePath, string][] {
  const { general, os, system, network } = config;
  const out: [ChoicePath, string][] = [
    ['general.node', general.node],
    ['general.vmid', general.vmid],
  ];
  if (os.media === 'iso') out.push(['os.isoStorage', os.isoStorage], ['os.iso', os.iso]);
  if (efiDiskUsed(system)) out.push(['system.efiStorage', system.efiStorage]);
  if (system.tpm) out.push(['system.tpmStorage', system.tpmStorage]);
  config.disks.forEach((d, i) => out.push([`disks[${i}].storage`, d.storage]));
  if (!network.noNetwork) out.push(['network.bridge', network.bridge]);
  if (!network.noNetwork)
    network.extraNics.forEach((n, i) => out.push([`network.extraNics[${i}].bridge`, n.bridge]));
  return out;
}

/** Up to five names, then how many more; `none` for an empty list. */
function listed(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/** Why the server cannot take `value` for `path`, or undefined when it can (or is not known). */
/** The last value asked of each list and its answer: a list is asked on every change. */
const lastAnswers = new WeakMap<readonly string[], { value: string; offered: boolean }>();

/**
 * Whether `names` holds `value`. The ISO list (100k names on a large storage) is asked on every
 * change of the wizard's state, almost always for the same ISO: a list is scanned once per value
 * asked, not once per change (a set of it would cost more to build than the scans it saves).
 */
export function isOffered(names: readonly string[], value: string): boolean {
  const last = lastAnswers.get(names);
  if (last?.value === value) return last.offered;
  const offered = names.includes(value);
  lastAnswers.set(names, { value, offered });
  return offered;
}

function problem(path: ChoicePath, value: string, offered: Offered): string | undefined {
  const on = offered.node ? ` on node ${offered.node}` : '';
  const missing = (what: string, names: readonly string[] | undefined) =>
    names && !names.includes(value)
      ? `${what} '${value}' does not exist${on} (available: ${listed(names)})`
      : undefined;
  if (path === 'general.node') {
    const nodes = offered.nodes;
    if (!nodes) return undefined;
    if (!nodes.all.includes(value))
      return `node '${value}' does not exist in this cluster (available: ${listed(nodes.online)})`;
    if (!nodes.online.includes(value))
      return `node '${value}' is not online (online: ${listed(nodes.online)})`;
    return undefined;
  }
  if (path === 'os.isoStorage') return missing('ISO storage', offered.isoStorages);
  if (path === 'os.iso') {
    const isos = offered.isos;
    if (!isos || !value.startsWith(`${isos.storage}:`) || isOffered(isos.volids, value))
      return undefined;
    return `ISO image '${value}' does not exist on storage ${isos.storage}${on}`;
  }
  if (path.startsWith('network.') && path.endsWith('bridge'))
    return missing('bridge', offered.bridges);
  if (path.endsWith('Storage') || path.endsWith('.storage'))
    return missing('storage', offered.imageStorages);
  return undefined;
}

/** The section (step) a choice field is on, and its field there as the step's issues name it. */
function fieldOf(path: ChoicePath): { section: ValidatedSection; field: string } {
  const disk = /^disks(\[\d+\]\.storage)$/.exec(path);
  if (disk) return { section: 'disks', field: disk[1]! };
  const dot = path.indexOf('.');
  return { section: path.slice(0, dot) as ValidatedSection, field: path.slice(dot + 1) };
}

/**
 * The choices the server lacks, as field issues (`disks` → `[0].storage`). `offered` is per
 * step: the storages the Disks step loaded judge the disks, the System step's the EFI disk.
 */
export function unavailableChoices(
  config: VmConfig,
  offered: Partial<Record<ValidatedSection, Offered>>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [path, value] of choiceValues(config)) {
    if (value === '') continue;
    const { section, field } = fieldOf(path);
    const from = offered[section];
    const message = from && problem(path, value, from);
    if (message) issues.push({ section, field, message });
  }
  return issues;
}

/** The path of a field issue in the configuration (`disks` `[0].storage` → `disks[0].storage`). */
export function issuePath(issue: Pick<FieldIssue, 'section' | 'field'>): string {
  return issue.section === 'disks' ? `disks${issue.field}` : `${issue.section}.${issue.field}`;
}
