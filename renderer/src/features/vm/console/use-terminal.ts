/**
 * An xterm.js terminal in a host element, for as long as the component lives: sized to the host (fit
 * add-on, on every resize), coloured by the theme's tokens (and again when the theme changes), searchable
 * (search add-on). This module is only reached through the console tab's lazy chunk, so xterm never
 * weighs on the first load.
 *
 * xterm keeps Tab (the guest's completion needs it), so focus could never leave the terminal by keyboard;
 * Shift+Esc is Hako's way out (`onLeave`), said next to the terminal. Nothing the guest reads uses it:
 * xterm would send a plain ESC for it. The clipboard keys are Windows Terminal's (clipboard-keys.ts).
 */
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { clipboardAction, rightClickAction, type ClipboardAction } from './clipboard-keys.js';
import { routeCellStyles, withScriptStyles } from './script-styles.js';
import { terminalTheme, watchTheme } from './terminal-theme.js';

/** Lines the terminal keeps to scroll back through (and to save). */
export const SCROLLBACK_LINES = 5_000;

export interface TerminalParts {
  readonly terminal: Terminal;
  readonly search: SearchAddon;
}

export interface TerminalOptions {
  /** The terminal input's accessible name. */
  readonly label: string;
  /** The user typed or pasted something. */
  readonly onInput: (data: string) => void;
  /** The user pressed Shift+Esc to leave the terminal. */
  readonly onLeave: () => void;
  /** Copying or pasting failed (the clipboard was refused). */
  readonly onClipboardError: (action: ClipboardAction, error: unknown) => void;
}

export function useTerminal(host: RefObject<HTMLDivElement | null>, options: TerminalOptions): TerminalParts | null {
  const [parts, setParts] = useState<TerminalParts | null>(null);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const terminal = new Terminal({
      scrollback: SCROLLBACK_LINES,
      fontFamily: getComputedStyle(element).getPropertyValue('--mono').trim() || 'monospace',
      fontSize: 13,
      theme: terminalTheme(element),
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    terminal.loadAddon(fit);
    terminal.loadAddon(search);
    const runClipboard = (action: ClipboardAction) => {
      const done = action === 'copy' ? copySelection(terminal) : navigator.clipboard.readText().then((text) => terminal.paste(text));
      done.catch((error: unknown) => latest.current.onClipboardError(action, error));
    };
    terminal.attachCustomKeyEventHandler((event) => {
      if (event.type === 'keydown' && event.key === 'Escape' && event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        latest.current.onLeave();
        return false;
      }
      const action = clipboardAction(event, terminal.hasSelection());
      if (action === null) return true;
      // Every event of the chord (keydown, keypress, keyup) stays away from the guest; keydown acts.
      event.preventDefault();
      if (event.type === 'keydown') runClipboard(action);
      return false;
    });
    // The right button copies or pastes (clipboard-keys.ts) instead of opening the page's menu. Only the
    // mouse's: the menu key and Shift+F10 are keys, and keys go to the guest.
    const onContextMenu = (event: MouseEvent) => {
      if (event.button !== 2) return;
      event.preventDefault();
      runClipboard(rightClickAction(terminal.hasSelection()));
      terminal.focus();
    };
    element.addEventListener('contextmenu', onContextMenu);
    withScriptStyles(element.ownerDocument, () => terminal.open(element));
    routeCellStyles(terminal);
    terminal.textarea?.setAttribute('aria-label', latest.current.label);
    const input = terminal.onData((data) => latest.current.onInput(data));
    const resize = new ResizeObserver(() => {
      // Hidden (zero-sized) hosts have no size to fit to.
      if (element.clientWidth > 0 && element.clientHeight > 0) fit.fit();
    });
    resize.observe(element);
    const stopWatching = watchTheme(element.ownerDocument, () => {
      terminal.options.theme = terminalTheme(element);
    });
    setParts({ terminal, search });
    return () => {
      setParts(null);
      element.removeEventListener('contextmenu', onContextMenu);
      stopWatching();
      resize.disconnect();
      input.dispose();
      terminal.dispose();
    };
  }, [host]);

  useEffect(() => {
    parts?.terminal.textarea?.setAttribute('aria-label', options.label);
  }, [parts, options.label]);

  return parts;
}

/** Puts the selection on the clipboard and clears it (nothing selected: nothing to copy). */
async function copySelection(terminal: Terminal): Promise<void> {
  const text = terminal.getSelection();
  if (text === '') return;
  terminal.clearSelection();
  await navigator.clipboard.writeText(text);
}

/** The terminal's whole buffer as text, line by line (what the user can scroll through). */
export function terminalText(terminal: Terminal): string {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    if (!line) continue;
    // A wrapped line continues the one before it, so the one before keeps its trailing blanks.
    const text = line.translateToString(!buffer.getLine(i + 1)?.isWrapped);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
