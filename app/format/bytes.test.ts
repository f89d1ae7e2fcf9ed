import { describe, expect, it } from 'vitest';
import { formatBytes, formatMegabytes } from './bytes.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1,023 bytes'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [3 * 1024 ** 2, '3 MB'],
    [64 * 1024 ** 3, '64 GB'],
    [2040 * 1024 ** 3, '1.99 TB'],
    [1024 ** 2 - 1, '1 MB'],
    [64 * 1024 ** 4, '64 TB'],
  ])('%d bytes → %s (Windows counts 1 KB as 1024 bytes)', (bytes, text) => {
    expect(formatBytes(bytes, 'en-US')).toBe(text);
  });

  it('uses the locale’s decimal separator', () => {
    expect(formatBytes(1.5 * 1024 ** 3, 'de-DE')).toBe('1,5 GB');
  });

  it('formats a MemorySize in megabytes', () => {
    expect(formatMegabytes(4096, 'en-US')).toBe('4 GB');
    expect(formatMegabytes(1536, 'en-US')).toBe('1.5 GB');
    expect(formatMegabytes(512, 'en-US')).toBe('512 MB');
  });
});
