import { describe, expect, it } from 'vitest';
import { virtualKeyName, virtualKeyOf } from './virtual-keys.js';

describe('virtual-key codes', () => {
  it('names NanaBox’s default hotkeys as people read them', () => {
    expect([3, 36, 45, 33, 34, 46, 35, 37, 39].map(virtualKeyName)).toEqual(['Break', 'Home', 'Insert', 'Page Up', 'Page Down', 'Delete', 'End', 'Left Arrow', 'Right Arrow']);
    expect(virtualKeyName(0x7a)).toBe('F11');
    expect(virtualKeyName(0x41)).toBe('A');
    expect(virtualKeyName(0x07)).toBeNull();
  });

  it('turns a key press into its code: letters by what they type, the rest by the key’s place', () => {
    expect(virtualKeyOf({ key: 'Cancel', code: 'Pause' })).toBe(3);
    expect(virtualKeyOf({ key: 'q', code: 'KeyA' })).toBe(0x51); // AZERTY: the key that types Q is VK_Q
    expect(virtualKeyOf({ key: 'é', code: 'Digit2' })).toBe(0x32);
    expect(virtualKeyOf({ key: 'F11', code: 'F11' })).toBe(0x7a);
    expect(virtualKeyOf({ key: 'PageUp', code: 'PageUp' })).toBe(0x21);
    expect(virtualKeyOf({ key: '7', code: 'Numpad7' })).toBe(0x67);
    expect(virtualKeyOf({ key: ';', code: 'Semicolon' })).toBe(0xba);
    expect(virtualKeyOf({ key: 'Control', code: 'ControlLeft' })).toBeNull();
    expect(virtualKeyOf({ key: 'Unidentified', code: '' })).toBeNull();
  });

  it('names every key it can read back the same way it reads it', () => {
    for (const code of ['Home', 'End', 'Insert', 'Delete', 'ArrowLeft', 'Backquote', 'F24']) {
      const vk = virtualKeyOf({ key: '', code });
      expect(vk).not.toBeNull();
      expect(virtualKeyName(vk!)).not.toBeNull();
    }
  });
});
