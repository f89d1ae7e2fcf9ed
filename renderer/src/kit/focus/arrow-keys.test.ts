import { describe, expect, it } from 'vitest';
import { arrowTarget } from './arrow-keys.js';

describe('arrow keys', () => {
  it('step along the orientation and wrap around; Home and End go to the ends', () => {
    expect(arrowTarget('ArrowDown', 2, 3, 'vertical')).toBe(0);
    expect(arrowTarget('ArrowUp', 0, 3, 'vertical')).toBe(2);
    expect(arrowTarget('ArrowRight', 0, 3, 'horizontal')).toBe(1);
    expect(arrowTarget('Home', 2, 3, 'horizontal')).toBe(0);
    expect(arrowTarget('End', 0, 3, 'vertical')).toBe(2);
  });

  it('ignore keys across the orientation and lists without items', () => {
    expect(arrowTarget('ArrowLeft', 1, 3, 'vertical')).toBeNull();
    expect(arrowTarget('Enter', 1, 3, 'vertical')).toBeNull();
    expect(arrowTarget('ArrowDown', -1, 0, 'vertical')).toBeNull();
  });
});
