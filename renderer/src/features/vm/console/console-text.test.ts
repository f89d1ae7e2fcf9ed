import { describe, expect, it } from 'vitest';
import { defaultSavePath, saveParts } from './console-text.js';

describe('saving console text', () => {
  it('sends one replacing part when the text fits, then appending parts', () => {
    expect(saveParts('abc', 10)).toEqual([{ text: 'abc', append: false }]);
    expect(saveParts('abcdefg', 3)).toEqual([
      { text: 'abc', append: false },
      { text: 'def', append: true },
      { text: 'g', append: true },
    ]);
  });

  it('still writes an empty file for an empty buffer', () => {
    expect(saveParts('')).toEqual([{ text: '', append: false }]);
  });

  it('never cuts a character made of two UTF-16 units', () => {
    const parts = saveParts('ab😀cd', 3);
    expect(parts.map((p) => p.text)).toEqual(['ab', '😀c', 'd']);
    expect(parts.map((p) => p.text).join('')).toBe('ab😀cd');
  });

  it('names a log next to the VM file, in that folder’s style', () => {
    expect(defaultSavePath('C:\\VMs\\Demo\\Demo.7b', 'Demo', 'COM1')).toBe('C:\\VMs\\Demo\\Demo-COM1.log');
    expect(defaultSavePath('/vms/a/a.7b', 'My: VM', 'COM2')).toBe('/vms/a/My- VM-COM2.log');
  });
});
