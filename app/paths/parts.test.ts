import { describe, expect, it } from 'vitest';
import { baseName, folderOf, joinPath } from './parts.js';

describe('path parts', () => {
  it('takes the folder in either style, keeping roots', () => {
    expect(folderOf('C:\\VMs\\a.7b')).toBe('C:\\VMs');
    expect(folderOf('C:\\a.7b')).toBe('C:\\');
    expect(folderOf('/vms/a.7b')).toBe('/vms');
    expect(folderOf('/a.7b')).toBe('/');
    expect(folderOf('a.7b')).toBe('');
  });

  it('joins with the folder’s separator', () => {
    expect(joinPath('C:\\VMs', 'disk.vhdx')).toBe('C:\\VMs\\disk.vhdx');
    expect(joinPath('\\\\srv\\share', 'x.7b')).toBe('\\\\srv\\share\\x.7b');
    expect(joinPath('/vms', 'disk.vhdx')).toBe('/vms/disk.vhdx');
    expect(joinPath('/', 'x')).toBe('/x');
    expect(baseName('C:\\VMs\\Lab.7b')).toBe('Lab.7b');
  });
});
