/**
 * axios, loaded on the first call (after pvevm's first frame), in pieces with a turn of the
 * event loop between two. Loaded at once it holds the thread for ~60 ms on a small machine —
 * Node's TLS, HTTP and zlib modules, the fetch implementation (undici) that axios looks up,
 * then axios itself — and a key typed at the first frame would wait for all of it. In pieces,
 * a key is handled between two: it waits for one piece at most.
 */
import type { AxiosStatic } from 'axios';

/** Node's modules axios needs, each compiled once on first use: one piece each. */
const PIECES: readonly (() => unknown)[] = [
  () => import('node:crypto'),
  () => import('node:tls'),
  () => import('node:http'),
  () => import('node:https'),
  () => import('node:zlib'),
  () => import('node:http2'),
  // Node builds undici (fetch, FormData, Request …) when a program first looks at one of them;
  // axios looks while it loads.
  () => Reflect.get(globalThis, 'FormData'),
];

/** One turn of the event loop: input that arrived meanwhile is read and handled first. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
  loading ??= inPieces(PIECES, () => import('axios').then((module) => module.default));
  return loading;
}
