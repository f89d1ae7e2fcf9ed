import { describe, expect, it } from 'vitest';
import { diskNameProblem, diskSizeBytes, diskSizeText } from './use-create-disk.js';

describe('a new disk', () => {
  it('is a plain .vhd or .vhdx file name', () => {
    expect(diskNameProblem('Lab.vhdx')).toBeUndefined();
    expect(diskNameProblem('old.VHD')).toBeUndefined();
    for (const bad of ['', 'disk.img', 'sub\\disk.vhdx', 'sub/disk.vhdx', 'a:b.vhdx', 'what?.vhdx', 'NUL.vhdx']) expect(diskNameProblem(bad)).toBeDefined();
  });

  it('has a size the format allows, in GB as Windows counts, said as the service says it', () => {
    expect(diskSizeBytes(1)).toBe(1024 ** 3);
    expect(diskSizeText('a.vhdx', 64)).toBeUndefined();
    expect(diskSizeText('a.vhd', 4096)).toMatch(/VHD disk can be at most/);
    expect(diskSizeText('a.vhdx', 0.001)).toMatch(/at least 3 MB/);
    expect(diskSizeText('a.vhdx', null)).toBe('Enter the size in GB.');
  });
});
