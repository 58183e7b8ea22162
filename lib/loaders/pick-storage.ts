/** Which storage a step lists or fills in when the chosen one is not there. Pure. */
import type { StorageInfo } from '../../services/proxmox-api';
import { STORAGE_ID } from '../model/rules';

/** The ISO storage to list: the chosen one, else the site's/`cephfs`, else the first. */
export function pickStorage(
  storages: readonly StorageInfo[],
  chosen: string,
  preferred: string,
): { storage: string; notice?: string } {
  if (storages.some((s) => s.storage === chosen)) return { storage: chosen };
  if (storages.some((s) => s.storage === preferred)) return { storage: preferred };
  // An id Proxmox would refuse (a hostile server's) is never the default.
  const first =
    storages.find((s) => STORAGE_ID.test(s.storage))?.storage ?? storages[0]?.storage ?? '';
  return {
    storage: first,
    notice: first ? `No ${preferred} storage on this node: using ${first}` : undefined,
  };
}
