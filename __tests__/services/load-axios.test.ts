/**
 * axios is loaded in pieces with a turn of the event loop between two, so a key typed at the
 * first frame waits for one piece, not for all of axios (the time itself is `npm run bench`'s).
 */
import axios from 'axios';
import {
  FETCH_GLOBALS,
  inPieces,
  loadAxios,
  withoutFetchGlobals,
} from '../../services/client/load-axios';

describe('loading axios in pieces', () => {
  it('gives the event loop a turn before every piece and before axios itself', async () => {
    const log: string[] = [];
    const value = await inPieces(
      [() => log.push('crypto'), () => log.push('tls')],
      async () => {
        log.push('axios');
        return 42;
      },
      async () => {
        log.push('turn');
      },
    );
    expect(value).toBe(42);
    expect(log).toEqual(['turn', 'crypto', 'turn', 'tls', 'turn', 'axios']);
  });

  it('handles what arrived meanwhile before the next piece', async () => {
    const log: string[] = [];
    const loading = inPieces([() => log.push('piece 1'), () => log.push('piece 2')], async () =>
      log.push('axios'),
    );
    // A key arriving while the first piece loads: its handler runs before the next piece.
    setImmediate(() => log.push('key'));
    await loading;
    expect(log).toEqual(['piece 1', 'key', 'piece 2', 'axios']);
  });

  it('loads axios once for every client', async () => {
    const first = loadAxios();
    expect(loadAxios()).toBe(first);
    expect(await first).toBe(axios);
  });

  it('lets axios see no fetch globals while it loads, so Node never builds undici for it', () => {
    // A scope whose fetch globals count the looks, as Node's lazy getters build undici on one.
    let looks = 0;
    const scope: Record<string, unknown> = {};
    for (const name of [...FETCH_GLOBALS, 'Headers']) {
      Object.defineProperty(scope, name, {
        configurable: true,
        enumerable: false,
        get: () => (looks++, name),
      });
    }
    const seen = withoutFetchGlobals(() => FETCH_GLOBALS.map((name) => typeof scope[name]), scope);
    expect(seen).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
    expect(looks).toBe(0);
    // Put back as they were: still getters, still not enumerable.
    expect(scope.fetch).toBe('fetch');
    expect(Object.getOwnPropertyDescriptor(scope, 'FormData')).toMatchObject({
      enumerable: false,
      get: expect.any(Function),
    });
  });

  it('puts the globals back when loading throws', () => {
    const scope: Record<string, unknown> = { fetch: 'real' };
    expect(() =>
      withoutFetchGlobals(() => {
        throw new Error('broken');
      }, scope),
    ).toThrow('broken');
    expect(scope.fetch).toBe('real');
    expect('Request' in scope).toBe(false);
  });
});
