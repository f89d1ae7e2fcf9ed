import { describe, expect, it } from 'vitest';
import { isWindowsPath, resolvePosixPath, resolveVmPath, resolveWindowsPath } from './resolve.js';

const CWD = 'D:\\VMs\\Demo';
const UNC_CWD = '\\\\nas\\vms\\Demo';

describe('isWindowsPath', () => {
  it('accepts drive-letter folders with either separator', () => {
    expect(isWindowsPath('C:\\VMs')).toBe(true);
    expect(isWindowsPath('c:/VMs')).toBe(true);
    expect(isWindowsPath('D:\\')).toBe(true);
  });

  it('accepts UNC and device folders with either separator', () => {
    expect(isWindowsPath('\\\\server\\share')).toBe(true);
    expect(isWindowsPath('//server/share')).toBe(true);
    expect(isWindowsPath('\\\\?\\C:\\VMs')).toBe(true);
    expect(isWindowsPath('\\\\.\\C:\\VMs')).toBe(true);
  });

  it('rejects POSIX, relative and drive-relative folders', () => {
    expect(isWindowsPath('/home/me/vms')).toBe(false);
    expect(isWindowsPath('vms')).toBe(false);
    expect(isWindowsPath('C:')).toBe(false);
    expect(isWindowsPath('C:VMs')).toBe(false);
    expect(isWindowsPath('//')).toBe(false);
    expect(isWindowsPath('///x')).toBe(false);
    expect(isWindowsPath('')).toBe(false);
  });
});

