/**
 * The window-wide shortcuts of shortcuts.ts: `?` shows them, Ctrl+O opens a VM (the "Open VM…" button,
 * so the shell's own dialog or the path dialog opens as it would on a click), Alt+N opens the New VM
 * wizard, Alt+Home goes home, Ctrl+L moves focus to the VM list. Ctrl+S belongs to the settings' save bar, which handles it itself.
 * Nothing fires while a dialog is open or while the user types.
 */
import { useEffect } from 'react';
import { useHakoStore } from '../store/context.js';
import { isTyping } from './shortcuts.js';

export function useShortcuts({ showHelp }: { readonly showHelp: () => void }): void {
  const store = useHakoStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const ctrl = event.ctrlKey || event.metaKey;
      // Most keys are no shortcut (typing in the search box): they cost nothing here. Looking for an open
      // dialog is kept for those that may be one (it walks the page, ~1 ms a key with 1,000 VMs listed).
      const maybe = event.key === '?' || event.key === 'Home' || (ctrl && /^[ol]$/i.test(event.key)) || (event.altKey && event.code === 'KeyN');
      if (!maybe || event.defaultPrevented || document.querySelector('dialog[open]') !== null) return;
      if (event.key === '?' && !ctrl && !event.altKey && !isTyping(event.target)) {
        event.preventDefault();
        showHelp();
      } else if (ctrl && !event.altKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        document.querySelector<HTMLButtonElement>('[data-shortcut="open-vm"]')?.click();
      } else if (event.altKey && !ctrl && event.code === 'KeyN' && !isTyping(event.target)) {
        event.preventDefault();
        store.getState().select({ kind: 'newVm' });
      } else if (event.altKey && !ctrl && event.key === 'Home') {
        event.preventDefault();
        store.getState().select({ kind: 'home' });
        requestAnimationFrame(() => document.getElementById('main')?.focus());
      } else if (ctrl && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        document.querySelector<HTMLElement>('.nav [tabindex="0"]')?.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store, showHelp]);
}
