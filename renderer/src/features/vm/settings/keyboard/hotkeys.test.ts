import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../../../../../../app/config/index.js';
import en from '../../../../../../app/i18n/messages/en.json' with { type: 'json' };
import { createTranslator } from '../../../../../../app/i18n/translator.js';
import { HOTKEYS, hotkeyClashes, hotkeyText } from './hotkeys.js';

const tr = createTranslator('en', en);

describe('hotkeys', () => {
  it('says each as it is pressed', () => {
    expect(hotkeyText(tr, HOTKEYS[0]!, 3)).toBe('Ctrl + Alt + Break');
    expect(hotkeyText(tr, HOTKEYS[0]!, 7)).toBe('Ctrl + Alt + Key code 7');
    expect(hotkeyText(tr, HOTKEYS.find((h) => h.key === 'AltTabHotkey')!, 0x21)).toBe('Alt + Page Up');
  });

  it('finds two hotkeys that are one shortcut, but not the same key under other modifiers', () => {
    const keyboard = newVmConfig('vm').config.Keyboard;
    expect(hotkeyClashes(keyboard)).toEqual({});
    keyboard.AltTabHotkey = keyboard.AltEscHotkey;
    keyboard.FullScreenHotkey = keyboard.AltSpaceHotkey;
    expect(hotkeyClashes(keyboard)).toEqual({ AltEscHotkey: ['settings.keyboard.hotkey.altTab'], AltTabHotkey: ['settings.keyboard.hotkey.altEsc'] });
  });
});
