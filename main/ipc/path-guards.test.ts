import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPathGuard } from './path-guards.js';

const library = new Set(['/vms/lab.7b']);
const posix = createPathGuard({ isInLibrary: async (p) => library.has(p), windows: false });
const windows = createPathGuard({ isInLibrary: async () => true, windows: true });

describe('path guards', () => {
  it('resolve local absolute paths of the expected kind', async () => {
    await expect(posix('vm.start', { path: '/vms/x/../lab.7b' })).resolves.toEqual({ path: '/vms/lab.7b' });
    await expect(posix('library.open', { path: '/elsewhere/a.7b' })).resolves.toEqual({ path: '/elsewhere/a.7b' });
    await expect(posix('disks.info', { path: '/vms/d.VHDX' })).resolves.toEqual({ path: '/vms/d.VHDX' });
    await expect(posix('networks.list', undefined)).resolves.toBeUndefined();
  });

  it.each([
    ['a relative path', { path: 'rel-created.7b' }, 'InvalidPath'],
    ['a UNC path', { path: '\\\\server\\share\\x.7b' }, 'PathNotLocal'],
    ['a forward-slash UNC path', { path: '//server/share/x.7b' }, 'PathNotLocal'],
    ['a NUL', { path: '/vms/d1.vhdx\0.vhd' }, 'InvalidPath'],
    ['an over-long path', { path: `/${'a'.repeat(40_000)}.7b` }, 'InvalidPath'],
  ])('refuse %s', async (_what, input, code) => {
    await expect(posix('disks.info', input)).rejects.toMatchObject({ code });
    await expect(posix('library.open', input)).rejects.toMatchObject({ code });
  });

  it('require library VMs where the call needs one, so nothing outside it can be planted', async () => {
    await expect(posix('session.setMode', { path: '/tmp/x/fifo.7b', mode: 'basic' })).rejects.toMatchObject({ code: 'VmUnknown' });
    await expect(posix('config.save', { path: '/vms/other.7b' })).rejects.toMatchObject({ code: 'VmUnknown' });
  });

  it('pass an ejected image (null) and guard an inserted one', async () => {
    await expect(posix('vm.setMedia', { path: '/vms/lab.7b', lun: 1, image: null })).resolves.toEqual({ path: '/vms/lab.7b', lun: 1, image: null });
    await expect(posix('vm.setMedia', { path: '/vms/lab.7b', lun: 1, image: '/iso/x/../a.ISO' })).resolves.toMatchObject({ image: '/iso/a.ISO' });
    await expect(posix('vm.setMedia', { path: '/vms/lab.7b', lun: 1, image: '/iso/a.img' })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(posix('vm.setMedia', { path: '/vms/lab.7b', lun: 1, image: '//server/share/a.iso' })).rejects.toMatchObject({ code: 'PathNotLocal' });
  });

  it('check the kind after resolving', async () => {
    await expect(posix('vm.start', { path: '/vms/lab.7b/..' })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(posix('disks.compact', { path: '/vms/notes.txt' })).rejects.toMatchObject({ code: 'InvalidPath' });
  });

  it('never create files in system folders', async () => {
    await expect(posix('config.create', { path: '/dev/null.7b', name: 'x' })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(posix('disks.create', { path: '/proc/self/d.vhdx' })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(windows('config.create', { path: 'C:\\Windows\\System32\\x.7b', name: 'x' })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(posix('config.create', { path: '/home/me/vms/x.7b', name: 'x' })).resolves.toMatchObject({ path: '/home/me/vms/x.7b' });
  });

  it('let a console save its text only to a .txt or .log outside system folders, and open only library VMs', async () => {
    await expect(posix('console.saveText', { path: '/home/me/com1.log', text: '', append: false })).resolves.toMatchObject({ path: '/home/me/com1.log' });
    await expect(posix('console.saveText', { path: '/home/me/com1.7b', text: '', append: false })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(posix('console.saveText', { path: '/etc/profile.d/x.txt', text: '', append: false })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(posix('console.open', { path: '/vms/other.7b', port: 'COM1' })).rejects.toMatchObject({ code: 'VmUnknown' });
  });

  it('guard a folder kept in the preferences, which may be emptied', async () => {
    await expect(posix('app.setPreferences', { defaultVmFolder: '' })).resolves.toEqual({ defaultVmFolder: '' });
    await expect(posix('app.setPreferences', { defaultVmFolder: '/home/me/vms/' })).resolves.toEqual({ defaultVmFolder: '/home/me/vms' });
    await expect(posix('app.setPreferences', { defaultVmFolder: 'relative' })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(posix('app.setPreferences', { defaultVmFolder: '/etc' })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(posix('app.setPreferences', { theme: 'dark' })).resolves.toEqual({ theme: 'dark' });
  });

  it('on Windows refuse devices, forbidden characters and drive-relative paths', async () => {
    if (path.sep !== '\\') {
      // path.resolve here is POSIX; these are refused before it runs.
      await expect(windows('disks.info', { path: 'C:\\VMs\\NUL.vhdx' })).rejects.toMatchObject({ code: 'PathNotLocal' });
      await expect(windows('disks.info', { path: 'C:\\VMs\\com1.vhdx' })).rejects.toMatchObject({ code: 'PathNotLocal' });
      await expect(windows('disks.info', { path: 'C:\\VMs\\a<b>.vhdx' })).rejects.toMatchObject({ code: 'InvalidPath' });
      await expect(windows('disks.info', { path: 'C:a.vhdx' })).rejects.toMatchObject({ code: 'InvalidPath' });
      await expect(windows('disks.info', { path: '\\\\?\\C:\\a.vhdx' })).rejects.toMatchObject({ code: 'PathNotLocal' });
      await expect(windows('disks.info', { path: '/vms/a.vhdx' })).rejects.toMatchObject({ code: 'InvalidPath' });
    }
  });
});
