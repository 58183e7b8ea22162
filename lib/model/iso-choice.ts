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
  const c = candidateOf({ volid }, 0);
  return (
    c && { year: c.year, month: c.month, prerelease: c.prerelease, build: c.build, arch: c.arch }
  );
}

type Candidate = NixosIso & IsoFile & { version: number };

/** A NixOS minimal ISO with its file and YY.MM (as YYMM), made as one object (no copies). */
function candidateOf({ volid, ctime }: IsoFile, version: number): Candidate | undefined {
  const m = NIXOS_MINIMAL.exec(volid.slice(volid.lastIndexOf('/') + 1));
  if (!m) return undefined;
  const pre = m[3] ?? '';
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    prerelease: pre !== '',
    // A pre/beta build number is glued to the version (`24.11pre669741`).
    build: Number(m[4] ?? /\d+$/.exec(pre)?.[0] ?? 0),
    arch: m[6] as Arch,
    volid,
    ctime,
    version,
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

/**
 * The latest NixOS minimal ISO of a list looked at in parts (a long list in slices, with turns
 * of the event loop in between: lib/loaders/os.ts): the node's architecture's, else any.
 * One pass, nothing sorted or copied; a name is parsed only when its YY.MM could be the latest
 * so far.
 */
export class LatestIso {
  /** Images looked at (tests pin that a list is looked at once). */
  looked = 0;
  private own: Candidate | undefined;
  private any: Candidate | undefined;

  constructor(private readonly arch: Arch = 'x86_64') {}

  /** The volid to preselect so far, or undefined when no NixOS minimal ISO was seen. */
  get volid(): string | undefined {
    return (this.own ?? this.any)?.volid;
  }

  /** Look at `isos[from, to)`, after what was looked at before. */
  scan(isos: readonly IsoFile[], from = 0, to = isos.length): void {
    for (let i = from; i < to; i++) this.consider(isos[i]!);
    this.looked += Math.max(to - from, 0);
  }

  private consider(iso: IsoFile): void {
    const { volid } = iso;
    // Most names lack the prefix: `indexOf` says so fastest.
    if (volid.indexOf(PREFIX) < 0) return;
    const at = volid.lastIndexOf('/') + 1;
    if (!volid.startsWith(PREFIX, at)) return;
    const mine = volid.endsWith(SUFFIX[this.arch]);
    const { own, any } = this;
    // Another architecture's ISO counts only while none of the node's is there.
    if (!mine && own) return;
    const bar = mine ? own : any;
    const version = versionAt(volid, at);
    if (version < 0 || (bar && version < bar.version)) return;
    const candidate = candidateOf(iso, version);
    if (!candidate) return;
    // The later of equals wins (as the last of a stable sort did).
    if (mine && (!own || compare(candidate, own) >= 0)) this.own = candidate;
    if (!any || compare(candidate, any) >= 0) this.any = candidate;
  }
}

/** The volid to preselect, or undefined when no NixOS minimal ISO is there. */
export function chooseDefaultIso(
  isos: readonly IsoFile[],
  arch: Arch = 'x86_64',
): string | undefined {
  const latest = new LatestIso(arch);
  latest.scan(isos);
  return latest.volid;
}
