/**
 * A long list (or grid) that is one Tab stop: only one item is tabbable; the arrow keys, Home and End
 * move focus from item to item, and typing a name's first letters jumps to it. Items are named by key,
 * so focus survives the list being filtered or sorted. Works with a virtualized list: it asks the list
 * to bring an item into view (`reveal`) before focusing it, and says which items must stay rendered
 * (`keep`: the Tab stop and the focused item), so focus is never lost with an unmounted row.
 *
 * The Tab stop is `tabStop` when the caller names one (a navigation pane: the entry of the page
 * showing), else the item last focused (a grid), else the first.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { arrowTarget } from './arrow-keys.js';

export interface RovingOptions {
  /** Items per row: 1 for a list (Up/Down, wrapping), more for a grid (Left/Right too, no wrapping). */
  readonly columns?: number;
  /** The item that is the Tab stop, when the caller decides (it falls back to the first item). */
  readonly tabStop?: string | null;
  /** Brings the item at this index into view (scrolls a virtualized list to it). */
  readonly reveal: (index: number) => void;
  /** The element to focus for a key, once rendered. */
  readonly elementOf: (key: string) => HTMLElement | undefined;
  /** What type-ahead matches. */
  readonly nameOf: (key: string) => string;
}

export interface Roving {
  /** The tabbable item, or null when there are none. */
  readonly tabStop: string | null;
  /** The indexes that must stay rendered: the Tab stop's and the focused item's (-1: none). */
  readonly keep: readonly number[];
  readonly onKeyDown: (event: KeyboardEvent) => void;
  /** An item got focus (a click, a screen reader, Tab): moves from there. */
  readonly onItemFocus: (key: string) => void;
}

const TYPE_AHEAD_MS = 700;

/** Grid moves: no wrapping; Up/Down a row; Home/End the ends. */
function gridTarget(key: string, index: number, count: number, columns: number): number | null {
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'ArrowRight':
      return Math.min(count - 1, index + 1);
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
  const { columns = 1 } = options;
  const [focused, setFocused] = useState<string | null>(null);
  const focusNext = useRef<string | null>(null);
  const typed = useRef({ text: '', at: 0 });
  const latest = useRef(options);
  latest.current = options;

  const focusedIndex = focused === null ? -1 : items.indexOf(focused);
  const wanted = options.tabStop !== undefined ? options.tabStop : focused;
  const wantedIndex = wanted === null ? -1 : items.indexOf(wanted);
  const tabStopIndex = wantedIndex >= 0 ? wantedIndex : items.length > 0 ? 0 : -1;
  const tabStop = tabStopIndex >= 0 ? items[tabStopIndex]! : null;

  const focusNow = (key: string): boolean => {
    const element = latest.current.elementOf(key);
    if (element === undefined) return false;
    element.focus();
    return true;
  };

  const moveTo = (index: number) => {
    const key = items[index]!;
    setFocused(key);
    latest.current.reveal(index);
    // Rendered already: focus now; else once the row has mounted (the effect below).
    focusNext.current = focusNow(key) ? null : key;
  };

  useEffect(() => {
    if (focusNext.current !== null && focusNow(focusNext.current)) focusNext.current = null;
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || items.length === 0) return;
    const from = focusedIndex >= 0 ? focusedIndex : Math.max(tabStopIndex, 0);
    const target = columns > 1 ? gridTarget(event.key, from, items.length, columns) : arrowTarget(event.key, from, items.length, 'vertical');
    if (target !== null) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    if (event.key.length !== 1) return;
    // Type-ahead: the next item whose name starts with what was typed lately. A space goes on a name
    // being typed; alone it is the button's own key.
    const now = Date.now();
    const sofar = now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text : '';
    if (event.key === ' ' && sofar === '') return;
    const text = sofar + event.key.toLocaleLowerCase();
    typed.current = { text, at: now };
    const start = text.length === 1 ? from + 1 : from;
    for (let step = 0; step < items.length; step++) {
      const index = (start + step) % items.length;
      if (latest.current.nameOf(items[index]!).toLocaleLowerCase().startsWith(text)) {
        event.preventDefault();
        moveTo(index);
        return;
      }
    }
  };

  const onItemFocus = useCallback((key: string) => setFocused(key), []);

  return { tabStop, keep: [tabStopIndex, focusedIndex], onKeyDown, onItemFocus };
}
