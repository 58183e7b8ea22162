/** The part of neo-blessed's Unicode tables (`lib/unicode.js`, a module of its own) pvevm uses. */
declare module 'blessed/lib/unicode' {
  const unicode: {
    charWidth(text: string, index?: number): number;
    strWidth(text: string): number;
    chars: { wide: RegExp };
  };
  export default unicode;
}
