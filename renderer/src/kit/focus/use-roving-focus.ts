/**
 * A long list (or grid) that is one tab stop: only its active item is tabbable; the arrow keys, Home
 * and End move the active item and focus with it, and typing a name's first letters jumps to it. Items
 * are named by key, so the active one survives the list being filtered or sorted. Works with a
 * virtualized list: it asks the list to bring an item into view (`reveal`) before focusing it, and says
 * which index must stay rendered (`activeIndex`) so focus is never lost with an unmounted row.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { arrowTarget } from './arrow-keys.js';

export interface RovingOptions {
  /** Items per row: 1 for a list (Up/Down, wrapping), more for a grid (Left/Right too, no wrapping). */
  readonly columns?: number;
  /** The item to start from when none was chosen (the one shown, say). */
  readonly preferred?: string | null;
  /** Brings the item at this index into view (scrolls a virtualized list to it). */
  readonly reveal: (index: number) => void;
  /** The element to focus for a key, once rendered. */
  readonly elementOf: (key: string) => HTMLElement | undefined;
  /** What type-ahead matches. */
  readonly nameOf: (key: string) => string;
}

export interface Roving {
  /** The tabbable item, or null when the list is empty. */
  readonly active: string | null;
  readonly activeIndex: number;
  readonly onKeyDown: (event: KeyboardEvent) => void;
  /** An item got focus (a click, a screen reader): it becomes the active one. */
  readonly onItemFocus: (key: string) => void;
}

const TYPE_AHEAD_MS = 700;

/** Grid moves: no wrapping; Up/Down a row; Home/End the ends. */
function gridTarget(key: string, index: number, count: number, columns: number): number | null {
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'ArrowDown':
      return index + columns < count ? index + columns : index;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

export function useRovingFocus(items: readonly string[], options: RovingOptions): Roving {
  const { columns = 1, preferred = null } = options;
  const [chosen, setChosen] = useState<string | null>(null);
  const focusNext = useRef<string | null>(null);
  const typed = useRef({ text: '', at: 0 });
  const latest = useRef(options);
  latest.current = options;

  const chosenIndex = chosen === null ? -1 : items.indexOf(chosen);
  const preferredIndex = chosenIndex >= 0 || preferred === null ? -1 : items.indexOf(preferred);
  const activeIndex = chosenIndex >= 0 ? chosenIndex : preferredIndex >= 0 ? preferredIndex : items.length > 0 ? 0 : -1;
  const active = activeIndex >= 0 ? items[activeIndex]! : null;

  const moveTo = useCallback((index: number, key: string) => {
    setChosen(key);
    focusNext.current = key;
    latest.current.reveal(index);
    // Already rendered: focus now (the effect below covers a row that mounts after the scroll).
    const element = latest.current.elementOf(key);
    if (element !== undefined) {
      element.focus();
      focusNext.current = null;
    }
  }, []);

  useEffect(() => {
    const key = focusNext.current;
    if (key === null) return;
    const element = latest.current.elementOf(key);
    if (element !== undefined) {
      element.focus();
      focusNext.current = null;
    }
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || items.length === 0) return;
    const from = Math.max(activeIndex, 0);
    const target = columns > 1 ? gridTarget(event.key, from, items.length, columns) : arrowTarget(event.key, from, items.length, 'vertical');
    if (target !== null) {
      event.preventDefault();
      moveTo(target, items[target]!);
      return;
    }
    if (event.key.length !== 1 || event.key === ' ') return;
    // Type-ahead: the next item whose name starts with what was typed lately.
    const now = Date.now();
    const text = (now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text : '') + event.key.toLowerCase();
    typed.current = { text, at: now };
    const start = text.length === 1 ? from + 1 : from;
    for (let step = 0; step < items.length; step++) {
      const index = (start + step) % items.length;
      if (latest.current.nameOf(items[index]!).toLowerCase().startsWith(text)) {
        event.preventDefault();
        moveTo(index, items[index]!);
        return;
      }
    }
  };

  const onItemFocus = useCallback((key: string) => setChosen(key), []);

  return { active, activeIndex, onKeyDown, onItemFocus };
}
