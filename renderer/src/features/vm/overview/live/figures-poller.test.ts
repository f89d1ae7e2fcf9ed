import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError } from '../../../../../../test/support/renderer/stub-api.js';
import { FiguresPoller, type Figures, type FiguresSample } from './figures-poller.js';

const FIGURES: Figures = { uptimeMs: 1_000, cpuPercent: 5, memoryAssignedMb: 512, memoryUsedMb: 200 };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function poller(read: () => Promise<Figures>) {
  const samples: FiguresSample[] = [];
  const errors: unknown[] = [];
  const p = new FiguresPoller({ read, intervalMs: 2_000, onSample: (s) => samples.push(s), onError: (e) => errors.push(e), now: () => 42 });
  return { p, samples, errors };
}

describe('the live figures poller', () => {
  it('reads at once, then every interval after each answer, and not at all once stopped', async () => {
    const read = vi.fn(() => Promise.resolve(FIGURES));
    const { p, samples } = poller(read);
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(1);
    expect(samples).toEqual([{ ...FIGURES, at: 42 }]);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toHaveBeenCalledTimes(2);
    p.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(read).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never has two reads in flight, and drops an answer that comes after the stop', async () => {
    let answer!: (f: Figures) => void;
    const read = vi.fn(() => new Promise<Figures>((resolve) => (answer = resolve)));
    const { p, samples } = poller(read);
    p.start();
    p.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(read).toHaveBeenCalledTimes(1);
    p.stop();
    answer(FIGURES);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(samples).toEqual([]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('goes on after a failed read, and stops when the VM no longer runs', async () => {
    const read = vi
      .fn<() => Promise<Figures>>()
      .mockRejectedValueOnce(apiError({ code: 'HcsError', message: 'busy' }))
      .mockRejectedValueOnce(apiError({ code: 'VmNotRunning', message: 'The VM is not running.' }));
    const { p, errors } = poller(read);
    p.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(read).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(read).toHaveBeenCalledTimes(2);
    expect(errors.map((e) => (e as { code: string }).code)).toEqual(['HcsError', 'VmNotRunning']);
  });
});
