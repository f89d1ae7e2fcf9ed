import { describe, expect, it } from 'vitest';
import { isAbsolutePath, pathKey, samePath } from './identity.js';

describe('path identity', () => {
  it('compares Windows-style paths case-insensitively and with either separator', () => {
    expect(samePath('C:\\VMs\\Demo.7b', 'c:/vms/DEMO.7B')).toBe(true);
    expect(samePath('\\\\server\\share\\a.7b', '\\\\SERVER\\Share\\A.7b')).toBe(true);
    expect(samePath('C:\\VMs\\Été.7b', 'C:\\VMs\\ÉTÉ.7b')).toBe(true);
    expect(samePath('C:\\VMs\\a.7b', 'C:\\VMs\\b.7b')).toBe(false);
  });

  it('compares POSIX paths exactly', () => {
    expect(samePath('/vms/Demo.7b', '/vms/demo.7b')).toBe(false);
    expect(samePath('/vms/Demo.7b', '/vms/Demo.7b')).toBe(true);
  });

  it('keeps characters whose upper case is longer (NTFS maps one to one)', () => {
    expect(pathKey('C:\\straße.7b')).toBe('C:\\STRAßE.7B');
  });

  it('knows an absolute path in either style', () => {
    expect(['C:\\a.7b', '\\\\srv\\share\\a.7b', '/vms/a.7b'].map(isAbsolutePath)).toEqual([true, true, true]);
    expect(['a.7b', 'C:a.7b', '..\\a.7b'].map(isAbsolutePath)).toEqual([false, false, false]);
  });
});
