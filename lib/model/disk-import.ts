/**
 * Importing an existing disk image (`import-from`, Proxmox VE 8.2+) as the web UI's HDEdit.js
 * does it: the source an image of a storage with `import` content, the target
 * `<storage>:0,import-from=<volid>` (qemu-server API2/Qemu.pm: "'import-from' requires special
 * syntax - use <storage ID>:0,import-from=<source>"), the size the image's. Pure.
 */
import type { Choice } from './options';

export const DISK_SOURCES = [
  { value: 'new', label: 'New empty disk' },
  { value: 'import', label: 'Import a disk image' },
] as const satisfies readonly Choice[];
export type DiskSource = (typeof DISK_SOURCES)[number]['value'];

/** HDEdit.js's file filter: the formats a disk can be imported from. */
export const IMPORT_FORMATS = ['qcow2', 'vmdk', 'raw'] as const;

export function importableImage(image: { format: string }): boolean {
  return (IMPORT_FORMATS as readonly string[]).includes(image.format);
}

/** `local:import/debian.qcow2` → `debian.qcow2`. */
export function importFileName(volid: string): string {
  return volid.replace(/^[^:]*:(import\/)?/, '');
}

export const IMPORT_REQUIRED = 'Choose a disk image to import';
