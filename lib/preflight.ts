/**
 * The permission preflight: before Create, the server is asked for the user's privileges on
 * every path the create needs (`GET /access/permissions?path=…`), so what is missing shows on
 * Confirm (and stops `pvevm create`) instead of a 403 after pressing Create.
 */
import { ProxmoxError } from '../services/errors';
import type { ProxmoxApi } from '../services/proxmox-api';
import { creationPlan } from './creation';
import type { VmConfig } from './model/config';
import {
  missingPrivileges,
  neededPaths,
  privilegeNeeds,
  type PermissionAnswers,
  type PrivilegeNeed,
} from './model/privileges';

function createNeeds(config: VmConfig, release: string): PrivilegeNeed[] {
  return privilegeNeeds(config, creationPlan(config, release).params);
}

/**
 * The privileges on each path creating `config` needs, and on `/` (HA, start order and a
 * physical CD need it; Confirm may switch them on). Undefined when the server would not say.
 */
export async function loadPermissions(
  api: ProxmoxApi,
  config: VmConfig,
): Promise<PermissionAnswers | undefined> {
  // The release only decides whether HA goes into the create call: the paths stay the same.
  const paths = [...new Set(['/', ...neededPaths(createNeeds(config, ''))])];
  try {
    const answers = await Promise.all(paths.map((path) => api.permissions(path)));
    return Object.fromEntries(paths.map((path, i) => [path, answers[i]![path] ?? {}]));
  } catch (err) {
    if (err instanceof ProxmoxError) return undefined;
    throw err;
  }
}

/** What creating `config` needs and the answers say the user lacks (nothing without answers). */
export function missingForCreate(
  config: VmConfig,
  release: string,
  answers: PermissionAnswers | undefined,
): PrivilegeNeed[] {
  return answers ? missingPrivileges(createNeeds(config, release), answers) : [];
}
