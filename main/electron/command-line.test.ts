import { describe, expect, it } from 'vitest';
import { pathsFromSecondInstance, vmPathsFromArgv } from './command-line.js';

describe('.7b paths from command lines', () => {
  it('takes non-switch arguments ending in .7b, packaged or not', () => {
    expect(vmPathsFromArgv(['C:\\Program Files\\Hako\\Hako.exe', 'C:\\vms\\a.7b'])).toEqual(['C:\\vms\\a.7b']);
    expect(vmPathsFromArgv(['electron.exe', '.', '--inspect=9229', 'D:\\x\\B.7B', '--original-process-start-time=1', 'notes.txt'])).toEqual(['D:\\x\\B.7B']);
    expect(vmPathsFromArgv(['Hako.exe', '--open=a.7b', '-x.7b', '.7b'])).toEqual([]);
    expect(vmPathsFromArgv(['Hako.exe', 'a\0.7b'])).toEqual([]);
    expect(vmPathsFromArgv(['Hako.exe', ...Array.from({ length: 40 }, (_, i) => `${i}.7b`)])).toHaveLength(16);
  });

  it('prefers the second instance’s additionalData over the argv Chromium rewrote', () => {
    expect(pathsFromSecondInstance({ openFiles: ['C:\\a.7b', 42, 'C:\\b.txt', 'C:\\c.7b'] }, ['Hako.exe', 'C:\\z.7b'])).toEqual(['C:\\a.7b', 'C:\\c.7b']);
    expect(pathsFromSecondInstance({ openFiles: [] }, ['Hako.exe', 'C:\\z.7b'])).toEqual([]);
    expect(pathsFromSecondInstance(null, ['Hako.exe', 'C:\\z.7b'])).toEqual(['C:\\z.7b']);
    expect(pathsFromSecondInstance({ openFiles: 'C:\\a.7b' }, ['Hako.exe'])).toEqual([]);
  });
});
