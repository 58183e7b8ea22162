/**
 * Reading a small text file (config, spec) without trusting what the path names: only a
 * regular file, at most `maxBytes`. `/dev/zero`, a pipe or a huge file is refused at once
 * instead of being read into memory.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Why the file was not read, as a phrase to follow `PATH: `. */
export class SmallFileError extends Error {}

/** The limit for files a person writes by hand. */
export const SMALL_FILE_BYTES = 1024 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

function open(path: string): number {
  try {
    // Non-blocking, so opening a named pipe does not wait for a writer.
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SmallFileError(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : (err as Error).message,
    );
  }
}

export function readSmallFile(path: string, maxBytes = SMALL_FILE_BYTES): string {
  const fd = open(path);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new SmallFileError(`not a regular file (${kindOf(stats)})`);
    const tooLarge = new SmallFileError(`larger than ${sizeText(maxBytes)}`);
    if (stats.size > maxBytes) throw tooLarge;
    // One byte more than allowed tells a file that grew since fstat.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw tooLarge;
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
