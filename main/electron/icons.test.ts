import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, ICO_SIZES, TRAY_SCALES } from './icon-art.js';
import { crc32, encodeIco, encodePng, icoSizes } from './image-codec.js';

describe('icons', () => {
  it('encodes valid PNGs', () => {
    const image = drawIcon('app', 32);
    const png = encodePng(image);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(32);
    // Every chunk's CRC is right, and the pixels come back.
    let at = 8;
    const idat: Buffer[] = [];
    while (at < png.length) {
      const length = png.readUInt32BE(at);
      const type = png.subarray(at + 4, at + 8).toString('latin1');
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const raw = inflateSync(Buffer.concat(idat));
    expect(raw.length).toBe((32 * 4 + 1) * 32);
    expect(raw.subarray(1, 1 + 32 * 4)).toEqual(Buffer.from(image.data.subarray(0, 32 * 4)));
  });

  it('draws a transparent background and an opaque box; the running tray icon has its green dot', () => {
    const app = drawIcon('app', 64);
    const alpha = (x: number, y: number) => app.data[(y * 64 + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(32, 32)).toBe(255);
    const running = drawIcon('tray-running', 32);
    const i = (24 * 32 + 24) * 4;
    expect([running.data[i], running.data[i + 1], running.data[i + 2]]).toEqual([0x16, 0xa3, 0x4a]);
    const idle = drawIcon('tray-idle', 32);
    expect(idle.data[i + 1]).not.toBe(0xa3);
    for (const { size } of TRAY_SCALES) expect(drawIcon('tray-idle', size).data.length).toBe(size * size * 4);
  });

  it('writes .ico files Windows reads: BMP entries below 256 px, PNG at 256', () => {
    const ico = encodeIco([drawIcon('document', 16), drawIcon('document', 256)]);
    expect(icoSizes(ico)).toEqual([16, 256]);
    const second = ico.readUInt32LE(6 + 16 + 12);
    expect(ico.subarray(second, second + 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const first = ico.readUInt32LE(6 + 12);
    expect(ico.readUInt32LE(first)).toBe(40); // BITMAPINFOHEADER
    expect(ico.readInt32LE(first + 8)).toBe(32); // height × 2
  });

  it('assets/ holds the icons scripts/make-icons.mjs draws', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    expect(readFileSync(path.join(root, 'assets/icon.ico'))).toEqual(encodeIco(ICO_SIZES.map((s) => drawIcon('app', s))));
    expect(readFileSync(path.join(root, 'assets/7b.ico'))).toEqual(encodeIco(ICO_SIZES.map((s) => drawIcon('document', s))));
    expect(readFileSync(path.join(root, 'assets/icon.png'))).toEqual(encodePng(drawIcon('app', 512)));
  });
});
