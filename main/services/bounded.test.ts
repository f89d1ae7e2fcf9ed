import { describe, expect, it } from 'vitest';
import { eachWithDeadline } from './bounded.js';

describe('eachWithDeadline', () => {
  it('runs at most `limit` at once and never waits past a deadline', async () => {
    let running = 0;
    let most = 0;
    const failed: number[] = [];
    const started = Date.now();
    await eachWithDeadline(
      [1, 2, 3, 4, 5, 6],
      2,
      50,
      async (n) => {
        running++;
        most = Math.max(most, running);
        try {
          // Item 3 never finishes; item 5 fails.
          await new Promise((resolve, reject) => (n === 3 ? undefined : n === 5 ? reject(new Error('bad')) : setTimeout(resolve, 5)));
        } finally {
          running--;
        }
      },
      (n) => failed.push(n),
    );
    // The never-ending step stops being waited for, so a third may start beside the other running one.
    expect(most).toBeLessThanOrEqual(3);
    expect(failed.sort()).toEqual([3, 5]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
