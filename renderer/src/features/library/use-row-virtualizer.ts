/**
 * TanStack Virtual as the library's two lists (the pane's and the Home grid's) use it:
 * - Rows beyond the view only while the list scrolls (one each side, drawn before they come into
 *   view). A search swaps every row in view, and rows out of view were an eighth of the rows such a
 *   keystroke drew (4 of 30 in a 1360×860 window).
 * - A new size of the scroller drawn with the change that made it, never a frame later (a frame that
 *   lacks the rows the new size shows). TanStack's own observer renders them in a task after the frame.
 *   `sizeChange`: a value that changes when the list's own page resizes its scroller (the line the
 *   pane and the Home toolbar show while a search is on); the size is read in that render's commit.
 *   Any other resize (the window's) renders in the frame that laid it out.
 */
import { useVirtualizer, type Rect, type Virtualizer, type VirtualizerOptions } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

export type RowVirtualizerOptions = Pick<
  VirtualizerOptions<HTMLDivElement, Element>,
  'count' | 'getScrollElement' | 'estimateSize' | 'getItemKey' | 'rangeExtractor'
>;

const sizeOf = (element: HTMLElement): Rect => ({ width: element.clientWidth, height: element.clientHeight });

export function useRowVirtualizer(options: RowVirtualizerOptions, sizeChange?: unknown): Virtualizer<HTMLDivElement, Element> {
  const [scrolling, setScrolling] = useState(false);
  const readSize = useRef<(() => void) | null>(null);
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    ...options,
    overscan: scrolling ? 1 : 0,
    onChange: (instance) => setScrolling(instance.isScrolling),
    observeElementRect: (instance, report) => {
      const element = instance.scrollElement;
      if (element === null) return;
      const reportChange = () => {
        const size = sizeOf(element);
        if (size.width !== instance.scrollRect?.width || size.height !== instance.scrollRect.height) report(size);
      };
      report(sizeOf(element));
      readSize.current = reportChange;
      const Observer = instance.targetWindow?.ResizeObserver;
      // Its callback runs after layout, before paint: what it renders at once is in that frame.
      const observer = Observer === undefined ? null : new Observer(() => flushSync(reportChange));
      observer?.observe(element);
      return () => {
        readSize.current = null;
        observer?.disconnect();
      };
    },
  });
  // In the commit, before the frame: the rows the new size shows render at once.
  useLayoutEffect(() => readSize.current?.(), [sizeChange]);
  return virtualizer;
}