describe('resolveWindowsPath', () => {
  it('keeps an empty path empty', () => {
    expect(resolveWindowsPath(CWD, '')).toBe('');
  });

  it('treats a path of only spaces like an empty one', () => {
    expect(resolveWindowsPath(CWD, '   ')).toBe('');
  });

  it('appends a relative path to the current directory', () => {
    expect(resolveWindowsPath(CWD, 'MyVM.vhdx')).toBe('D:\\VMs\\Demo\\MyVM.vhdx');
  });

  it('accepts a current directory that already ends with a separator', () => {
    expect(resolveWindowsPath('D:\\VMs\\Demo\\', 'MyVM.vhdx')).toBe('D:\\VMs\\Demo\\MyVM.vhdx');
    expect(resolveWindowsPath('D:\\', 'MyVM.vhdx')).toBe('D:\\MyVM.vhdx');
  });

  it('collapses . segments', () => {
    expect(resolveWindowsPath(CWD, '.\\disks\\.\\a.vhdx')).toBe('D:\\VMs\\Demo\\disks\\a.vhdx');
    expect(resolveWindowsPath(CWD, '.')).toBe('D:\\VMs\\Demo');
  });

  it('collapses .. segments', () => {
    expect(resolveWindowsPath(CWD, '..\\ISO\\Win11.iso')).toBe('D:\\VMs\\ISO\\Win11.iso');
    expect(resolveWindowsPath(CWD, 'a\\b\\..\\..\\c')).toBe('D:\\VMs\\Demo\\c');
    expect(resolveWindowsPath(CWD, '..')).toBe('D:\\VMs');
  });

  it('never climbs above a drive root', () => {
    expect(resolveWindowsPath(CWD, '..\\..\\..\\..\\x.iso')).toBe('D:\\x.iso');
    expect(resolveWindowsPath(CWD, '..\\..\\..\\..')).toBe('D:\\');
    expect(resolveWindowsPath('C:\\', '..')).toBe('C:\\');
  });

  it('treats / as a separator', () => {
    expect(resolveWindowsPath(CWD, 'disks/a.vhdx')).toBe('D:\\VMs\\Demo\\disks\\a.vhdx');
    expect(resolveWindowsPath(CWD, '../ISO/Win11.iso')).toBe('D:\\VMs\\ISO\\Win11.iso');
  });

  it('collapses repeated separators', () => {
    expect(resolveWindowsPath(CWD, 'disks\\\\/a.vhdx')).toBe('D:\\VMs\\Demo\\disks\\a.vhdx');
    expect(resolveWindowsPath(CWD, 'E:\\\\VMs//x.vhdx')).toBe('E:\\VMs\\x.vhdx');
  });

  it('keeps a trailing separator', () => {
    expect(resolveWindowsPath(CWD, 'Projects\\')).toBe('D:\\VMs\\Demo\\Projects\\');
    expect(resolveWindowsPath(CWD, 'Projects/')).toBe('D:\\VMs\\Demo\\Projects\\');
    expect(resolveWindowsPath(CWD, '..\\')).toBe('D:\\VMs\\');
    expect(resolveWindowsPath(CWD, 'E:\\Share\\\\')).toBe('E:\\Share\\');
  });

  it('gives a rooted path the current drive', () => {
    expect(resolveWindowsPath(CWD, '\\ISO\\Win11.iso')).toBe('D:\\ISO\\Win11.iso');
    expect(resolveWindowsPath(CWD, '/ISO/Win11.iso')).toBe('D:\\ISO\\Win11.iso');
    expect(resolveWindowsPath(CWD, '\\')).toBe('D:\\');
    expect(resolveWindowsPath(CWD, '\\..\\x')).toBe('D:\\x');
  });

  it('gives a rooted path the UNC root of a UNC current directory', () => {
    expect(resolveWindowsPath(UNC_CWD, '\\ISO\\Win11.iso')).toBe('\\\\nas\\vms\\ISO\\Win11.iso');
    expect(resolveWindowsPath(UNC_CWD, '\\..\\x')).toBe('\\\\nas\\vms\\x');
  });

  it('resolves a drive-relative path on the current drive against the current directory', () => {
    expect(resolveWindowsPath(CWD, 'D:disk.vhdx')).toBe('D:\\VMs\\Demo\\disk.vhdx');
    expect(resolveWindowsPath(CWD, 'd:..\\disk.vhdx')).toBe('D:\\VMs\\disk.vhdx');
    expect(resolveWindowsPath(CWD, 'D:')).toBe('D:\\VMs\\Demo');
  });

  it('resolves a drive-relative path on another drive against that drive root', () => {
    expect(resolveWindowsPath(CWD, 'E:disk.vhdx')).toBe('E:\\disk.vhdx');
    expect(resolveWindowsPath(CWD, 'E:')).toBe('E:\\');
    expect(resolveWindowsPath(UNC_CWD, 'E:disk.vhdx')).toBe('E:\\disk.vhdx');
  });

  it('leaves the current directory out of absolute paths on other drives', () => {
    expect(resolveWindowsPath(CWD, 'E:\\VMs\\x.vhdx')).toBe('E:\\VMs\\x.vhdx');
    expect(resolveWindowsPath(CWD, 'E:/VMs/../x.vhdx')).toBe('E:\\x.vhdx');
  });

  it('keeps the case of drive letters', () => {
    expect(resolveWindowsPath(CWD, 'e:\\x.vhdx')).toBe('e:\\x.vhdx');
    expect(resolveWindowsPath('d:\\vms', 'x.vhdx')).toBe('d:\\vms\\x.vhdx');
  });

  it('resolves UNC paths written with \\\\ or //', () => {
    expect(resolveWindowsPath(CWD, '\\\\nas\\iso\\Win11.iso')).toBe('\\\\nas\\iso\\Win11.iso');
    expect(resolveWindowsPath(CWD, '//nas/iso/Win11.iso')).toBe('\\\\nas\\iso\\Win11.iso');
    expect(resolveWindowsPath(CWD, '\\\\nas\\iso\\a\\..\\.\\b\\\\c')).toBe('\\\\nas\\iso\\b\\c');
  });

  it('never climbs above \\\\server\\share', () => {
    expect(resolveWindowsPath(CWD, '\\\\nas\\iso\\..')).toBe('\\\\nas\\iso');
    expect(resolveWindowsPath(CWD, '\\\\nas\\iso\\..\\..\\x.iso')).toBe('\\\\nas\\iso\\x.iso');
    expect(resolveWindowsPath(CWD, '\\\\nas\\iso\\a\\..')).toBe('\\\\nas\\iso');
    expect(resolveWindowsPath(UNC_CWD, '..\\..\\..\\x.iso')).toBe('\\\\nas\\vms\\x.iso');
  });

  it('resolves relative paths against a UNC current directory', () => {
    expect(resolveWindowsPath(UNC_CWD, 'MyVM.vhdx')).toBe('\\\\nas\\vms\\Demo\\MyVM.vhdx');
    expect(resolveWindowsPath(UNC_CWD, '..\\ISO\\a.iso')).toBe('\\\\nas\\vms\\ISO\\a.iso');
  });

  it('keeps \\\\.\\ device paths and normalises what follows the prefix', () => {
    expect(resolveWindowsPath(CWD, '\\\\.\\PhysicalDrive1')).toBe('\\\\.\\PhysicalDrive1');
    expect(resolveWindowsPath(CWD, '\\\\.\\pipe\\vmpipe1')).toBe('\\\\.\\pipe\\vmpipe1');
    expect(resolveWindowsPath(CWD, '//./pipe/x')).toBe('\\\\.\\pipe\\x');
    expect(resolveWindowsPath(CWD, '\\\\.\\pipe\\a\\..\\b')).toBe('\\\\.\\pipe\\b');
    expect(resolveWindowsPath(CWD, '\\\\.\\C:\\..\\..')).toBe('\\\\.\\');
    expect(resolveWindowsPath(CWD, '\\\\.')).toBe('\\\\.\\');
  });

  it('normalises \\\\?\\ paths too, because GetFullPathNameW does', () => {
    expect(resolveWindowsPath(CWD, '\\\\?\\E:\\VMs\\x.vhdx')).toBe('\\\\?\\E:\\VMs\\x.vhdx');
    expect(resolveWindowsPath(CWD, '\\\\?\\E:\\VMs\\..\\x.vhdx')).toBe('\\\\?\\E:\\x.vhdx');
    expect(resolveWindowsPath(CWD, '\\\\?\\UNC\\nas\\iso\\a.iso')).toBe('\\\\?\\UNC\\nas\\iso\\a.iso');
  });

  it('removes one trailing period from a segment followed by a separator', () => {
    expect(resolveWindowsPath(CWD, 'disks.\\a.vhdx')).toBe('D:\\VMs\\Demo\\disks\\a.vhdx');
    expect(resolveWindowsPath(CWD, 'disks..\\a.vhdx')).toBe('D:\\VMs\\Demo\\disks.\\a.vhdx');
    expect(resolveWindowsPath(CWD, 'Projects.\\')).toBe('D:\\VMs\\Demo\\Projects\\');
  });

  it('removes trailing periods and spaces at the end of the path', () => {
    expect(resolveWindowsPath(CWD, 'MyVM.vhdx.')).toBe('D:\\VMs\\Demo\\MyVM.vhdx');
    expect(resolveWindowsPath(CWD, 'MyVM.vhdx . .')).toBe('D:\\VMs\\Demo\\MyVM.vhdx');
    expect(resolveWindowsPath(CWD, 'MyVM.vhdx   ')).toBe('D:\\VMs\\Demo\\MyVM.vhdx');
  });

  it('keeps spaces in a segment followed by a separator', () => {
    expect(resolveWindowsPath(CWD, 'My Disks \\a.vhdx')).toBe('D:\\VMs\\Demo\\My Disks \\a.vhdx');
  });

  it('drops a trailing separator that is followed only by spaces', () => {
    expect(resolveWindowsPath(CWD, 'Projects\\  ')).toBe('D:\\VMs\\Demo\\Projects');
  });

  it('reproduces what Windows returns for a server named ..', () => {
    // GetFullPathNameW outputs recorded in CPython's bpo-46208 discussion.
    expect(resolveWindowsPath(CWD, '//..')).toBe('\\\\');
    expect(resolveWindowsPath(CWD, '//../')).toBe('\\\\..\\');
    expect(resolveWindowsPath(CWD, '//../..')).toBe('\\\\..\\');
    expect(resolveWindowsPath(CWD, '//../../')).toBe('\\\\..\\..\\');
    expect(resolveWindowsPath(CWD, '//../../..')).toBe('\\\\..\\');
  });
});

