/**
 * The Disks step's images to import: every storage of the node with `import` content, and of
 * each the disk images the web UI's HDEdit.js offers (`qcow2`, `vmdk`, `raw`: an OVA is the
 * guest import's, not a disk's).
 */
import type { ImportImage, ProxmoxApi } from '../../services/proxmox-api';
import { collate } from '../model/collate';
import { importableImage } from '../model/disk-import';

/** The images, sorted by volume id; none when the node has no import storage or it fails. */
export async function loadImportImages(api: ProxmoxApi, node: string): Promise<ImportImage[]> {
  const storages = await api.storages(node, 'import').catch(() => []);
  const lists = await Promise.allSettled(storages.map((s) => api.importImages(node, s.storage)));
  return lists
    .flatMap((l) => (l.status === 'fulfilled' ? [...l.value] : []))
    .filter(importableImage)
    .sort((a, b) => collate(a.volid, b.volid));
}
