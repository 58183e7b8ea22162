/** known_servers that cannot be read or written: a KnownServersError saying why, never a crash. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownServers, KnownServersError } from '../../lib/known-servers';

/** A full disk cannot be made here: the next write fails as Node reports one. */
let failNextWrite: NodeJS.ErrnoException | undefined;
jest.mock('node:fs', () => {
  const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
  return {
    ...fs,
    writeFileSync: (...args: Parameters<typeof fs.writeFileSync>) => {
      const error = failNextWrite;
      failNextWrite = undefined;
      if (error) throw error;
      return fs.writeFileSync(...args);
    },
  };
});

const dir = () => mkdtempSync(join(tmpdir(), 'pvevm-known-'));

it('a folder that is a file: said so, nothing written', () => {
  const base = dir();
  writeFileSync(join(base, 'pvevm'), 'a file');
  const path = join(base, 'pvevm', 'known_servers');
  const known = new KnownServers(path);
  expect(known.lookup('pve:8006')).toBeUndefined();
  expect(() => known.remember('pve:8006', 'AB:CD')).toThrow(
    new KnownServersError(
      `Cannot remember the certificate in ${path}: a part of the folder ${join(base, 'pvevm')} is a file, not a folder`,
    ),
  );
});

it('a full disk: said so', () => {
  const path = join(dir(), 'known_servers');
  failNextWrite = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  expect(() => new KnownServers(path).remember('pve:8006', 'AB:CD')).toThrow(
    new KnownServersError(`Cannot remember the certificate in ${path}: the disk is full`),
  );
});

it('a known_servers that is a folder cannot be read: said so, not EISDIR', () => {
  const path = dir();
  expect(() => new KnownServers(path).lookup('pve:8006')).toThrow(
    new KnownServersError(`Cannot read ${path}: it is a folder, not a file`),
  );
});
