/**
 * What the bundled axios gets for the `form-data` package (esbuild.config.mjs). axios imports it
 * at load for multipart bodies; pvevm sends every body as an encoded string (form.ts), so the
 * package — with the 200 KB MIME table it loads, ~9 ms a start after the first frame — is left
 * out. Should a multipart body ever be built, this says why it cannot be.
 */
export default class NoFormData {
  constructor() {
    throw new Error('pvevm sends no multipart bodies (form-data is not bundled)');
  }
}
