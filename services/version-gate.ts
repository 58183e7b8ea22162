/** Parameters only newer Proxmox VE releases accept; older ones answer 400 for them. */
const FIRST_RELEASE: Record<string, [number, number]> = {
  'ha-managed': [9, 1],
  'allow-ksm': [9, 1],
};

export function supportsParam(release: string, param: string): boolean {
  const needed = FIRST_RELEASE[param];
  if (!needed) return true;
  const [major = 0, minor = 0] = release.split('.').map(Number);
  return major > needed[0] || (major === needed[0] && minor >= needed[1]);
}
