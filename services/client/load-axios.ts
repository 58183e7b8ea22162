/**
 * axios, loaded on the first call (after pvevm's first frame), in pieces with a turn of the
 * event loop between two. Loaded at once it holds the thread for ~60 ms on a small machine —
 * Node's TLS, HTTP and zlib modules, then axios itself — and a key typed at the first frame
 * would wait for all of it. In pieces, a key is handled between two: it waits for one piece at
 * most. Node's fetch implementation (undici), the largest piece, is not loaded at all: see
 * `withoutFetchGlobals`.
 */
import { turn } from './turn';
import type { AxiosStatic } from 'axios';

/** Node's modules axios needs, each compiled once on first use: one piece each. */
const PIECES: readonly (() => unknown)[] = [
  () => import('node:crypto'),
  () => import('node:tls'),
  () => import('node:http'),
  () => import('node:https'),
  () => import('node:zlib'),
  () => import('node:http2'),
  // axios's largest dependencies: one chunk each in the build (esbuild.config.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require('follow-redirects'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require('https-proxy-agent'),
];

/** The globals axios probes while it loads; Node builds undici for the first look at one. */
export const FETCH_GLOBALS = ['fetch', 'Request', 'Response', 'FormData'] as const;

/**
 * Run `load` with Node's fetch globals reading as absent, and put them back. axios probes them
 * while it loads, to offer its fetch adapter and recognise FormData bodies; the first look at
 * any of them makes Node build undici (~15–20 ms in one piece, a key typed meanwhile waits).
 * pvevm uses axios's http adapter and sends no FormData, so axios is told there is none.
 */
export function withoutFetchGlobals<T>(load: () => T, scope: object = globalThis): T {
  const saved = FETCH_GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(scope, name)]);
  for (const [name, descriptor] of saved) {
    if (descriptor)
      Object.defineProperty(scope, name as string, { value: undefined, configurable: true });
  }
  try {
    return load();
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor)
        Object.defineProperty(scope, name as string, descriptor as PropertyDescriptor);
    }
  }
}

/** axios itself, loaded synchronously so that the globals are hidden for exactly its loading. */
function requireAxios(): AxiosStatic {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return withoutFetchGlobals(() => (require('axios') as typeof import('axios')).default);
}

/** Run `pieces` in order, a turn before each; the last one's value. */
export async function inPieces<T>(
  pieces: readonly (() => unknown)[],
  last: () => Promise<T>,
  next: () => Promise<void> = turn,
): Promise<T> {
  for (const piece of pieces) {
    await next();
    await piece();
  }
  await next();
  return last();
}

let loading: Promise<AxiosStatic> | undefined;

/** axios, loaded once for every client of the process. */
export function loadAxios(): Promise<AxiosStatic> {
  loading ??= inPieces(PIECES, async () => requireAxios());
  return loading;
}
