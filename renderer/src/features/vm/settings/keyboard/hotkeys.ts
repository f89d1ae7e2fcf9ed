/**
 * The keyboard hotkeys of the `.7b` (reference/nanabox.md §2.2): each a key the user picks, pressed with
 * fixed modifiers (the RDP client's), stored as a Win32 virtual-key code. Two hotkeys with the same
 * modifiers and key would be one shortcut for two things.
 */
import type { Keyboard } from '../../../../../../app/config/model.js';
import type { MessageKey } from '../../../../../../app/i18n/catalogue.js';
import type { Translator } from '../../../../../../app/i18n/translator.js';
import { virtualKeyName } from '../../../../../../app/keyboard/virtual-keys.js';

export type HotkeyKey = Exclude<keyof Keyboard, 'RedirectKeyCombinations' | 'unknownKeys'>;

export interface Hotkey {
  readonly key: HotkeyKey;
  /** The catalogue's name for what it does. */
  readonly label: MessageKey;
  readonly modifiers: 'Ctrl + Alt' | 'Alt';
}

export const HOTKEYS: readonly Hotkey[] = [
  { key: 'FullScreenHotkey', label: 'settings.keyboard.hotkey.fullScreen', modifiers: 'Ctrl + Alt' },
  { key: 'CtrlAltDelHotkey', label: 'settings.keyboard.hotkey.ctrlAltDel', modifiers: 'Ctrl + Alt' },
  { key: 'FocusReleaseLeftHotkey', label: 'settings.keyboard.hotkey.release', modifiers: 'Ctrl + Alt' },
  { key: 'FocusReleaseRightHotkey', label: 'settings.keyboard.hotkey.release2', modifiers: 'Ctrl + Alt' },
  { key: 'CtrlEscHotkey', label: 'settings.keyboard.hotkey.ctrlEsc', modifiers: 'Alt' },
  { key: 'AltEscHotkey', label: 'settings.keyboard.hotkey.altEsc', modifiers: 'Alt' },
  { key: 'AltTabHotkey', label: 'settings.keyboard.hotkey.altTab', modifiers: 'Alt' },
  { key: 'AltShiftTabHotkey', label: 'settings.keyboard.hotkey.altShiftTab', modifiers: 'Alt' },
  { key: 'AltSpaceHotkey', label: 'settings.keyboard.hotkey.altSpace', modifiers: 'Alt' },
];

/**
 * "Ctrl + Alt + Break". Key names stay as keyboards print them (keycaps read "Page Up" in every
 * language); only a key without a name is worded by the catalogue.
 */
export function hotkeyText(tr: Translator, hotkey: Hotkey, vk: number): string {
  const name = virtualKeyName(vk);
  return `${hotkey.modifiers} + ${name ?? tr.t('settings.keyboard.keyCode', { code: vk })}`;
}

/** Per hotkey, the other hotkeys that are the same key with the same modifiers (their catalogue names). */
export function hotkeyClashes(keyboard: Keyboard): Partial<Record<HotkeyKey, MessageKey[]>> {
  const clashes: Partial<Record<HotkeyKey, MessageKey[]>> = {};
  for (const a of HOTKEYS) {
    const others = HOTKEYS.filter((b) => b !== a && b.modifiers === a.modifiers && keyboard[b.key] === keyboard[a.key]).map((b) => b.label);
    if (others.length > 0) clashes[a.key] = others;
  }
  return clashes;
}
