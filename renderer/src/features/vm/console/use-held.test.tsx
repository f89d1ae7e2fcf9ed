import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useHeld } from './use-held.js';

describe('useHeld', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds a flag for a while after it drops', () => {
    const { result, rerender } = renderHook(({ value }) => useHeld(value, 2_000), { initialProps: { value: true } });
    expect(result.current).toBe(true);
    rerender({ value: false });
    expect(result.current).toBe(true);
    act(() => vi.advanceTimersByTime(1_999));
    expect(result.current).toBe(true);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(false);
  });

  it('is never up when the flag never was', () => {
    const { result } = renderHook(() => useHeld(false, 2_000));
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(3_000));
    expect(result.current).toBe(false);
  });

  it('shows a flag that rose and fell between two renders, from when it was seen up', () => {
    const { result, rerender } = renderHook(({ at }) => useHeld(false, 2_000, at), { initialProps: { at: 0 } });
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(500));
    rerender({ at: Date.now() - 500 });
    expect(result.current).toBe(true);
    act(() => vi.advanceTimersByTime(1_499));
    expect(result.current).toBe(true);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(false);
  });
});
