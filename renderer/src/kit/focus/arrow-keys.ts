/**
 * Moving between the items of a list, a menu or a tab list with the keyboard, as Windows does it: the
 * arrow keys of the list's orientation step and wrap around, Home and End go to the ends.
 */
export type Orientation = 'vertical' | 'horizontal';

/** The index the key moves to from `index` among `count` items, or null when the key is not a move. */
export function arrowTarget(key: string, index: number, count: number, orientation: Orientation): number | null {
  if (count === 0) return null;
  const [back, forward] = orientation === 'vertical' ? ['ArrowUp', 'ArrowDown'] : ['ArrowLeft', 'ArrowRight'];
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (key === forward) return (index + 1) % count;
  if (key === back) return (index - 1 + count) % count;
  return null;
}
