import { describe, expect, it } from 'vitest';
import { effectiveTheme } from './theme.js';

describe('theme', () => {
  it('follows the system unless the preference forces one', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme(undefined, true)).toBe('dark');
  });
});