describe('resolvePosixPath', () => {
  it('keeps an empty path empty', () => {
    expect(resolvePosixPath('/vms/demo', '')).toBe('');
  });

  it('appends a relative path to the folder', () => {
    expect(resolvePosixPath('/vms/demo', 'MyVM.vhdx')).toBe('/vms/demo/MyVM.vhdx');
    expect(resolvePosixPath('/vms/demo/', 'MyVM.vhdx')).toBe('/vms/demo/MyVM.vhdx');
  });

  it('collapses . and .. and never climbs above /', () => {
    expect(resolvePosixPath('/vms/demo', './a/../../iso/x.iso')).toBe('/vms/iso/x.iso');
    expect(resolvePosixPath('/vms/demo', '../../../x.iso')).toBe('/x.iso');
    expect(resolvePosixPath('/vms/demo', '.')).toBe('/vms/demo');
    expect(resolvePosixPath('/', '..')).toBe('/');
  });

  it('collapses repeated separators', () => {
    expect(resolvePosixPath('/vms//demo', 'a//b.vhdx')).toBe('/vms/demo/a/b.vhdx');
  });

  it('leaves the folder out of absolute paths', () => {
    expect(resolvePosixPath('/vms/demo', '/iso/x.iso')).toBe('/iso/x.iso');
  });

  it('keeps a trailing separator', () => {
    expect(resolvePosixPath('/vms/demo', 'Projects/')).toBe('/vms/demo/Projects/');
    expect(resolvePosixPath('/vms/demo', '/')).toBe('/');
  });
});

describe('resolveVmPath', () => {
  it('uses Windows rules for a Windows folder', () => {
    expect(resolveVmPath('D:\\VMs\\Demo', '../ISO/x.iso')).toBe('D:\\VMs\\ISO\\x.iso');
    expect(resolveVmPath('//nas/vms', 'x.vhdx')).toBe('\\\\nas\\vms\\x.vhdx');
  });

  it('uses POSIX rules for a POSIX folder', () => {
    expect(resolveVmPath('/vms/demo', '../iso/x.iso')).toBe('/vms/iso/x.iso');
  });

  it('keeps an empty path empty in both styles', () => {
    expect(resolveVmPath('D:\\VMs', '')).toBe('');
    expect(resolveVmPath('/vms', '')).toBe('');
  });
});
