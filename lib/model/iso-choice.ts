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

const PREFIX = 'nixos-minimal-';
const SUFFIX: Record<Arch, string> = { x86_64: '-x86_64-linux.iso', aarch64: '-aarch64-linux.iso' };
const DIGIT_0 = 48;
const DOT = 46;

/** The YY.MM of a NixOS minimal ISO's file starting at `at` as YYMM, without a copy; -1 when absent. */
function versionAt(volid: string, at: number): number {
  let value = 0;
  for (let k = 0; k < 5; k++) {
    const c = volid.charCodeAt(at + PREFIX.length + k);
    if (k === 2) {
      if (c !== DOT) return -1;
      continue;
    }
    const d = c - DIGIT_0;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

type Candidate = NixosIso & IsoFile & { version: number };

/**
 * The volid to preselect, or undefined when no NixOS minimal ISO is there: the latest of the
 * node's architecture, else the latest of any. One pass over the list, nothing sorted or
 * copied; a name is parsed only when its YY.MM could be the latest so far.
 */
export function chooseDefaultIso(
  isos: readonly IsoFile[],
  arch: Arch = 'x86_64',
): string | undefined {
  let own: Candidate | undefined;
  let any: Candidate | undefined;
  for (const { volid, ctime } of isos) {
    const at = volid.lastIndexOf('/') + 1;
    if (!volid.startsWith(PREFIX, at)) continue;
    const mine = volid.endsWith(SUFFIX[arch]);
    // Another architecture's ISO counts only while none of the node's is there.
    const bar = mine ? own : (own ?? any);
    if (!mine && own) continue;
    const version = versionAt(volid, at);
    if (version < 0 || (bar && version < bar.version)) continue;
    const parsed = parseNixosIso(volid);
    if (!parsed) continue;
    const candidate = { ...parsed, volid, ctime, version };
    // The later of equals wins (as the last of a stable sort did).
    if (parsed.arch === arch && (!own || compare(candidate, own) >= 0)) own = candidate;
    if (!any || compare(candidate, any) >= 0) any = candidate;
  }
  return (own ?? any)?.volid;
}
