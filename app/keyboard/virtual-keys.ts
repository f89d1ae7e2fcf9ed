/**
 * Win32 virtual-key codes (the numbers the `.7b` Keyboard hotkeys hold, reference/nanabox.md §2.2) and
 * the keys of a DOM KeyboardEvent they stand for. Values from Microsoft's "Virtual-Key Codes" table
 * (learn.microsoft.com/windows/win32/inputdev/virtual-key-codes; WinUser.h).
 *
 * Letters follow the keyboard layout on Windows (the key that types "A" is VK_A), so they are taken from
 * `event.key`; every other key from its layout-independent `event.code`.
 */

const NAMED: readonly (readonly [code: string, vk: number, name: string])[] = [
  ['Backspace', 0x08, 'Backspace'],
  ['Tab', 0x09, 'Tab'],
  ['Enter', 0x0d, 'Enter'],
  ['NumpadEnter', 0x0d, 'Enter'],
  ['Pause', 0x13, 'Pause'],
  ['CapsLock', 0x14, 'Caps Lock'],
  ['Escape', 0x1b, 'Esc'],
  ['Space', 0x20, 'Space'],
  ['PageUp', 0x21, 'Page Up'],
  ['PageDown', 0x22, 'Page Down'],
  ['End', 0x23, 'End'],
  ['Home', 0x24, 'Home'],
  ['ArrowLeft', 0x25, 'Left Arrow'],
  ['ArrowUp', 0x26, 'Up Arrow'],
  ['ArrowRight', 0x27, 'Right Arrow'],
  ['ArrowDown', 0x28, 'Down Arrow'],
  ['PrintScreen', 0x2c, 'Print Screen'],
  ['Insert', 0x2d, 'Insert'],
  ['Delete', 0x2e, 'Delete'],
  ['ContextMenu', 0x5d, 'Menu'],
  ['NumpadMultiply', 0x6a, 'Num *'],
  ['NumpadAdd', 0x6b, 'Num +'],
  ['NumpadSubtract', 0x6d, 'Num -'],
  ['NumpadDecimal', 0x6e, 'Num .'],
  ['NumpadDivide', 0x6f, 'Num /'],
  ['NumLock', 0x90, 'Num Lock'],
  ['ScrollLock', 0x91, 'Scroll Lock'],
  ['Semicolon', 0xba, ';'],
  ['Equal', 0xbb, '='],
  ['Comma', 0xbc, ','],
  ['Minus', 0xbd, '-'],
  ['Period', 0xbe, '.'],
  ['Slash', 0xbf, '/'],
  ['Backquote', 0xc0, '`'],
  ['BracketLeft', 0xdb, '['],
  ['Backslash', 0xdc, '\\'],
  ['BracketRight', 0xdd, ']'],
  ['Quote', 0xde, "'"],
  ['IntlBackslash', 0xe2, '< >'],
];

/** VK_CANCEL: what Windows reports for Ctrl+Break (Ctrl with the Pause key); NanaBox's full-screen default. */
export const VK_CANCEL = 0x03;

const BY_CODE = new Map(NAMED.map(([code, vk]) => [code, vk]));
const NAMES = new Map<number, string>([[VK_CANCEL, 'Break'], ...NAMED.map(([, vk, name]) => [vk, name] as const)]);
for (let i = 0; i < 10; i++) {
  NAMES.set(0x30 + i, String(i));
  NAMES.set(0x60 + i, `Num ${i}`);
}
for (let i = 0; i < 26; i++) NAMES.set(0x41 + i, String.fromCharCode(65 + i));
for (let i = 1; i <= 24; i++) NAMES.set(0x6f + i, `F${i}`);

/** The key as its keycap reads ("Page Up", "F11", "Break"), or null for a code without a name here. */
export function virtualKeyName(vk: number): string | null {
  return NAMES.get(vk) ?? null;
}

/** What a hotkey picker sees of a key press. */
export interface PressedKey {
  readonly key: string;
  readonly code: string;
}

/**
 * The virtual-key code of a pressed key, or null for one that cannot be a hotkey (a modifier alone,
 * a key with no Win32 code here).
 */
export function virtualKeyOf({ key, code }: PressedKey): number | null {
  if (key === 'Cancel') return VK_CANCEL;
  if (/^[a-z]$/i.test(key)) return key.toUpperCase().charCodeAt(0);
  const digit = /^(Digit|Numpad)(\d)$/.exec(code);
  if (digit) return (digit[1] === 'Digit' ? 0x30 : 0x60) + Number(digit[2]);
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1]!.charCodeAt(0);
  const fn = /^F(\d{1,2})$/.exec(code);
  if (fn && Number(fn[1]) >= 1 && Number(fn[1]) <= 24) return 0x6f + Number(fn[1]);
  return BY_CODE.get(code) ?? null;
}
