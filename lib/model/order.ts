/**
 * Orders for names. The web UI sorts its stores with ExtJS's default sorter, a plain `<` / `>`
 * compare (code points), not a locale collation; so does pvevm. It is also cheap: Node's ICU
 * collator costs ≈10 ms to set up at its first use, which used to fall on the first keys typed
 * (the realm answer arrives right after the first frame).
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
