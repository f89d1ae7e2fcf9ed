/**
 * The console's clipboard keys, as Windows Terminal has them: Ctrl+Shift+C copies the selection and
 * Ctrl+Shift+V pastes; Ctrl+C copies too while text is selected (and clears the selection, so the next
 * Ctrl+C interrupts). Ctrl+C without a selection is the guest's (^C), and so is every other key, Ctrl+V
 * included: xterm sends it as ^V (quoted insert in a shell, block selection in vim), which a serial guest
 * may need more than a second paste key. (Windows Terminal binds Ctrl+V to paste as well; Hako does not.)
 * The mouse's right button is the console window's (conhost, and Windows Terminal by default): it copies
 * the selection, or pastes when nothing is selected.
 */

export type ClipboardAction = 'copy' | 'paste';

/** The parts of a keyboard event the decision needs. */
export interface KeyChord {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
}

/** What a key does to the clipboard, or null when it is the guest's. */
export function clipboardAction(event: KeyChord, hasSelection: boolean): ClipboardAction | null {
  if (!event.ctrlKey || event.altKey || event.metaKey) return null;
  const key = event.key.toLowerCase();
  if (event.shiftKey && key === 'c') return 'copy';
  if (event.shiftKey && key === 'v') return 'paste';
  if (!event.shiftKey && key === 'c' && hasSelection) return 'copy';
  return null;
}

/** What a right click does: copy what is selected, else paste. */
export function rightClickAction(hasSelection: boolean): ClipboardAction {
  return hasSelection ? 'copy' : 'paste';
}
