import { describe, expect, it } from 'vitest';
import { isReservedDeviceName, pathHasForbiddenCharacter } from './file-names.js';

describe('Windows file names', () => {
  it('finds forbidden characters in any name of a path, but not a drive’s colon', () => {
    expect(pathHasForbiddenCharacter('C:\\VMs\\Lab\\disk.vhdx')).toBe(false);
    expect(pathHasForbiddenCharacter('C:\\VMs\\a<b>.vhdx')).toBe(true);
    expect(pathHasForbiddenCharacter('disk|1.vhdx')).toBe(true);
    expect(pathHasForbiddenCharacter('C:\\VMs\\a:b.vhdx')).toBe(true);
  });

  it('knows device names whatever their extension or trailing dots', () => {
    expect(['CON', 'nul.txt', 'COM1', 'lpt9.log', 'AUX. '].map(isReservedDeviceName)).toEqual([true, true, true, true, true]);
    expect(['CONSOLE', 'com10', 'Lab'].map(isReservedDeviceName)).toEqual([false, false, false]);
  });
});
