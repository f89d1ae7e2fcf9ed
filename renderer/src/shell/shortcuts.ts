/** The window's keyboard shortcuts, listed in the help overlay (`?`) from this one table. */
import type { MessageKey } from '../../../app/i18n/catalogue.js';

export interface Shortcut {
  /** The keys as printed; `keysKey` when the keys themselves are words of the catalogue. */
  readonly keys?: string;
  readonly keysKey?: MessageKey;
  readonly action: MessageKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: '?', action: 'shortcuts.help' },
  { keys: 'Ctrl+O', action: 'shortcuts.openVm' },
  // Not Ctrl+N: a browser keeps that one for a new window, so the browser host could never see it.
  { keys: 'Alt+N', action: 'shortcuts.newVm' },
  { keys: 'Alt+Home', action: 'shortcuts.home' },
  { keys: 'Ctrl+L', action: 'shortcuts.library' },
  { keysKey: 'shortcuts.listKeysKeys', action: 'shortcuts.listKeys' },
  { keysKey: 'shortcuts.tabsKeys', action: 'shortcuts.tabs' },
  { keys: 'Ctrl+S', action: 'shortcuts.save' },
  { keys: 'Esc', action: 'shortcuts.close' },
  // The serial console's own keys (features/vm/console): Windows Terminal's clipboard keys, and the way out.
  { keys: 'Ctrl+Shift+C', action: 'shortcuts.consoleCopy' },
  { keys: 'Ctrl+Shift+V', action: 'shortcuts.consolePaste' },
  { keysKey: 'shortcuts.consoleRightClickKeys', action: 'shortcuts.consoleRightClick' },
  { keys: 'Shift+Esc', action: 'shortcuts.consoleLeave' },
];

/** Typing in a box, or a key meant for a control (a select, a menu), is never a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [role="menu"]') !== null;
}
