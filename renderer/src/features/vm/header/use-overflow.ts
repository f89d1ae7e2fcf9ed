/**
 * Which commands of a toolbar fit its width: measures every command once in a hidden copy of the bar,
 * then keeps as many as fit in priority order (the rest go into the "More" menu), so a narrow window
 * shows one row of the most important commands instead of a wrapped second row.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** Room for the "More" button and the separator before it (px). */
const MORE_WIDTH = 48;

export function useOverflow<T extends string>(
  bar: RefObject<HTMLElement | null>,
  measure: RefObject<HTMLElement | null>,
  byPriority: readonly T[],
  /** Changes whenever the commands' words change (language, a busy label), so they are measured again. */
  key: string,
): ReadonlySet<T> {
  const [hidden, setHidden] = useState<ReadonlySet<T>>(new Set());
  const priorities = byPriority.join('\u0000');

  useLayoutEffect(() => {
    const element = bar.current;
    if (element === null) return;
    const compute = () => {
      // Not laid out (hidden, or a test's DOM without layout): everything shows.
      if (element.clientWidth === 0) {
        setHidden((previous) => (previous.size === 0 ? previous : new Set()));
        return;
      }
      const widths = new Map<string, number>();
      for (const child of measure.current?.querySelectorAll<HTMLElement>('[data-command]') ?? []) widths.set(child.dataset.command!, child.offsetWidth);
      const style = getComputedStyle(element);
      const gap = parseFloat(style.columnGap) || 0;
      let room = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - MORE_WIDTH;
      const next = new Set<T>();
      for (const command of priorities.split('\u0000') as T[]) {
        const width = (widths.get(command) ?? 0) + gap;
        if (next.size === 0 && width <= room) room -= width;
        else next.add(command);
      }
      setHidden((previous) => (previous.size === next.size && [...next].every((c) => previous.has(c)) ? previous : next));
    };
    compute();
    const observer = new ResizeObserver(compute);
    observer.observe(element);
    return () => observer.disconnect();
  }, [bar, measure, priorities, key]);

  return hidden;
}
