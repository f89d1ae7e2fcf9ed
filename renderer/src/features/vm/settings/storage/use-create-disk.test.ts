import { describe, expect, it } from 'vitest';
import en from '../../../../../../app/i18n/messages/en.json' with { type: 'json' };
import { createTranslator } from '../../../../../../app/i18n/translator.js';
import { isBadDiskName, diskSizeBytes, diskSizeText } from './use-create-disk.js';

const tr = createTranslator('en', en);

describe('a new disk', () => {
  it('is a plain .vhd or .vhdx file name', () => {
    expect(isBadDiskName('Lab.vhdx')).toBe(false);
    expect(isBadDiskName('old.VHD')).toBe(false);
    for (const bad of ['', 'disk.img', 'sub\\disk.vhdx', 'sub/disk.vhdx', 'a:b.vhdx', 'what?.vhdx', 'NUL.vhdx']) expect(isBadDiskName(bad)).toBe(true);
  });

  it('has a size the format allows, in GB as Windows counts, said as the service says it', () => {
    expect(diskSizeBytes(1)).toBe(1024 ** 3);
    expect(diskSizeText(tr, 'a.vhdx', 64)).toBeUndefined();
    expect(diskSizeText(tr, 'a.vhd', 4096)).toMatch(/VHD disk can be at most/);
    expect(diskSizeText(tr, 'a.vhdx', 0.001)).toMatch(/at least 3 MB/);
    expect(diskSizeText(tr, 'a.vhdx', null)).toBe('Enter the size in GB.');
  });
});
