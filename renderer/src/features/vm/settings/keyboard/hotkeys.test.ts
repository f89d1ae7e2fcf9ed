import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../../../../../../app/config/index.js';
import { HOTKEYS, hotkeyClashes, hotkeyText } from './hotkeys.js';

describe('hotkeys', () => {
  it('says each as it is pressed', () => {
    expect(hotkeyText(HOTKEYS[0]!, 3)).toBe('Ctrl + Alt + Break');
    expect(hotkeyText(HOTKEYS.find((h) => h.key === 'AltTabHotkey')!, 0x21)).toBe('Alt + Page Up');
  });

  it('finds two hotkeys that are one shortcut, but not the same key under other modifiers', () => {
    const keyboard = newVmConfig('vm').config.Keyboard;
    expect(hotkeyClashes(keyboard)).toEqual({});
    keyboard.AltTabHotkey = keyboard.AltEscHotkey;
    keyboard.FullScreenHotkey = keyboard.AltSpaceHotkey;
    expect(hotkeyClashes(keyboard)).toEqual({ AltEscHotkey: ['Send Alt + Tab'], AltTabHotkey: ['Send Alt + Esc'] });
  });
});
