/**
 * The default installation ISO: the latest NixOS minimal ISO. "Latest" is the highest YY.MM,
 * then the highest build number (a release above its pre/beta builds), then the newest file;
 * the node's architecture is preferred. Pure.
 */
export type Arch = 'x86_64' | 'aarch64';

export interface IsoFile {
  volid: string;
  ctime?: number;
}

const NIXOS_MINIMAL =
  /^nixos-minimal-(\d{2})\.(\d{2})((?:pre|beta)\d*)?(?:\.(\d+))?(?:\.([0-9a-f]+))?(?:-git)?-(x86_64|aarch64)-linux\.iso$/;

export interface NixosIso {
  year: number;
  month: number;
  prerelease: boolean;
  build: number;
  arch: Arch;
}

/** What a NixOS minimal ISO's file name says, or undefined for any other file. */
export function parseNixosIso(volid: string): NixosIso | undefined {
  const file = volid.slice(volid.lastIndexOf('/') + 1);
  const m = NIXOS_MINIMAL.exec(file);
  if (!m) return undefined;
  const pre = m[3] ?? '';
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    prerelease: pre !== '',
    // A pre/beta build number is glued to the version (`24.11pre669741`).
    build: Number(m[4] ?? /\d+$/.exec(pre)?.[0] ?? 0),
    arch: m[6] as Arch,
  };
}

function compare(a: NixosIso & IsoFile, b: NixosIso & IsoFile): number {
  return (
    a.year - b.year ||
    a.month - b.month ||
    Number(b.prerelease) - Number(a.prerelease) ||
    a.build - b.build ||
    (a.ctime ?? 0) - (b.ctime ?? 0)
  );
}

/** The volid to preselect, or undefined when no NixOS minimal ISO is there. */
export function chooseDefaultIso(
  isos: readonly IsoFile[],
  arch: Arch = 'x86_64',
): string | undefined {
  // One pass, no copy of the list: only NixOS minimal ISOs become candidates.
  const candidates: (NixosIso & IsoFile)[] = [];
  for (const { volid, ctime } of isos) {
    if (!volid.includes('nixos-minimal-')) continue;
    const parsed = parseNixosIso(volid);
    if (parsed) candidates.push({ ...parsed, volid, ctime });
  }
  const own = candidates.filter((c) => c.arch === arch);
  const pool = own.length > 0 ? own : candidates;
  return pool.sort(compare).at(-1)?.volid;
}
