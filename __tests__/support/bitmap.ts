/**
 * An RGB bitmap and its PNG encoding (zlib only: fast even inside jest's sandbox, and the same
 * bytes on every machine).
 */
import { deflateSync } from 'node:zlib';
import type { RGB } from './xterm-palette';

export class Bitmap {
  /** Rows as PNG stores them: a filter-type byte (0 = none), then RGB triples. */
  private readonly data: Buffer;
  private readonly stride: number;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.stride = width * 3 + 1;
    this.data = Buffer.alloc(this.stride * height);
  }

  rect(x: number, y: number, w: number, h: number, c: RGB): void {
    for (let py = y; py < y + h; py++) {
      let i = py * this.stride + 1 + x * 3;
      for (let px = 0; px < w; px++, i += 3) this.set(i, c);
    }
  }

  /** Paint the set bits of `rows` (bit 7 = leftmost pixel) at x, y. */
  mask(x: number, y: number, rows: readonly number[], c: RGB): void {
    rows.forEach((bits, dy) => {
      if (!bits) return;
      let i = (y + dy) * this.stride + 1 + x * 3;
      for (let bit = 0x80; bit; bit >>= 1, i += 3) if (bits & bit) this.set(i, c);
    });
  }

  pixel(x: number, y: number): RGB {
    const i = y * this.stride + 1 + x * 3;
    return [this.data[i]!, this.data[i + 1]!, this.data[i + 2]!];
  }

  png(): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(this.data)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }

  private set(i: number, c: RGB): void {
    this.data[i] = c[0];
    this.data[i + 1] = c[1];
    this.data[i + 2] = c[2];
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}
