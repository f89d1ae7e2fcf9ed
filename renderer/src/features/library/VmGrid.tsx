/**
 * The start page's grid of VM cards: what the query shows, as many columns as fit, virtualized by rows
 * (only the rows in view, and the Tab stop's, are in the DOM), one Tab stop (arrow keys move by card and
 * by row, Home/End, type-ahead; Tab goes on to that card's box and Start).
 */
import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useRovingFocus } from '../../kit/focus/use-roving-focus.js';
import { useHako, useHakoStore } from '../../store/context.js';
import { isFiltering } from '../../store/index.js';
import { useFolderHints } from './folder-hints.js';
import { useRowVirtualizer } from './use-row-virtualizer.js';
import { VmCard } from './VmCard.js';

const CARD_MIN_WIDTH = 260;
const GAP = 12;
/** A card is 124 px high (VmCard.css); rows are that and the gap. */
const ROW_HEIGHT = 124 + GAP;

export function VmGrid({ labelledBy }: { readonly labelledBy: string }) {
  const store = useHakoStore();
  const visible = useHako((s) => s.visible);
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const elements = useRef(new Map<string, HTMLElement>());
  const reveal = useRef<(index: number) => void>(() => undefined);
  const [width, setWidth] = useState(0);

  // The list's own width (inside the scroller's padding and scroll bar) decides the columns.
  useLayoutEffect(() => {
    const element = listRef.current;
    if (element === null) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(1, Math.floor((width + GAP) / (CARD_MIN_WIDTH + GAP)));
  const cardWidth = Math.max(0, (width - (columns - 1) * GAP) / columns);
  const rows = Math.ceil(visible.length / columns);

  const roving = useRovingFocus(visible, {
    columns,
    reveal: (index) => reveal.current(index),
    elementOf: (path) => elements.current.get(path),
    nameOf: (path) => store.getState().library.get(path)?.name ?? '',
  });
  const hints = useFolderHints();
  // The rows of the Tab stop and of the focused card stay rendered, so focus is never lost with a row
  // scrolled away.
  const [keepA, keepB] = roving.keep.map((index) => (index < 0 ? -1 : Math.floor(index / columns)));

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      for (const row of [keepA!, keepB!]) if (row >= 0 && row < range.count && !indexes.includes(row)) indexes.push(row);
      return indexes.sort((a, b) => a - b);
    },
    [keepA, keepB],
  );
  // The toolbar above shows how many VMs a search shows, which may take a line of the grid's room.
  const filtering = useHako((s) => isFiltering(s.query));
  const virtualizer = useRowVirtualizer(
    {
      count: rows,
      getScrollElement: () => scrollRef.current,
      estimateSize: () => ROW_HEIGHT,
      rangeExtractor,
    },
    filtering,
  );
  reveal.current = (index) => virtualizer.scrollToIndex(Math.floor(index / columns));

  const register = useCallback((path: string, element: HTMLElement | null) => {
    if (element) elements.current.set(path, element);
    else elements.current.delete(path);
  }, []);

  return (
    // tabIndex -1: the grid's Tab stop is its card, never the scroller (see VmList).
    <div className="vm-grid-scroll" ref={scrollRef} tabIndex={-1}>
      <ul ref={listRef} className="vm-cards" aria-labelledby={labelledBy} style={{ height: Math.max(0, virtualizer.getTotalSize() - GAP) }} onKeyDown={roving.onKeyDown}>
        {width > 0 &&
          virtualizer.getVirtualItems().flatMap((row) =>
            visible.slice(row.index * columns, row.index * columns + columns).map((path, column) => {
              const index = row.index * columns + column;
              return (
                <VmCard
                  key={path}
                  path={path}
                  left={column * (cardWidth + GAP)}
                  top={row.start}
                  width={cardWidth}
                  position={index + 1}
                  total={visible.length}
                  tabbable={path === roving.tabStop}
                  hint={hints.get(path)}
                  register={register}
                  onItemFocus={roving.onItemFocus}
                />
              );
            }),
          )}
      </ul>
    </div>
  );
}
