/**
 * The CPU type list as the web UI shows it (pve-manager www/manager6/form/CPUModelSelector.js
 * with `PVE.Utils.cpu_vendor_map` / `cpu_vendor_order` in Utils.js): every model the node
 * lists, custom ones shown without their `custom-` prefix and marked "Custom (vendor)", sorted
 * by vendor (AMD, Intel, QEMU, Host, then the rest incl. custom models), then by name as
 * `localeCompare` orders it (./collate: without ICU for ASCII names). Pure.
 */
import type { CpuModel } from '../../services/proxmox-api';
import { collate } from './collate';

const VENDOR_MAP: Record<string, string> = {
  default: 'QEMU',
  AuthenticAMD: 'AMD',
  GenuineIntel: 'Intel',
};
const VENDOR_ORDER: Record<string, number> = { AMD: 1, Intel: 2, QEMU: 3, Host: 4 };
const OTHER_VENDOR = 5;

export interface CpuModelChoice {
  /** What `cpu` is set to (`custom-` kept). */
  value: string;
  /** The model's name as the web UI shows it. */
  name: string;
  vendor: string;
}

/** The vendor column: `host` is "Host", QEMU's CPUID names read as vendors. */
function vendorOf(m: CpuModel): string {
  const raw = m.name === 'host' ? 'Host' : m.vendor;
  const vendor = VENDOR_MAP[raw] ?? raw;
  return m.custom ? `Custom (${vendor})` : vendor;
}

export function cpuModelChoices(models: readonly CpuModel[]): CpuModelChoice[] {
  return models
    .map((m) => ({ value: m.name, name: m.name.replace(/^custom-/, ''), vendor: vendorOf(m) }))
    .sort((a, b) => {
      const order =
        (VENDOR_ORDER[a.vendor] ?? OTHER_VENDOR) - (VENDOR_ORDER[b.vendor] ?? OTHER_VENDOR);
      return order !== 0 ? order : collate(a.value, b.value);
    });
}

/** The built-in list (no answer from the node) with the vendors the web UI would show. */
export function builtinModelChoices(names: readonly string[]): CpuModelChoice[] {
  return names.map((name) => ({ value: name, name, vendor: '' }));
}

/** One option's text: the name, then its vendor in a column of its own. */
export function cpuModelLabel(c: CpuModelChoice, nameWidth = 26): string {
  return c.vendor ? `${c.name.padEnd(nameWidth)} ${c.vendor}` : c.name;
}
