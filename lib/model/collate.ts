/**
 * `a.localeCompare(b)` for the names the web UI sorts that way (pve-manager
 * www/manager6/form/CPUModelSelector.js: `a.name.localeCompare(b.name)`), without a locale
 * collator for plain ASCII: the first `localeCompare` pages in ≈3 MiB of ICU collation data that
 * stays resident for the rest of the run. For printable ASCII the order of ICU's root collation
 * (which "en" uses) is spelled out below; anything else still goes to `localeCompare`. Pure.
 */

/** Printable ASCII in root collation order, letters case-folded (lower before upper). */
const ROOT_ORDER = ` _-,;:!?.'"()[]{}@*/\\&#%\`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz`;

/** Primary weight of each printable ASCII code (letters of both cases share one), else -1. */
const PRIMARY: number[] = (() => {
  const weights = new Array<number>(128).fill(-1);
  for (let i = 0; i < ROOT_ORDER.length; i++) {
    const c = ROOT_ORDER.charCodeAt(i);
    weights[c] = i;
    if (c >= 97 && c <= 122) weights[c - 32] = i;
  }
  return weights;
})();

const isPrintableAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
};

const isUpper = (c: number): boolean => c >= 65 && c <= 90;

/** Negative, zero or positive as `a.localeCompare(b, 'en')` would be. */
export function collate(a: string, b: string): number {
  if (!isPrintableAscii(a) || !isPrintableAscii(b)) return a.localeCompare(b, 'en');
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = PRIMARY[a.charCodeAt(i)]! - PRIMARY[b.charCodeAt(i)]!;
    if (d !== 0) return d;
  }
  if (a.length !== b.length) return a.length - b.length;
  // Same letters: at the first difference of case, lower case sorts first.
  for (let i = 0; i < n; i++) {
    const d = Number(isUpper(a.charCodeAt(i))) - Number(isUpper(b.charCodeAt(i)));
    if (d !== 0) return d;
  }
  return 0;
}
