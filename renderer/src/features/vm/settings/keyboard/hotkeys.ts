/**
 * The keyboard hotkeys of the `.7b` (reference/nanabox.md §2.2): each a key the user picks, pressed with
 * fixed modifiers (the RDP client's), stored as a Win32 virtual-key code. Two hotkeys with the same
 * modifiers and key would be one shortcut for two things.
 */
import type { Keyboard } from '../../../../../../app/config/model.js';
import { virtualKeyName } from '../../../../../../app/keyboard/virtual-keys.js';

export type HotkeyKey = Exclude<keyof Keyboard, 'RedirectKeyCombinations' | 'unknownKeys'>;

export interface Hotkey {
  readonly key: HotkeyKey;
  readonly label: string;
  readonly modifiers: 'Ctrl + Alt' | 'Alt';
}

export const HOTKEYS: readonly Hotkey[] = [
  { key: 'FullScreenHotkey', label: 'Toggle full screen', modifiers: 'Ctrl + Alt' },
  { key: 'CtrlAltDelHotkey', label: 'Send Ctrl + Alt + Del', modifiers: 'Ctrl + Alt' },
  { key: 'FocusReleaseLeftHotkey', label: 'Release keyboard and mouse', modifiers: 'Ctrl + Alt' },
  { key: 'FocusReleaseRightHotkey', label: 'Release keyboard and mouse (second key)', modifiers: 'Ctrl + Alt' },
  { key: 'CtrlEscHotkey', label: 'Send Ctrl + Esc (Start menu)', modifiers: 'Alt' },
  { key: 'AltEscHotkey', label: 'Send Alt + Esc', modifiers: 'Alt' },
  { key: 'AltTabHotkey', label: 'Send Alt + Tab', modifiers: 'Alt' },
  { key: 'AltShiftTabHotkey', label: 'Send Alt + Shift + Tab', modifiers: 'Alt' },
  { key: 'AltSpaceHotkey', label: 'Send Alt + Space (window menu)', modifiers: 'Alt' },
];

/** "Ctrl + Alt + Break". */
export function hotkeyText(hotkey: Hotkey, vk: number): string {
  return `${hotkey.modifiers} + ${virtualKeyName(vk)}`;
}

/** Per hotkey, the other hotkeys that are the same key with the same modifiers. */
export function hotkeyClashes(keyboard: Keyboard): Partial<Record<HotkeyKey, string[]>> {
  const clashes: Partial<Record<HotkeyKey, string[]>> = {};
  for (const a of HOTKEYS) {
    const others = HOTKEYS.filter((b) => b !== a && b.modifiers === a.modifiers && keyboard[b.key] === keyboard[a.key]).map((b) => b.label);
    if (others.length > 0) clashes[a.key] = others;
  }
  return clashes;
}
