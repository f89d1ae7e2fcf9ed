/**
 * Just enough image encoding for Hako's own icons: RGBA pixels to PNG, and PNG/BMP entries to a
 * Windows `.ico`. Used at run time for the tray icon and by scripts/make-icons.mjs for assets/.
 */
import { deflateSync } from 'node:zlib';

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, rows top to bottom, straight (not premultiplied) alpha. */
  readonly data: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

export function encodePng(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) throw new RangeError('pixel data does not match the size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    raw.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A 32-bit BMP icon entry (BITMAPINFOHEADER, BGRA bottom-up, then the 1-bit AND mask). */
function bmpEntry(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  const maskRow = Math.ceil(width / 32) * 4;
  const out = Buffer.alloc(40 + width * height * 4 + maskRow * height);
  out.writeUInt32LE(40, 0);
  out.writeInt32LE(width, 4);
  out.writeInt32LE(height * 2, 8); // colour + mask
  out.writeUInt16LE(1, 12);
  out.writeUInt16LE(32, 14);
  out.writeUInt32LE(0, 16); // BI_RGB
  out.writeUInt32LE(width * height * 4 + maskRow * height, 20);
  let offset = 40;
  for (let y = height - 1; y >= 0; y--) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      out[offset++] = data[i + 2]!;
      out[offset++] = data[i + 1]!;
      out[offset++] = data[i]!;
      out[offset++] = data[i + 3]!;
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = 0; x < width; x++) {
      if (data[(y * width + x) * 4 + 3] === 0) out[offset + (x >> 3)]! |= 0x80 >> (x & 7);
    }
    offset += maskRow;
  }
  return out;
}

/**
 * A `.ico` with one entry per image: BMP entries below 256 px (what every consumer, NSIS included,
 * reads), a PNG entry at 256 px (as Windows itself does).
 */
export function encodeIco(images: readonly RgbaImage[]): Buffer {
  const entries = images.map((image) => ({ image, bytes: image.width >= 256 ? encodePng(image) : bmpEntry(image) }));
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(({ image, bytes }, index) => {
    const at = 6 + 16 * index;
    header[at] = image.width >= 256 ? 0 : image.width;
    header[at + 1] = image.height >= 256 ? 0 : image.height;
    header[at + 2] = 0; // palette
    header[at + 3] = 0;
    header.writeUInt16LE(1, at + 4); // planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(bytes.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += bytes.length;
  });
  return Buffer.concat([header, ...entries.map((e) => e.bytes)]);
}

/** The sizes in a `.ico` directory (for tests and checks). */
export function icoSizes(ico: Uint8Array): number[] {
  const view = Buffer.from(ico.buffer, ico.byteOffset, ico.byteLength);
  if (view.readUInt16LE(0) !== 0 || view.readUInt16LE(2) !== 1) throw new Error('not an icon file');
  const count = view.readUInt16LE(4);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) sizes.push(view[6 + 16 * i] || 256);
  return sizes;
}
