import { describe, expect, it } from 'vitest';
import { shouldRecreateWindow } from './window-crashes.js';

describe('renderer crashes', () => {
  it('recreates the window unless it crashed three times within a minute', () => {
    expect(shouldRecreateWindow([], 100_000)).toBe(true);
    expect(shouldRecreateWindow([90_000, 95_000], 100_000)).toBe(true);
    expect(shouldRecreateWindow([50_000, 90_000, 95_000], 100_000)).toBe(false);
    expect(shouldRecreateWindow([10_000, 20_000, 30_000], 100_000)).toBe(true);
  });
});
