import { describe, expect, it } from 'vitest';
import { compactBlocker, diskKindKey, resizeBlocker, shrinkProblem } from './disk-rules.js';
import type { DiskInfo } from './use-disk-info.js';

const GiB = 1024 ** 3;
const disk = (over: Partial<DiskInfo> = {}): DiskInfo => ({
  format: 'vhdx',
  type: 'dynamic',
  virtualSize: 8 * GiB,
  physicalSize: 4 * 1024 ** 2,
  blockSize: 32 * 1024 ** 2,
  sectorSize: 512,
  fixed: false,
  smallestSafeSize: 5 * GiB,
  parents: [],
  ...over,
});

describe('what the storage view offers for a disk', () => {
  it('words its kind', () => {
    expect(diskKindKey(disk())).toBe('storage.kind.dynamic');
    expect(diskKindKey(disk({ type: 'fixed', fixed: true }))).toBe('storage.kind.fixed');
    expect(diskKindKey(disk({ type: 'differencing' }))).toBe('storage.kind.differencing');
  });

  it('resizes and compacts only a disk no running VM holds, of a kind that can', () => {
    expect(resizeBlocker(disk(), false)).toBeNull();
    expect(resizeBlocker(disk(), true)).toBe('storage.blocked.running');
    expect(resizeBlocker(disk({ type: 'differencing' }), false)).toBe('storage.blocked.differencing');
    expect(resizeBlocker(null, false)).toBe('storage.blocked.unread');
    expect(compactBlocker(disk(), false)).toBeNull();
    expect(compactBlocker(disk({ type: 'fixed', fixed: true }), false)).toBe('storage.blocked.fixed');
  });

  it('shrinks no lower than where the guest’s partitions end', () => {
    expect(shrinkProblem(disk(), 16 * GiB)).toBeNull();
    expect(shrinkProblem(disk(), 6 * GiB)).toBeNull();
    expect(shrinkProblem(disk(), 4 * GiB)).toEqual({ key: 'storage.resize.belowSafe', min: 5 * GiB });
    expect(shrinkProblem(disk({ smallestSafeSize: null }), 6 * GiB)).toEqual({ key: 'storage.resize.noShrink', min: 8 * GiB });
  });
});
