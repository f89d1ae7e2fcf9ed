import { describe, expect, it } from 'vitest';
import {
  DiskSizeError,
  GiB,
  MAX_DISK_SIZE,
  MIN_DISK_SIZE,
  MiB,
  SIZE_UNITS,
  TiB,
  alignDiskSize,
  diskFormatFromPath,
  diskSizeProblem,
  parseSize,
  resizeProblem,
  validateDiskSize,
  validateResize,
} from './size.js';

describe('parseSize', () => {
  it.each([
    ['64 GiB', 64 * GiB],
    ['64GiB', 64 * GiB],
    ['  64   gib ', 64 * GiB],
    ['127 GB', 127_000_000_000],
    ['3 MiB', 3 * MiB],
    ['3 MB', 3_000_000],
    ['2 KB', 2000],
    ['2 KiB', 2048],
    ['1 TB', 1e12],
    ['64 TiB', 64 * TiB],
    ['512', 512],
    ['512 B', 512],
    ['1.5 GiB', 1.5 * GiB],
    ['0.5 KiB', 512],
  ])('%s → %d', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it('knows exactly NanaBox’s units, in its order', () => {
    expect(SIZE_UNITS).toEqual(['B', 'KB', 'KiB', 'MB', 'MiB', 'GB', 'GiB', 'TB', 'TiB']);
  });

  it.each(['', 'GiB', '64 GiBs', '64 PB', '-1 GiB', '1e9', '1,5 GiB', '0x10', '1.5 B', '0.1 KB.'])(
    'rejects %j with InvalidSize',
    (text) => {
      expect(() => parseSize(text)).toThrow(DiskSizeError);
      try {
        parseSize(text);
      } catch (error) {
        expect((error as DiskSizeError).code).toBe('InvalidSize');
      }
    },
  );

  it('rejects sizes beyond 2^53 bytes', () => {
    expect(() => parseSize('99999999999 TiB')).toThrow(expect.objectContaining({ code: 'SizeTooLarge' }));
  });
});

describe('validation', () => {
  it('takes the format from the extension, case-insensitively', () => {
    expect(diskFormatFromPath('C:\\Disks\\a.VHDX')).toBe('vhdx');
    expect(diskFormatFromPath('/disks/a.vhd')).toBe('vhd');
    expect(() => diskFormatFromPath('/disks/a.iso')).toThrow(expect.objectContaining({ code: 'UnsupportedFormat' }));
    expect(() => diskFormatFromPath('/disks/a.vhdx.bak')).toThrow(DiskSizeError);
  });

  it('enforces the limits NanaBox shows', () => {
    expect(() => validateDiskSize('vhdx', MIN_DISK_SIZE)).not.toThrow();
    expect(() => validateDiskSize('vhdx', MIN_DISK_SIZE - 512)).toThrow(
      expect.objectContaining({ code: 'SizeTooSmall', message: expect.stringContaining('3 MB') }),
    );
    expect(() => validateDiskSize('vhd', 2040 * GiB)).not.toThrow();
    expect(() => validateDiskSize('vhd', 2040 * GiB + 512)).toThrow(
      expect.objectContaining({ code: 'SizeTooLarge', message: expect.stringContaining('.vhdx') }),
    );
    expect(() => validateDiskSize('vhdx', 64 * TiB)).not.toThrow();
    expect(() => validateDiskSize('vhdx', 64 * TiB + 512)).toThrow(expect.objectContaining({ code: 'SizeTooLarge' }));
    expect(() => validateDiskSize('vhdx', 4 * MiB + 1)).toThrow(expect.objectContaining({ code: 'SizeNotAligned' }));
    expect(() => validateDiskSize('vhdx', 0)).toThrow(expect.objectContaining({ code: 'InvalidSize' }));
    expect(() => validateDiskSize('vhdx', Number.NaN)).toThrow(expect.objectContaining({ code: 'InvalidSize' }));
    expect(MAX_DISK_SIZE).toEqual({ vhd: 2040 * GiB, vhdx: 64 * TiB });
  });

  it('names the limits in the units Windows shows', () => {
    expect(diskSizeProblem('vhdx', MIN_DISK_SIZE - 512)?.message).toContain('at least 3 MB');
    expect(diskSizeProblem('vhdx', 64 * TiB + 512)?.message).toContain('at most 64 TB');
    expect(diskSizeProblem('vhdx', 64 * GiB)).toBeNull();
  });

  it('aligns a size to what virtdisk takes', () => {
    expect(alignDiskSize(64 * GiB + 100)).toBe(64 * GiB);
    expect(alignDiskSize(1.5 * 1e9) % 512).toBe(0);
  });

  it('lets a disk grow within its format and shrink only down to its smallest safe size, naming it', () => {
    const disk = { virtualSize: 64 * GiB, smallestSafeSize: 40 * GiB };
    expect(() => validateResize('vhdx', disk, 128 * GiB)).not.toThrow();
    expect(() => validateResize('vhdx', disk, 40 * GiB)).not.toThrow();
    expect(() => validateResize('vhdx', disk, 40 * GiB - 512)).toThrow(
      expect.objectContaining({ code: 'SizeBelowSafeMinimum', params: { size: 40 * GiB - 512, min: 40 * GiB }, message: expect.stringContaining('no less than 40 GB') }),
    );
    expect(() => validateResize('vhd', disk, 2041 * GiB)).toThrow(expect.objectContaining({ code: 'SizeTooLarge' }));
    // Growing past where the partitions end is always fine; an unknown minimum leaves it to virtdisk.
    expect(resizeProblem('vhdx', { virtualSize: 10 * GiB, smallestSafeSize: 10 * GiB }, 11 * GiB)).toBeNull();
    expect(resizeProblem('vhdx', { virtualSize: 10 * GiB, smallestSafeSize: null }, 5 * GiB)).toBeNull();
    expect(resizeProblem('vhdx', disk, 1 * GiB)?.code).toBe('SizeBelowSafeMinimum');
  });
});
